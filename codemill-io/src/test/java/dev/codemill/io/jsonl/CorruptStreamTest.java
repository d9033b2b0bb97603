package dev.codemill.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import dev.codemill.io.Archives;
import dev.codemill.io.Compression;
import dev.codemill.io.DumpFields;
import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.Keys;
import dev.codemill.plan.IngestOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Compressed dumps whose stream fails its check: no record of them is kept (issue 14 §3). */
class CorruptStreamTest {
    @TempDir
    Path tmp;

    static final String THREE = "{\"content\":\"a = 1\\n\",\"path\":\"a.py\"}\n"
            + "{\"content\":\"b = 2\\n\",\"path\":\"b.py\"}\n"
            + "{\"content\":\"c = 3\\n\",\"path\":\"c.py\"}\n";

    Recorder read(String name, byte[] data) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, data);
        return Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
    }

    @Test
    void aGzipDumpWhoseCrcTrailerIsFlippedKeepsNoRecord() throws Exception {
        // Before: the three records were kept, then one corrupt_input for the trailer.
        byte[] raw = THREE.getBytes(StandardCharsets.UTF_8);
        byte[] gz = Archives.compress(Compression.GZIP, raw);
        gz[gz.length - 8] ^= 0x01; // first byte of the CRC-32 trailer (RFC 1952 §2.3.1)
        Recorder r = read("crc.jsonl.gz", gz);
        assertThat(r.kept).isEmpty();
        assertThat(r.refused).hasSize(4);
        String why = "crc.jsonl.gz (gzip): stream fails its check: ZipException: Corrupt GZIP trailer at decompressed byte "
                + raw.length + "; no record of it is kept";
        for (int i = 0; i < 3; i++) {
            var f = r.refused.get(i);
            assertThat(f.verdict().rule()).isEqualTo("corrupt_input");
            assertThat(f.verdict().detail()).isEqualTo(why);
            String path = "abc".charAt(i) + ".py";
            // the id the record would have had when kept
            assertThat(f.doc().id()).isEqualTo(DumpFields.idOf(java.util.Map.of("path", path), "crc.jsonl.gz", i + 1,
                    IngestOptions.DEFAULTS));
            assertThat(f.doc().source().path()).isEqualTo(path);
            assertThat(f.doc().bytes()).isEmpty();
            assertThat(f.doc().get(Keys.LENGTH_BYTES)).isEqualTo(6L);
        }
        assertThat(r.refused.get(3).verdict().rule()).isEqualTo("corrupt_input");
        assertThat(r.refused.get(3).verdict().detail()).isEqualTo("crc.jsonl.gz:4: ZipException: Corrupt GZIP trailer");
    }

    static String lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) { // 12000 lines, ~500 KB: several blocks of gzip and zstd
            sb.append("{\"content\":\"v = ").append(i).append("\",\"path\":\"p").append(i).append(".py\"}\n");
        }
        return sb.toString();
    }

    @Test
    void aZstdDumpWhoseContentChecksumIsFlippedKeepsNoRecord() throws Exception {
        // Before: the records of every block before the frame's XXH64 checksum were kept.
        byte[] raw = lines(12000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bos)) {
            z.setChecksum(true); // as the zstd command line writes by default
            z.write(raw);
        }
        byte[] zst = bos.toByteArray();
        zst[zst.length - 1] ^= 0x01; // last byte of the XXH64 content checksum
        Recorder r = read("sum.jsonl.zst", zst);
        assertThat(r.kept).isEmpty();
        assertThat(r.refused.size()).isGreaterThan(4000);
        assertThat(r.refused).allSatisfy(f -> assertThat(f.verdict().rule()).isEqualTo("corrupt_input"));
        assertThat(r.refused.get(0).verdict().detail()).isEqualTo("sum.jsonl.zst (zstd): stream fails its check: "
                + "ZstdIOException: Restored data doesn't match checksum at decompressed byte "
                + r.refused.get(0).verdict().detail().replaceAll(".* at decompressed byte (\\d+);.*", "$1")
                + "; no record of it is kept");
        assertThat(r.refused.get(r.refused.size() - 1).verdict().detail())
                .isEqualTo("sum.jsonl.zst:" + r.refused.size() + ": ZstdIOException: Restored data doesn't match checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "zst", "xz", "bz2"})
    void aTruncatedDumpKeepsNoRecordAndCountsEveryOneItYields(String ext) throws Exception {
        // Before: every record before the break was kept (half a dump exited 0 as if whole).
        Compression c = Compression.of("x." + ext);
        byte[] whole = Archives.compress(c, lines(12000).getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 4);
        // every complete line the decompressor delivers before the break
        int recoverable = 0;
        try (var in = c.open(new java.io.ByteArrayInputStream(cut))) {
            byte[] b = new byte[1024];
            for (int n; (n = in.read(b)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    recoverable += b[i] == '\n' ? 1 : 0;
                }
            }
        } catch (java.io.IOException expected) {
            // the break
        }
        Recorder r = read("cut.jsonl." + ext, cut);
        assertThat(r.kept).isEmpty();
        // gzip and zstd deliver the blocks before the break; xz and bzip2 hold one ~900 KB block here
        assertThat(recoverable).isGreaterThan(ext.equals("gz") || ext.equals("zst") ? 4000 : -1);
        // every record read before the break, and the break itself (one more partial line at most)
        assertThat(r.refused.size()).isBetween(recoverable + 1, recoverable + 2);
        assertThat(r.refused).allSatisfy(f -> assertThat(f.verdict().rule()).isEqualTo("corrupt_input"));
        assertThat(r.refused.get(0).verdict().detail()).startsWith(recoverable == 0 ? "cut.jsonl." + ext + ":1: "
                : "cut.jsonl." + ext + " (" + c.name().toLowerCase()
                + "): stream fails its check: ");
        assertThat(r.refused.get(r.refused.size() - 1).verdict().detail()).startsWith("cut.jsonl." + ext + ":");
    }

    @Test
    void aWholeStreamIsReadOnceMoreAndKeptAsBefore() throws Exception {
        byte[] gz = Archives.compress(Compression.GZIP, THREE.getBytes(StandardCharsets.UTF_8));
        Recorder r = read("ok.jsonl.gz", gz);
        assertThat(r.refused).isEmpty();
        assertThat(r.keptPaths()).containsExactly("|a.py", "|b.py", "|c.py");
    }
}
