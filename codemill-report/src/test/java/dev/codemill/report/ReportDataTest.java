package dev.codemill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report data from hand-written stats/manifest/examples files: every chart, table and warning, exactly. */
class ReportDataTest {
    @TempDir
    Path tmp;

    static final String STATS = """
            {"documents": {"in": 10, "kept": 5, "dropped": 4, "quarantined": 1},
             "bytes": {"in": 250000000, "kept": 120000000}, "tokens_kept": 120, "conservation_holds": true,
             "decisions": {"decode": {"drop:binary": {"documents": 1, "bytes": 100000000}},
                           "basic_filters": {"drop:max_line_length": {"documents": 2, "bytes": 25000000},
                                             "quarantine:empty": {"documents": 1, "bytes": 5000000},
                                             "modify:notebook": {"documents": 3, "bytes": 30}},
                           "exact_dedup": {"drop:duplicate": {"documents": 1, "bytes": 0}}},
             "metrics": {"kept": {"quality_score.Python.0.8": 2, "quality_score.Python.0.9": 1,
                                  "quality_score.C++.0.4": 2, "quality_tier.A": 3, "quality_tier.C": 2,
                                  "license_type.permissive": 4, "license_type.unknown": 1},
                         "redact": {"spans.email": 3, "spans.ipv4": 0}},
             "clusters": {"near_dedup": {"clusters": 1683, "documents_in_clusters": 5046, "largest": 1680,
                                         "size_histogram": {"2": 1682, "1025-2048": 1}}},
             "warnings": [{"stage": "decontaminate", "message": "no benchmarks given: stage skipped, nothing is removed"}],
             "inputs_lost": [{"input": "bad.jsonl.gz", "documents": 1, "rules": {"unreadable_input": 1}}],
             "languages": {"Python": {"documents": 3, "tokens": 90}, "C++": {"documents": 2, "tokens": 30}},
             "run": {"wall_seconds": 1.5, "threads": 2},
             "mixture": {"by": "language", "total_tokens": 200, "achieved_tokens": 198,
                         "groups": [{"group": "C++", "target_share": 0.5, "achieved_share": 0.4949, "infeasible": null},
                                    {"group": "Rust", "target_share": 0.1, "achieved_share": 0, "infeasible": "absent"}]}}
            """;
    static final String MANIFEST = """
            {"recipe": {"name": "r", "stages": [{"type": "decode"}, {"type": "basic_filters"}, {"type": "exact_dedup"}]},
             "total_tokens": 203, "by_language": {"Python": {"documents": 3, "tokens": 100}, "C++": {"documents": 4, "tokens": 100}}}
            """;
    static final String EXAMPLES = """
            {"rule": "gallery rule", "tiers": {},
             "removed_rule": "removed rule",
             "removed": {"basic_filters": {"drop:max_line_length": [
                 {"stage": "basic_filters", "action": "drop", "rule": "max_line_length", "id": "a1", "repo_name": "r",
                  "path": "x/</script><script>alert(1)</script>.py", "value": "1209", "limit": "<= 1000",
                  "detail": "longest line", "snippet": "<!--<script>", "snippet_note": null}]}},
             "largest_clusters": {"near_dedup": [
                 {"stage": "near_dedup", "kept_unit": "k", "size": 1680, "kept_path": "jdk/A.java",
                  "paths": ["jdk/A.java", "jdk/B.java"]}]}}
            """;

    private ObjectNode build() throws Exception {
        Files.writeString(tmp.resolve("stats.json"), STATS);
        Files.writeString(tmp.resolve("manifest.json"), MANIFEST);
        Files.writeString(tmp.resolve("examples.json"), EXAMPLES);
        return ReportData.build(tmp);
    }

    @Test
    void chartsCarryEveryCountAndHideNothing() throws Exception {
        JsonNode charts = build().get("charts");
        assertThat(charts.fieldNames()).toIterable().containsExactlyElementsOf(ReportData.CHARTS);
        // Waterfall: in 10 → decode −1 → basic_filters −3 (2 drops + 1 quarantine) → exact_dedup −1 → kept 5.
        JsonNode docs = charts.get("funnel_documents");
        assertThat(docs.at("/xAxis/data").toString()).isEqualTo("[\"in\",\"decode\",\"basic_filters\",\"exact_dedup\",\"kept\"]");
        assertThat(docs.at("/series/0/data").toString()).isEqualTo("[10,9,6,5,5]");
        // The legend names every rule with its count; plain, never paginated; labels on every bar.
        assertThat(docs.get("series").findValuesAsText("name")).containsExactly("remaining",
                "basic_filters drop:max_line_length (2)", "basic_filters quarantine:empty (1)", "decode drop:binary (1)",
                "exact_dedup drop:duplicate (1)");
        assertThat(docs.at("/legend/type").asText()).isEqualTo("plain");
        assertThat(docs.get("series").findValues("label")).allSatisfy(l -> assertThat(l.get("show").asBoolean()).isTrue());
        assertThat(docs.at("/series/1/data").toString()).isEqualTo("[0,0,2,0,0]");
        // Bytes over 100 MB: exact values (exact_dedup removed 0 bytes: no bar); the grid contains its labels, the page formats the axis in kB/MB/GB.
        assertThat(charts.at("/funnel_bytes/series/0/data").toString()).isEqualTo("[250000000,150000000,120000000,120000000]");
        assertThat(charts.at("/funnel_bytes/grid/containLabel").asBoolean()).isTrue();
        // Language mix: refined 90:30 tokens = 75 %:25 %, token output 100:100.
        assertThat(charts.at("/languages/series/0/data").toString()).isEqualTo("[75.0,25.0]");
        assertThat(charts.at("/languages/series/1/data").toString()).isEqualTo("[50.0,50.0]");
        assertThat(charts.at("/quality_histograms/series/0/data").toString()).isEqualTo("[0,0,0,0,0,0,0,0,2,1]");
        assertThat(charts.at("/quality_tiers/xAxis/data").toString()).isEqualTo("[\"A\",\"C\"]");
        assertThat(charts.at("/quality_tiers/series/0/data").toString()).isEqualTo("[3,2]");
        // Clusters: the bucket holding the single largest cluster is a bar of its own (linear axis, min height).
        JsonNode nd = charts.get("near_duplicates");
        assertThat(nd.at("/xAxis/data").toString()).isEqualTo("[\"2\",\"1025-2048\"]");
        assertThat(nd.at("/series/0/data").toString()).isEqualTo("[1682,1]");
        assertThat(nd.at("/yAxis/type").asText()).isEqualTo("value");
        assertThat(nd.at("/series/0/barMinHeight").asInt()).isEqualTo(ReportData.MIN_BAR_PX);
        assertThat(charts.at("/licenses/series/0/data").toString())
                .isEqualTo("[{\"name\":\"permissive\",\"value\":4},{\"name\":\"unknown\",\"value\":1}]");
        assertThat(charts.at("/redactions/xAxis/data").toString()).isEqualTo("[\"email\"]");
        assertThat(charts.at("/mixture/xAxis/data").toString()).isEqualTo("[\"C++\",\"Rust (infeasible)\"]");
        assertThat(charts.at("/mixture/series/1/data").toString()).isEqualTo("[49.49,0.0]");
        for (String id : ReportData.CHARTS) {
            assertThat(ReportData.nonZeroItems(charts.get(id))).as(id).isPositive();
        }
    }

