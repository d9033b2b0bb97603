package dev.codemill.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.luben.zstd.ZstdOutputStream;
import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.IngestOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
    @TempDir
    Path tmp;

    static final String DUMP = String.join("\n",
            "{\"blob_id\":\"b1\",\"content\":\"print(1)\\n\",\"path\":\"a.py\",\"repo_name\":\"r/x\",\"star_events_count\":5,"
                    + "\"fork_events_count\":2,\"license_type\":\"permissive\",\"detected_licenses\":[\"MIT\"],\"extra\":1}",
            "{\"content\":\"x = 'é'\\n\",\"path\":\"b.py\",\"repo_name\":\"r/x\"}",
            "{\"content\": \"broken",
            "",
            "{\"path\":\"c.py\",\"repo_name\":\"r/y\"}",
            "[1,2]",
            "{\"content\":\"z\"} trailing") + "\n";

    static byte[] compress(String kind, byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream o = kind.equals("gz") ? new GZIPOutputStream(bos) : kind.equals("zst") ? new ZstdOutputStream(bos) : bos) {
            o.write(data);
        }
        return bos.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "jsonl.gz", "jsonl.zst"})
    void linesBecomeDocumentsAndBadLinesAreQuarantinedWithFileAndLine(String ext) throws Exception {
        String name = "dump." + ext;
        Path f = tmp.resolve(name);
        Files.write(f, compress(ext.substring(ext.lastIndexOf('.') + 1), DUMP.getBytes(StandardCharsets.UTF_8)));
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));

        assertThat(r.keptPaths()).containsExactly("r/x|a.py", "r/x|b.py");
        Document a = r.kept.get(0);
        // The id is the occurrence (file:line|repo/path@revision); blob_id, a content hash, is an annotation.
        assertThat(a.id()).isEqualTo(DocId.of(name + ":1|r/x/a.py@"));
        assertThat(a.text()).isEqualTo("print(1)\n");
        assertThat(a.annotations().asMap()).containsExactly(entry("blob_id", "b1"),
                entry("detected_licenses", List.of("MIT")), entry("fork_events_count", 2L),
                entry("length_bytes", 9L), entry("license_type", "permissive"), entry("star_events_count", 5L));
        Document b = r.kept.get(1);
        assertThat(b.id()).isEqualTo(DocId.of(name + ":2|r/x/b.py@"));
        assertThat(b.get(Keys.LENGTH_BYTES)).isEqualTo(9L); // "x = 'é'\n": é is 2 bytes

        assertThat(r.refused.stream().map(x -> x.verdict().rule()).toList())
                .containsExactly("malformed_json", "missing_content", "malformed_json", "malformed_json");
        List<String> details = r.refused.stream().map(x -> x.verdict().detail()).toList();
        assertThat(details.get(0)).startsWith(name + ":3: Unexpected end-of-input");
        assertThat(details.get(1)).isEqualTo(name + ":5: record has no field 'content' (nor text, code)");
        assertThat(details.get(2)).isEqualTo(name + ":6: expected a JSON object, got ArrayList");
        assertThat(details.get(3)).startsWith(name + ":7: ");
        assertThat(r.refused.get(0).doc().id()).isEqualTo(DocId.of(name + ":3"));
        assertThat(r.refused.get(1).doc().source().repoName()).isEqualTo("r/y");
    }

    @Test
    void contentOverTheLimitIsTooLarge() throws Exception {
        Path f = tmp.resolve("d.jsonl");
        Files.writeString(f, "{\"content\":\"" + "a".repeat(11) + "\"}\n{\"content\":\"ok\"}\n");
        IngestOptions o = new IngestOptions(10, 100, 2, "content", "path", "repo_name", "blob_id");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), o));
        assertThat(r.kept).singleElement().satisfies(d -> assertThat(d.text()).isEqualTo("ok"));
        assertThat(r.refused).singleElement().satisfies(x -> {
            assertThat(x.verdict().rule()).isEqualTo("too_large");
            assertThat(x.verdict().value()).isEqualTo("11");
            assertThat(x.verdict().limit()).isEqualTo("10");
        });
    }

    @Test
    void customFieldNamesAndCrlfLines() throws Exception {
        Path f = tmp.resolve("d.jsonl");
        Files.writeString(f, "{\"text\":\"t1\",\"file\":\"x.c\",\"repo\":\"o/r\",\"uid\":\"u-1\"}\r\n{\"text\":\"t2\"}");
        IngestOptions o = new IngestOptions(1000, 100, 2, "text", "file", "repo", "uid");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), o));
        assertThat(r.keptPaths()).containsExactly("o/r|x.c", "|");
        assertThat(r.kept.get(0).id().value()).isEqualTo("u-1");
        assertThat(r.kept.get(1).id()).isEqualTo(DocId.of("d.jsonl:2"));
        assertThat(r.refused).isEmpty();
    }

    @Test
    void aTruncatedZstStreamEndsWithCorruptInput() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            sb.append("{\"content\":\"line ").append(i).append(" ").append(Integer.toHexString(i * 7919)).append("\"}\n");
        }
        byte[] z = compress("zst", sb.toString().getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("cut.jsonl.zst");
        Files.write(f, Arrays.copyOf(z, z.length / 2));
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        // issue 14: no record of a stream that fails its check is kept
        assertThat(r.kept).isEmpty();
        assertThat(r.refused.size()).isBetween(2, 20000);
        assertThat(r.refused.stream().map(x -> x.verdict().rule()).collect(Collectors.toSet())).containsExactly("corrupt_input");
        assertThat(r.refused.get(r.refused.size() - 1).verdict().rule()).isEqualTo("corrupt_input");
        assertThat(r.refused.get(r.refused.size() - 1).verdict().detail()).startsWith("cut.jsonl.zst:");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRecordIsSkipped() throws Exception {
        // Before: the first record of a dump written with a BOM was quarantined malformed_json.
        Path f = tmp.resolve("bom.jsonl");
        byte[] body = "{\"content\":\"a = 1\\n\",\"path\":\"a.py\",\"repo_name\":\"r\"}\r\n{\"content\":\"b\",\"path\":\"b.py\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.refused).isEmpty();
        assertThat(r.keptPaths()).containsExactly("r|a.py", "|b.py");
        assertThat(r.kept.get(0).text()).isEqualTo("a = 1\n");
    }

    @Test
    void invalidUtf8InALineIsQuarantinedNeverReplacedWithFffd() throws Exception {
        // Before: the bytes FF FE inside a JSON string became two U+FFFD and the record was kept.
        Path f = tmp.resolve("bad.jsonl");
        byte[] good = "{\"content\":\"ok\",\"path\":\"ok.py\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"content\":\"u = 'XX'\",\"path\":\"u.py\"}\n".getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.UTF_8).indexOf("XX");
        bad[at] = (byte) 0xFF;
        bad[at + 1] = (byte) 0xFE;
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        Files.write(f, all);
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), IngestOptions.DEFAULTS));
        assertThat(r.keptPaths()).containsExactly("|ok.py");
        assertThat(r.refused).hasSize(1);
        assertThat(r.refused.get(0).verdict().rule()).isEqualTo("invalid_unicode"); // issue 14: as Parquet's
        assertThat(r.refused.get(0).verdict().detail()).isEqualTo("bad.jsonl:1: not valid UTF-8 (MalformedInputException at byte " + at + ")");
    }
    // aTruncatedDumpKeepsTheLinesBeforeTheBreak (issue 12) is replaced by issue 14's rule:
    // CorruptStreamTest.aTruncatedDumpKeepsNoRecordAndCountsEveryOneItYields.
}
