package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 §5: a 100,000-character {@code repo_name} made the run exit 3 after its data was
 * published, with no stats.json and no report (the dataset card could not read stats.json
 * back: Jackson refuses object keys over 50,000 characters). Over-long names are now
 * quarantined at ingest ({@code overlong_metadata}), cut to their limit in the ledger; the run
 * ends normally.
 */
class OverlongNamesTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    @Test
    void overlongRepoNamesAndPathsAreQuarantinedAndTheRunEndsWithItsReport() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder dump = new StringBuilder();
        String body = "def f(x):\n    return x + 1\n\n\ndef g(y):\n    return y * 2 + f(y)\n";
        dump.append(json.writeValueAsString(record("x".repeat(100_000), "a.py", body + "# a\n"))).append('\n');
        dump.append(json.writeValueAsString(record("ok/repo", "d/".repeat(3000) + "b.py", body + "# b\n"))).append('\n');
        dump.append(json.writeValueAsString(record("ok/repo", "c.py", body + "# c\n"))).append('\n');
        Path in = tmp.resolve("dump.jsonl");
        Files.writeString(in, dump.toString(), StandardCharsets.UTF_8);
        Path out = tmp.resolve("o");

        int rc = Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--format", "jsonl");

        assertThat(rc).as(console.stderr()).isZero();
        assertThat(out.resolve("stats.json")).exists();
        assertThat(out.resolve("report.html")).exists();
        List<JsonNode> ledger = EndToEndTest.rows(out.resolve("ledger"));
        List<JsonNode> overlong = ledger.stream().filter(r -> r.get("rule").asText().equals("overlong_metadata")).toList();
        assertThat(overlong).hasSize(2);
        JsonNode repo = overlong.stream().filter(r -> r.get("detail").asText().startsWith("repo_name")).findFirst().orElseThrow();
        assertThat(repo.get("action").asText()).isEqualTo("quarantine");
        assertThat(repo.get("detail").asText()).isEqualTo("repo_name is 100000 characters, over the limit of 1024 (cut in the ledger)");
        assertThat(repo.get("repo_name").asText()).isEqualTo("x".repeat(1024) + "…");
        JsonNode path = overlong.stream().filter(r -> r.get("detail").asText().startsWith("path")).findFirst().orElseThrow();
        assertThat(path.get("detail").asText()).isEqualTo("path is 6004 characters, over the limit of 4096 (cut in the ledger)");
        assertThat(path.get("path").asText()).hasSize(4097).endsWith("d/…");
        JsonNode stats = json.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("documents").get("in").asLong()).isEqualTo(3);
        assertThat(stats.get("documents").get("quarantined").asLong()).isEqualTo(2);
        // no written file holds a name whole
        try (var files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = f.toString().endsWith(".zst")
                        ? new String(new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(f)).readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("x".repeat(1100)).doesNotContain("d/".repeat(2100));
            }
        }
    }

    private static Map<String, Object> record(String repo, String path, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repo_name", repo);
        m.put("path", path);
        m.put("content", content);
        return m;
    }
}