    @Test
    void legendRowsGrowTheChart() throws Exception {
        ObjectNode data = build();
        // 5 series: 2 legend rows of 3.
        assertThat(data.at("/heights/funnel_documents").asInt()).isEqualTo(ReportData.CHART_HEIGHT + 2 * ReportData.LEGEND_ROW);
        assertThat(data.at("/charts/funnel_documents/grid/bottom").asInt()).isEqualTo(30 + 2 * ReportData.LEGEND_ROW);
        assertThat(data.at("/heights/licenses").asInt()).isEqualTo(ReportData.CHART_HEIGHT);
        assertThat(data.get("byte_charts").toString()).isEqualTo("[\"funnel_bytes\"]");
    }

    @Test
    void tablesAndWarnings() throws Exception {
        JsonNode tables = build().get("tables");
        assertThat(tables.get("rules").toString()).isEqualTo("[{\"stage\":\"decode\",\"action\":\"drop\",\"rule\":\"binary\","
                + "\"documents\":1,\"bytes\":100000000,\"percent_of_in\":10.0},"
                + "{\"stage\":\"basic_filters\",\"action\":\"drop\",\"rule\":\"max_line_length\",\"documents\":2,\"bytes\":25000000,\"percent_of_in\":20.0},"
                + "{\"stage\":\"basic_filters\",\"action\":\"modify\",\"rule\":\"notebook\",\"documents\":3,\"bytes\":30,\"percent_of_in\":30.0},"
                + "{\"stage\":\"basic_filters\",\"action\":\"quarantine\",\"rule\":\"empty\",\"documents\":1,\"bytes\":5000000,\"percent_of_in\":10.0},"
                + "{\"stage\":\"exact_dedup\",\"action\":\"drop\",\"rule\":\"duplicate\",\"documents\":1,\"bytes\":0,\"percent_of_in\":10.0}]");
        assertThat(tables.get("cluster_buckets").toString()).isEqualTo("[{\"stage\":\"near_dedup\",\"clusters\":1683,"
                + "\"documents_in_clusters\":5046,\"largest\":1680,\"buckets\":[{\"bucket\":\"2\",\"clusters\":1682},"
                + "{\"bucket\":\"1025-2048\",\"clusters\":1}]}]");
        assertThat(tables.get("largest_clusters").toString()).isEqualTo("[{\"stage\":\"near_dedup\",\"size\":1680,"
                + "\"kept_unit\":\"k\",\"kept_path\":\"jdk/A.java\",\"paths\":[\"jdk/A.java\",\"jdk/B.java\"]}]");
        assertThat(tables.at("/removed/0/rule").asText()).isEqualTo("drop:max_line_length");
        assertThat(tables.at("/removed/0/examples/0/value").asText()).isEqualTo("1209");
        assertThat(tables.get("warnings").toString()).isEqualTo("[{\"source\":\"decontaminate\",\"message\":\"no benchmarks "
                + "given: stage skipped, nothing is removed\"},{\"source\":\"ingest\",\"message\":\"input lost whole: "
                + "bad.jsonl.gz (1 documents quarantined: unreadable_input 1)\"},{\"source\":\"recipe\",\"message\":\""
                + ReportTables.NO_DECONTAMINATION + "\"}]");
    }

    @Test
    void withoutExamplesOrManifestTheReportStillBuilds() throws Exception {
        Files.writeString(tmp.resolve("stats.json"), "{\"documents\": {\"in\": 1, \"kept\": 1}}");
        ObjectNode data = ReportData.build(tmp);
        assertThat(ReportData.nonZeroItems(data.at("/charts/redactions"))).isZero();
        assertThat(data.at("/tables/removed").isEmpty()).isTrue();
        assertThat(data.at("/tables/warnings").isEmpty()).as("no recipe known: no recipe warning").isTrue();
        Files.delete(tmp.resolve("stats.json"));
        assertThatThrownBy(() -> ReportData.build(tmp)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("not the output of a finished codemill run");
    }
}
