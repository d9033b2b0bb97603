package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codemill run REPO -o OUT --recipe R} with {@code ingest.history} and the branches
 * {@code commit_pairs} and {@code revisions} on {@link HistoryFixture}'s repository.
 */
class HistoryRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    static final String RECIPE = """
            name: history
            seed: 7
            ingest:
              history: {renames: true}
            stages:
              - {type: decode}
              - {type: redact}
              - {type: commit_changes}
              - {type: language}
              - {type: stats}
            branches:
              - name: commit_pairs
                from: redact
                stages: [{type: commit_pairs}, {type: exact_dedup}, {type: near_dedup}]
              - name: revisions
                from: redact
                stages: [{type: revisions}]
            """;

    @Test
    void writesPairsAndRevisions(@TempDir Path tmp) throws Exception {
        HistoryFixture f = HistoryFixture.write(tmp.resolve("parser"));
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, RECIPE);
        Path out = tmp.resolve("out");
        int rc = Main.execute("run", f.dir.toString(), "-o", out.toString(), "--recipe", recipe.toString(), "--threads", "1", "-q",
                "--format", "jsonl");
        assertThat(rc).as(console.stderr()).isZero();
        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("conservation_holds").asBoolean()).isTrue();
        // main output: the snapshot at HEAD only; the 11 text records consumed, none in data/
        assertThat(EndToEndTest.rows(out.resolve("data"))).extracting(r -> r.get("path").asText())
                .containsExactlyInAnyOrder("app.py", "config.py", "utils.py");
        assertThat(stats.at("/decisions/commit_changes/consume:history_record/documents").asLong()).isEqualTo(11);
        assertThat(stats.at("/decisions/ingest/drop:binary/documents").asLong()).isEqualTo(1);

        // commit_pairs: five pairs, every other record dropped by the first filter it fails
        List<JsonNode> pairs = EndToEndTest.rows(out.resolve("commit_pairs/data"));
        assertThat(pairs).extracting(r -> {
            JsonNode a = EndToEndTest.JSON.readTree(r.get("annotations").asText());
            return r.get("path").asText() + "|" + a.get("change").asText() + "|" + a.get("bug_fix").asBoolean() + "|"
                    + a.get("subject").asText();
        }).containsExactlyInAnyOrder(
                "README.md|added|false|Document how to run the parser",
                "app.py|modified|true|Fix crash when the input line is empty",
                "app.py|modified|false|Add a docstring to the parse function",
                "config.py|modified|false|Remove the hard-coded token from the config",
                "utils.py|renamed|false|Rename the helpers module to utils");
        JsonNode pairStats = EndToEndTest.JSON.readTree(out.resolve("commit_pairs/stats.json").toFile());
        assertThat(pairStats.at("/decisions/commit_pairs").toString()).isEqualTo(
                "{\"consume:paired\":{\"documents\":5,\"bytes\":939},\"derive:commit_pair\":{\"documents\":5,\"bytes\":939}," // length_bytes: the files after
                + "\"drop:merge\":{\"documents\":1,\"bytes\":235},\"drop:revert\":{\"documents\":1,\"bytes\":0},"
                + "\"drop:snapshot_file\":{\"documents\":3,\"bytes\":659},\"drop:too_many_files\":{\"documents\":3,\"bytes\":504},"
                + "\"drop:wip\":{\"documents\":1,\"bytes\":319}}");
        assertThat(pairStats.at("/metrics/commit_pairs").toString()).isEqualTo("{\"bug_fix\":1,\"pairs\":5}");
        assertThat(pairStats.get("conservation_holds").asBoolean()).isTrue();

        // git show (outside codemill) reproduces both sides of every pair; the secret is redacted in both
        for (JsonNode r : pairs) {
            JsonNode a = EndToEndTest.JSON.readTree(r.get("annotations").asText());
            String commit = a.get("commit").asText();
            String change = a.get("change").asText();
            assertThat(a.get("new_content").asText()).isEqualTo(f.gitShow(commit, r.get("path").asText()).replace(HistoryFixture.SECRET, "<KEY>"));
            assertThat(a.get("old_content").asText()).isEqualTo(change.equals("added") ? ""
                    : f.gitShow(a.get("parents").get(0).asText(), a.get("old_path").asText()).replace(HistoryFixture.SECRET, "<KEY>"));
            assertThat(r.get("content").asText()).startsWith("--- ");
        }
        JsonNode config = pairs.stream().filter(r -> r.get("path").asText().equals("config.py")).findFirst().orElseThrow();
        assertThat(EndToEndTest.JSON.readTree(config.get("annotations").asText()).get("old_content").asText())
                .contains("GITHUB_TOKEN = \"<KEY>\"");

        // revisions: the docstring commit resolves a critique of app.py
        List<JsonNode> revisions = EndToEndTest.rows(out.resolve("revisions/data"));
        assertThat(revisions).hasSize(1);
        JsonNode rev = EndToEndTest.JSON.readTree(revisions.get(0).get("annotations").asText());
        assertThat(revisions.get(0).get("path").asText()).isEqualTo("app.py");
        assertThat(rev.get("commit").asText()).isEqualTo(f.commits.get("Add a docstring to the parse function"));
        assertThat(rev.get("critiques_resolved")).isNotEmpty();
        assertThat(revisions.get(0).get("content").asText()).isEqualTo(HistoryFixture.APP_V3);
        assertThat(rev.get("old_content").asText()).isEqualTo(HistoryFixture.APP_V2);
        JsonNode revStats = EndToEndTest.JSON.readTree(out.resolve("revisions/stats.json").toFile());
        assertThat(revStats.at("/documents").toString()).isEqualTo(
                "{\"in\":14,\"kept\":0,\"dropped\":13,\"quarantined\":0,\"consumed\":1}");

        // the secret the commit removed is nowhere in the output
        try (var files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                String text = p.toString().endsWith(".zst")
                        ? new String(new com.github.luben.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                        : new String(b, java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text).as(p.toString()).doesNotContain(HistoryFixture.SECRET);
            }
        }
    }
}
