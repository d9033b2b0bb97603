package dev.codemill.io.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.plan.IngestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip bombs, size caps, nesting and corrupt archives. */
class ArchiveGuardsTest {
    @TempDir
    Path tmp;

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.getKey());
                z.putArchiveEntry(ze);
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(bos)) {
            g.write(data);
        }
        return bos.toByteArray();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> m(Object... kv) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (byte[]) kv[i + 1]);
        }
        return m;
    }

    Recorder read(String name, byte[] data, IngestOptions opts) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, data);
        Recorder r = new Recorder();
        ArchiveReader.split(f, opts).read(r);
        return r;
    }

    static IngestOptions opts(long maxFile, double ratio, int depth) {
        return new IngestOptions(maxFile, ratio, depth, "content", "path", "repo_name", "blob_id");
    }

    @Test
    void zipBombQuarantinesTheEntryThatPassesTheBudgetAndEveryLaterOne() throws Exception {
        byte[] zeros = new byte[2_000_000];
        byte[] data = zip(m("a.py", b("a = 1\n"), "zeros.txt", zeros, "b.py", b("b = 2\n")));
        assertThat((double) zeros.length / data.length).isGreaterThan(100);
        Recorder r = read("bomb.zip", data, IngestOptions.DEFAULTS);
        assertThat(r.keptPaths()).containsExactly("bomb|a.py");
        assertThat(r.rulesByPath()).containsExactly(entry("zeros.txt", "zip_bomb"), entry("b.py", "zip_bomb"));
        long budget = (long) (data.length * 100.0);
        assertThat(r.refused.get(0).verdict().limit()).isEqualTo(Long.toString(budget));
        // the entry read stops one byte past the budget, never at its declared 2 MB
        assertThat(Long.parseLong(r.refused.get(0).verdict().value())).isEqualTo(budget + 1);
    }

    @Test
    void tarGzBombStopsTheStreamAndReportsTheRest() throws Exception {
        byte[] data = gzip(tar(m("a.py", b("a = 1\n"), "zeros.txt", new byte[4_000_000], "b.py", b("b = 2\n"))));
        Recorder r = read("bomb.tar.gz", data, IngestOptions.DEFAULTS);
        assertThat(r.keptPaths()).containsExactly("bomb|a.py");
        assertThat(r.rulesByPath()).containsExactly(entry("zeros.txt", "zip_bomb"), entry("bomb.tar.gz", "zip_bomb"));
        assertThat(r.refused.get(1).doc().id()).isEqualTo(DocId.of("bomb.tar.gz!#rest"));
        assertThat(r.refused.get(1).verdict().detail()).contains("after 2 entries");
    }

    @Test
    void tooLargeEntriesAreRefusedByDeclaredAndByReadSize() throws Exception {
        byte[] big = b("x".repeat(101));
        Recorder r = read("s.tar", tar(m("big.py", big, "ok.py", b("ok\n"))), opts(100, 100, 2));
        assertThat(r.keptPaths()).containsExactly("s|ok.py");
        assertThat(r.refused).singleElement().satisfies(f -> {
            assertThat(f.verdict().rule()).isEqualTo("too_large");
            assertThat(f.verdict().value()).isEqualTo("101");
            assertThat(f.verdict().limit()).isEqualTo("100");
        });
        Recorder z = read("s.zip", zip(m("big.py", big, "ok.py", b("ok\n"))), opts(100, 1000, 2));
        assertThat(z.rulesByPath()).containsExactly(entry("big.py", "too_large"));
    }

    @Test
    void nestedArchivesAreReadUpToTheDepthLimit() throws Exception {
        byte[] inner2 = tar(m("deep.py", b("deep = 3\n")));
        byte[] inner1 = zip(m("mid.py", b("mid = 2\n"), "lib/l2.tar", inner2));
        byte[] outer = zip(m("top.py", b("top = 1\n"), "vendor/l1.zip", inner1));
        Recorder r = read("outer.zip", outer, opts(1_000_000, 1000, 2));
        assertThat(r.keptPaths()).containsExactly("outer|top.py", "outer|vendor/l1.zip!/mid.py",
                "outer|vendor/l1.zip!/lib/l2.tar!/deep.py");
        assertThat(r.kept.get(2).id()).isEqualTo(DocId.of("outer.zip!vendor/l1.zip!lib/l2.tar!deep.py"));
        assertThat(r.kept.get(2).source().fileName()).isEqualTo("deep.py");
        assertThat(r.refused).isEmpty();

        Recorder shallow = read("outer.zip", outer, opts(1_000_000, 1000, 1));
        assertThat(shallow.keptPaths()).containsExactly("outer|top.py", "outer|vendor/l1.zip!/mid.py");
        assertThat(shallow.rulesByPath()).containsExactly(entry("vendor/l1.zip!/lib/l2.tar", "archive_depth"));
        assertThat(shallow.refused.get(0).verdict().value()).isEqualTo("2");

        Recorder none = read("outer.zip", outer, opts(1_000_000, 1000, 0));
        assertThat(none.rulesByPath()).containsExactly(entry("vendor/l1.zip", "archive_depth"));
    }

    @Test
    void corruptArchivesGiveOneBadArchiveDocumentAndTheRunGoesOn() throws Exception {
        Recorder r = read("broken.zip", b("this is not a zip file at all"), IngestOptions.DEFAULTS);
        assertThat(r.kept).isEmpty();
        assertThat(r.refused).singleElement().satisfies(f -> {
            assertThat(f.verdict().rule()).isEqualTo("bad_archive");
            assertThat(f.doc().id()).isEqualTo(DocId.of("broken.zip!"));
            assertThat(f.doc().source().path()).isEqualTo("broken.zip");
        });

        byte[] tgz = gzip(tar(m("a.py", b("a = 1\n"), "b.py", b("b".repeat(5000)))));
        Recorder t = read("cut.tgz", Arrays.copyOf(tgz, tgz.length - 30), IngestOptions.DEFAULTS);
        // issue 14: an entry of a compressed stream that fails its check is never kept
        assertThat(t.kept).isEmpty();
        assertThat(t.rulesByPath()).containsExactly(entry("a.py", "corrupt_input"), entry("cut.tgz", "bad_archive"));

        byte[] outer = zip(m("x.py", b("x\n"), "inner.zip", b("garbage"), "y.py", b("y\n")));
        Recorder n = read("o.zip", outer, IngestOptions.DEFAULTS);
        assertThat(n.keptPaths()).containsExactly("o|x.py", "o|y.py");
        assertThat(n.rulesByPath()).containsExactly(entry("inner.zip", "bad_archive"));
    }

    @Test
    void entryNamesAreNormalisedBeforeEveryCheck() {
        assertThat(EntryNames.normalise("a/./b//c.py").path()).isEqualTo("a/b/c.py");
        assertThat(EntryNames.normalise("a\\b\\c.py").path()).isEqualTo("a/b/c.py");
        assertThat(EntryNames.normalise("c:relative.py").rule()).isEqualTo("absolute_path");
        assertThat(EntryNames.normalise("\\\\server\\share\\x.py").rule()).isEqualTo("absolute_path");
        assertThat(EntryNames.normalise("a/" + "x/".repeat(3000) + "../../y.py").rule()).isEqualTo("path_traversal");
        assertThat(EntryNames.normalise("a\0b").rule()).isEqualTo("bad_name");
        assertThat(EntryNames.targetStaysInside("proj/src/link", "../ok.py")).isTrue();
        assertThat(EntryNames.targetStaysInside("proj/src/link", "../../../x")).isFalse();
        assertThat(EntryNames.targetStaysInside("proj/link", "C:\\x")).isFalse();
    }
}
