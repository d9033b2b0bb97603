package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.report.Report;
import dev.codemill.report.ReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a small real run answers "what was removed and why": near-duplicate clusters of
 * 3 and 2 files (one cluster per size bucket), a file dropped by basic_filters after the redact
 * stage (its snippet redacted), one dropped before it (no snippet), quality tiers, and the
 * decontaminate stage's "stage skipped" warning.
 */
class ReportRemovalsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;

    /** ~30 lines of Python; {@code variant} changes one comment line (5-gram Jaccard ≈ 0.9 between variants). */
    static String tableCode(String variant) {
        StringBuilder b = new StringBuilder("\"\"\"Render rows as an aligned text table.\"\"\"\n\n\n");
        b.append("def widths(rows):\n    \"\"\"Column widths of rows, a list of lists of strings.\"\"\"\n");
        b.append("    result = []\n    for row in rows:\n        for i, cell in enumerate(row):\n");
        b.append("            if i == len(result):\n                result.append(0)\n");
        b.append("            result[i] = max(result[i], len(cell))\n    return result\n\n\n");
        b.append("def render(rows, sep=\" | \"):\n    \"\"\"The table as one string, one line per row.\"\"\"\n");
        b.append("    # ").append(variant).append('\n');
        b.append("    cols = widths(rows)\n    lines = []\n    for row in rows:\n");
        b.append("        cells = [cell.ljust(cols[i]) for i, cell in enumerate(row)]\n");
        b.append("        lines.append(sep.join(cells).rstrip())\n    return \"\\n\".join(lines)\n\n\n");
        b.append("if __name__ == \"__main__\":\n    print(render([[\"name\", \"size\"], [\"codemill\", \"42\"]]))\n");
        return b.toString();
    }

    /** Another ~25 lines of Python, for the cluster of 2. */
    static String statsCode(String variant) {
        StringBuilder b = new StringBuilder("\"\"\"Running mean and variance (Welford, 1962).\"\"\"\n\n\n");
        b.append("class Running:\n    \"\"\"Mean and variance of the values added so far.\"\"\"\n\n");
        b.append("    def __init__(self):\n        self.n = 0\n        self.mean = 0.0\n        self.m2 = 0.0\n\n");
        b.append("    def add(self, x):\n        # ").append(variant).append('\n');
        b.append("        self.n += 1\n        delta = x - self.mean\n        self.mean += delta / self.n\n");
        b.append("        self.m2 += delta * (x - self.mean)\n\n");
        b.append("    def variance(self):\n        \"\"\"Sample variance; 0.0 below two values.\"\"\"\n");
        b.append("        return self.m2 / (self.n - 1) if self.n > 1 else 0.0\n");
        return b.toString();
    }

    @BeforeAll
    static void run() throws Exception {
        Path repo = tmp.resolve("in/repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("table_a.py"), tableCode("align every column"));
        Files.writeString(repo.resolve("table_b.py"), tableCode("pad cells on the right"));
        Files.writeString(repo.resolve("table_c.py"), tableCode("no trailing blanks"));
        Files.writeString(repo.resolve("stats_a.py"), statsCode("one pass"));
        Files.writeString(repo.resolve("stats_b.py"), statsCode("numerically stable"));
        // One line of 1,200 chars: basic_filters (after redact) drops it; its snippet shows <EMAIL>, not the address.
        Files.writeString(repo.resolve("long_line.py"), "# mail ops@example.org\nDATA = \"" + "x".repeat(1200) + "\"\n"
                + "print(len(DATA))\n");
        // Empty: basic_filters drops it too (rule empty).
        Files.writeString(repo.resolve("blank.py"), "\n\n   \n");
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, """
                name: removals
                stages:
                  - {type: decode}
                  - {type: language}
                  - {type: redact}
                  - {type: basic_filters}
                  - {type: decontaminate, benchmarks: []}
                  - {type: near_dedup}
                  - {type: quality}
                output: {formats: [jsonl]}
                """);
        out = tmp.resolve("out");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", out.toString(), "-q", "--recipe",
                recipe.toString())).isZero();
    }

    @Test
    void reportDataAnswersWhatWasRemovedAndWhy() throws Exception {
        ObjectNode data = Report.data(out);
        JsonNode tables = data.get("tables");
        // Clusters: one of 3 files (bucket 3-4) and one of 2 (bucket 2): each bucket holds one cluster.
        assertThat(tables.get("cluster_buckets").toString()).isEqualTo("[{\"stage\":\"near_dedup\",\"clusters\":2,"
                + "\"documents_in_clusters\":5,\"largest\":3,\"buckets\":[{\"bucket\":\"2\",\"clusters\":1},"
                + "{\"bucket\":\"3-4\",\"clusters\":1}]}]");
        JsonNode nd = data.at("/charts/near_duplicates");
        assertThat(nd.at("/xAxis/data").toString()).isEqualTo("[\"2\",\"3-4\"]");
        assertThat(nd.at("/series/0/data").toString()).isEqualTo("[1,1]");
        assertThat(nd.at("/yAxis/type").asText()).isEqualTo("value");
        assertThat(nd.at("/series/0/barMinHeight").asInt()).isPositive();
        // The largest cluster's paths, and the kept one is the file left in data/.
        JsonNode largest = tables.get("largest_clusters");
        assertThat(largest).hasSize(2);
        assertThat(largest.get(0).get("size").asInt()).isEqualTo(3);
        assertThat(largest.get(0).get("paths").toString())
                .isEqualTo("[\"repo/table_a.py\",\"repo/table_b.py\",\"repo/table_c.py\"]");
        assertThat(largest.get(1).get("paths").toString()).isEqualTo("[\"repo/stats_a.py\",\"repo/stats_b.py\"]");
        List<String> keptPaths = new ArrayList<>();
        Map<String, Long> tiers = new TreeMap<>();
        for (JsonNode row : rows()) {
            keptPaths.add(row.get("repo_name").asText() + "/" + row.get("path").asText());
            tiers.merge(JSON.readTree(row.get("annotations").asText()).get("quality_tier").asText(), 1L, Long::sum);
        }
        assertThat(keptPaths).hasSize(2).contains(largest.get(0).get("kept_path").asText(),
                largest.get(1).get("kept_path").asText());
        // Tier chart = the tiers of the kept rows.
        JsonNode tierChart = data.at("/charts/quality_tiers");
        assertThat(tierChart.at("/xAxis/data").toString()).isEqualTo(JSON.writeValueAsString(new ArrayList<>(tiers.keySet())));
        assertThat(tierChart.at("/series/0/data").toString()).isEqualTo(JSON.writeValueAsString(new ArrayList<>(tiers.values())));
        // One row per stage and rule, in recipe order (redact's change of long_line.py included).
        assertThat(tables.get("rules").toString()).isEqualTo("[{\"stage\":\"redact\",\"action\":\"modify\",\"rule\":\"redact_email\","
                + "\"documents\":1,\"bytes\":1250,\"percent_of_in\":14.29},{\"stage\":\"basic_filters\",\"action\":\"drop\",\"rule\":\"empty\","
                + "\"documents\":1,\"bytes\":6,\"percent_of_in\":14.29},{\"stage\":\"basic_filters\",\"action\":\"drop\","
                + "\"rule\":\"max_line_length\",\"documents\":1,\"bytes\":1250,\"percent_of_in\":14.29},"
                + "{\"stage\":\"near_dedup\",\"action\":\"drop\",\"rule\":\"near_duplicate\",\"documents\":3,"
                + "\"bytes\":" + droppedBytes(keptPaths) + ","
                + "\"percent_of_in\":42.86}]");
        // Examples of removed files: value/limit from the ledger, snippet only of redacted text.
        JsonNode removed = tables.get("removed");
        assertThat(removed.get(0).get("rule").asText()).isEqualTo("drop:empty");
        JsonNode blank = removed.get(0).at("/examples/0");
        assertThat(blank.get("path").asText()).isEqualTo("blank.py");
        JsonNode longLine = removed.get(1).at("/examples/0");
        assertThat(removed.get(1).get("rule").asText()).isEqualTo("drop:max_line_length");
        assertThat(longLine.get("path").asText()).isEqualTo("long_line.py");
        assertThat(longLine.get("value").asText()).isEqualTo("1209");
        assertThat(longLine.get("limit").asText()).isEqualTo("<= 1000");
        assertThat(longLine.get("snippet").asText()).startsWith("# mail <EMAIL>\nDATA = \"xxx").hasSize(400)
                .doesNotContain("example.org");
        assertThat(removed.get(2).get("rule").asText()).isEqualTo("drop:near_duplicate");
        assertThat(removed.get(2).get("examples")).hasSize(3);
        assertThat(removed.get(2).at("/examples/0/path").asText()).isEqualTo("table_a.py");
        assertThat(removed.get(2).at("/examples/0/snippet").asText())
                .isEqualTo(tableCode("align every column").lines().limit(8).map(l -> l + "\n").reduce("", String::concat));
        // Warnings: the decontaminate stage without benchmarks says it was skipped.
        assertThat(tables.get("warnings").toString()).isEqualTo("[{\"source\":\"decontaminate\",\"message\":\""
                + "no benchmarks given: stage skipped, nothing is removed (pass --benchmarks PATH to codemill run, or set "
                + "the stage's benchmarks: [PATH...] in the recipe)\"}]");
        for (String id : List.of("funnel_documents", "funnel_bytes", "quality_tiers", "near_duplicates")) {
            assertThat(ReportData.nonZeroItems(data.at("/charts/" + id))).as(id).isPositive();
        }
    }

    @Test
    void thePageShowsTheSectionsWithTheirNumbers() throws Exception {
        var page = Jsoup.parse(Files.readString(out.resolve(Report.FILE)));
        Element warnings = page.getElementById("warnings");
        assertThat(warnings.select("li")).hasSize(1);
        assertThat(warnings.text()).startsWith("decontaminate: no benchmarks given: stage skipped");
        List<String> rules = page.select("#rules tr").stream().skip(1)
                .map(tr -> tr.select("td").eachText().subList(0, 4).toString()).toList();
        assertThat(rules).containsExactly("[redact, modify, redact_email, 1]", "[basic_filters, drop, empty, 1]", "[basic_filters, drop, max_line_length, 1]",
                "[near_dedup, drop, near_duplicate, 3]");
        assertThat(page.select("#cluster-buckets tr").stream().skip(1).map(tr -> tr.select("td").eachText().toString()).toList())
                .containsExactly("[near_dedup, 2, 1]", "[near_dedup, 3-4, 1]", "[5 documents, largest 3, 2]");
        assertThat(page.select("#largest-clusters tr").get(1).select("td").get(3).html().replace("\n", ""))
                .isEqualTo("repo/table_a.py<br>repo/table_b.py<br>repo/table_c.py");
        Element removed = page.getElementById("removed");
        assertThat(removed.select("h3").eachText()).containsExactly("basic_filters drop:empty",
                "basic_filters drop:max_line_length", "near_dedup drop:near_duplicate");
        // Every file here was removed after the redact stage: each example has its snippet.
        assertThat(removed.select("pre")).hasSize(5);
        assertThat(removed.select("pre").get(1).text()).startsWith("# mail <EMAIL>");
        assertThat(removed.text()).contains("repo/long_line.py · value 1209 · limit <= 1000");
        for (String id : ReportData.CHARTS) {
            assertThat(page.getElementById("chart-" + id)).as(id).isNotNull();
        }
        // The funnel's legend names each rule with its count and is never paginated.
        JsonNode data = JSON.readTree(page.getElementById("report-data").data());
        JsonNode funnel = data.at("/charts/funnel_documents");
        assertThat(funnel.at("/legend/type").asText()).isEqualTo("plain");
        assertThat(funnel.get("series").findValuesAsText("name")).containsExactly("remaining",
                "basic_filters drop:empty (1)", "basic_filters drop:max_line_length (1)", "near_dedup drop:near_duplicate (3)");
    }

    @Test
    void aFileRemovedBeforeTheRedactStageGetsNoSnippet() throws Exception {
        Path recipe = tmp.resolve("late-redact.yaml");
        Files.writeString(recipe, """
                stages: [{type: decode}, {type: basic_filters}, {type: redact}]
                output: {formats: [jsonl]}
                """);
        Path late = tmp.resolve("late");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", late.toString(), "-q", "--recipe",
                recipe.toString())).isZero();
        JsonNode removed = Report.data(late).at("/tables/removed");
        assertThat(removed.findValuesAsText("rule")).containsExactly("drop:empty", "drop:max_line_length");
        JsonNode longLine = removed.get(1).at("/examples/0");
        assertThat(longLine.get("path").asText()).isEqualTo("long_line.py");
        assertThat(longLine.get("snippet").isNull()).isTrue();
        assertThat(longLine.get("snippet_note").asText()).isEqualTo(dev.codemill.metrics.RemovalSamples.NOT_REDACTED);
        String examples = Files.readString(late.resolve("examples.json"));
        assertThat(examples).doesNotContain("ops@example.org").doesNotContain("xxxxxxxxxx");
    }

    /** The bytes of the three near-duplicate files that were dropped (all five minus the kept two). */
    private static long droppedBytes(List<String> keptPaths) throws IOException {
        long total = 0;
        for (String f : List.of("table_a.py", "table_b.py", "table_c.py", "stats_a.py", "stats_b.py")) {
            if (!keptPaths.contains("repo/" + f)) {
                total += Files.size(tmp.resolve("in/repo").resolve(f));
            }
        }
        return total;
    }

    private static List<JsonNode> rows() throws IOException {
        return EndToEndTest.rows(out.resolve("data"));
    }
}
