package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 §3 through {@code codemill run}: corrupt bytes are never kept, and a dump lost whole exits 3. */
class CorruptInputRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    record Run(int rc, List<JsonNode> data, List<JsonNode> ledger, JsonNode stats) {
    }

    Run run(String... args) throws Exception {
        Path out = tmp.resolve("out" + System.nanoTime());
        List<String> a = new ArrayList<>(List.of("run", "-q", "--format", "jsonl", "--threads", "2", "-o", out.toString()));
        a.addAll(List.of(args));
        int rc = Main.execute(a.toArray(String[]::new));
        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        return new Run(rc, EndToEndTest.rows(out.resolve("data")), EndToEndTest.rows(out.resolve("ledger")), stats);
    }

    static byte[] storedZip(String... nameContent) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bos)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                byte[] data = nameContent[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipArchiveEntry e = new ZipArchiveEntry(nameContent[i]);
                e.setMethod(ZipArchiveEntry.STORED);
                e.setSize(data.length);
                CRC32 c = new CRC32();
                c.update(data);
                e.setCrc(c.getValue());
                z.putArchiveEntry(e);
                z.write(data);
                z.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    @Test
    void aFlippedZipEntryIsQuarantinedAndADumpWithABadCrcTrailerIsLostWhole() throws Exception {
        Path good = tmp.resolve("good.jsonl");
        Files.writeString(good, "{\"path\":\"g.py\",\"content\":\"g = 1\\n\"}\n");
        Path zip = tmp.resolve("repo.zip");
        byte[] z = storedZip("ok.py", "def ok():\n    return 1\n", "bad.py", "def bad():\n    return 2\n");
        String zs = new String(z, StandardCharsets.ISO_8859_1);
        z[zs.indexOf("return 2") + 7] = '7'; // the archived bytes say 2, the bytes read say 7
        Files.write(zip, z);
        Path dump = tmp.resolve("shard-0001.jsonl.gz");
        try (var o = new GZIPOutputStream(Files.newOutputStream(dump))) {
            o.write(("{\"path\":\"a.py\",\"content\":\"a = 1\\n\"}\n{\"path\":\"b.py\",\"content\":\"b = 2\\n\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = Files.readAllBytes(dump);
        gz[gz.length - 8] ^= 0x01; // the CRC-32 trailer
        Files.write(dump, gz);

        Run strict = run(good.toString(), zip.toString(), dump.toString());
        assertThat(strict.rc()).isEqualTo(3);
        assertThat(strict.data()).extracting(d -> d.get("path").asText()).containsExactlyInAnyOrder("g.py", "ok.py");
        List<String> rules = new ArrayList<>();
        for (JsonNode l : strict.ledger()) {
            rules.add(l.get("path").asText() + " " + l.get("rule").asText());
        }
        assertThat(rules).containsExactlyInAnyOrder("bad.py corrupt_entry", "a.py corrupt_input", "b.py corrupt_input",
                " corrupt_input");
        JsonNode lost = strict.stats().get("inputs_lost");
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).get("input").asText()).isEqualTo(dump.toString());
        assertThat(lost.get(0).get("documents").asLong()).isEqualTo(3);
        assertThat(lost.get(0).get("rules").toString()).isEqualTo("{\"corrupt_input\":3}");
        assertThat(strict.stats().toString()).contains("\"conservation_holds\":true");

        Run tolerated = run("--tolerate-bad-inputs", good.toString(), zip.toString(), dump.toString());
        assertThat(tolerated.rc()).isZero();
        assertThat(tolerated.data()).hasSize(2);
    }
}
