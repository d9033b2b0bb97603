package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.report.ReportData;
import dev.codemill.report.ReportPage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html: its data from stats/manifest/examples, and the page a run writes and {@code codemill report} rebuilds. */
class ReportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final String STATS = """
            {"documents": {"in": 10, "kept": 5, "dropped": 4, "quarantined": 1},
             "bytes": {"in": 1000, "kept": 500}, "tokens_kept": 120,
             "decisions": {"decode": {"drop:binary": {"documents": 1, "bytes": 100}},
                           "basic_filters": {"drop:max_line_length": {"documents": 2, "bytes": 250},
                                             "quarantine:empty": {"documents": 1, "bytes": 50},
                                             "modify:notebook": {"documents": 3, "bytes": 30}},
                           "exact_dedup": {"drop:duplicate": {"documents": 1, "bytes": 100}}},
             "metrics": {"kept": {"quality_score.Python.0.8": 2, "quality_score.Python.0.9": 1,
                                  "quality_score.C++.0.4": 2, "license_type.permissive": 4, "license_type.unknown": 1},
                         "redact": {"spans.email": 3, "spans.ipv4": 0}},
             "clusters": {"near_dedup": {"size_histogram": {"2": 3, "3-4": 1}}},
             "languages": {"Python": {"documents": 3, "tokens": 90}, "C++": {"documents": 2, "tokens": 30}},
             "run": {"wall_seconds": 1.5, "threads": 2},
             "mixture": {"by": "language", "total_tokens": 200, "achieved_tokens": 198,
                         "groups": [{"group": "C++", "target_share": 0.5, "achieved_share": 0.4949, "infeasible": null},
                                    {"group": "Rust", "target_share": 0.1, "achieved_share": 0, "infeasible": "absent"}]}}
            """;
    private static final String MANIFEST = """
            {"recipe": {"name": "r", "stages": [{"type": "decode"}, {"type": "basic_filters"}, {"type": "exact_dedup"}]},
             "total_tokens": 203, "by_language": {"Python": {"documents": 3, "tokens": 100}, "C++": {"documents": 4, "tokens": 100}}}
            """;

    @Test
    void chartDataIsExact() throws Exception {
        Files.writeString(tmp.resolve("stats.json"), STATS);
        Files.writeString(tmp.resolve("manifest.json"), MANIFEST);
        ObjectNode data = ReportData.build(tmp);
        JsonNode charts = data.get("charts");
        assertThat(charts.fieldNames()).toIterable().containsExactlyElementsOf(ReportData.CHARTS);
        // Waterfall: in 10 → decode −1 → basic_filters −3 (2 drops + 1 quarantine) → exact_dedup −1 → kept 5.
        JsonNode docs = charts.get("funnel_documents");
        assertThat(docs.at("/xAxis/data").toString()).isEqualTo("[\"in\",\"decode\",\"basic_filters\",\"exact_dedup\",\"kept\"]");
        assertThat(docs.at("/series/0/data").toString()).isEqualTo("[10,9,6,5,5]");
        assertThat(docs.at("/series/1/name").asText()).isEqualTo("basic_filters drop:max_line_length");
        assertThat(docs.at("/series/1/data").toString()).isEqualTo("[0,0,2,0,0]");
        assertThat(docs.at("/series/2/name").asText()).isEqualTo("basic_filters quarantine:empty");
        assertThat(charts.at("/funnel_bytes/series/0/data").toString()).isEqualTo("[1000,900,600,500,500]");
        // Language mix: refined 90:30 tokens = 75 %:25 %, token output 100:100.
        assertThat(charts.at("/languages/xAxis/data").toString()).isEqualTo("[\"Python\",\"C++\"]");
        assertThat(charts.at("/languages/series/0/data").toString()).isEqualTo("[75.0,25.0]");
        assertThat(charts.at("/languages/series/1/data").toString()).isEqualTo("[50.0,50.0]");
        assertThat(charts.at("/quality_histograms/series/0/name").asText()).isEqualTo("Python");
        assertThat(charts.at("/quality_histograms/series/0/data").toString()).isEqualTo("[0,0,0,0,0,0,0,0,2,1]");
        assertThat(charts.at("/quality_histograms/series/1/data").toString()).isEqualTo("[0,0,0,0,2,0,0,0,0,0]");
        assertThat(charts.at("/near_duplicates/xAxis/data").toString()).isEqualTo("[\"2\",\"3-4\"]");
        assertThat(charts.at("/near_duplicates/series/0/data").toString()).isEqualTo("[3,1]");
        assertThat(charts.at("/licenses/series/0/data").toString())
                .isEqualTo("[{\"name\":\"permissive\",\"value\":4},{\"name\":\"unknown\",\"value\":1}]");
        assertThat(charts.at("/redactions/xAxis/data").toString()).isEqualTo("[\"email\"]");
        assertThat(charts.at("/mixture/xAxis/data").toString()).isEqualTo("[\"C++\",\"Rust (infeasible)\"]");
        assertThat(charts.at("/mixture/series/0/data").toString()).isEqualTo("[50.0,10.0]");
        assertThat(charts.at("/mixture/series/1/data").toString()).isEqualTo("[49.49,0.0]");
        for (String id : ReportData.CHARTS) {
            assertThat(ReportData.nonZeroItems(charts.get(id))).as(id).isPositive();
        }
        // An empty stage's counters give an empty chart, which report-check.sh flags.
        Files.writeString(tmp.resolve("stats.json"), "{\"documents\": {\"in\": 1, \"kept\": 1}}");
        assertThat(ReportData.nonZeroItems(ReportData.build(tmp).at("/charts/redactions"))).isZero();
    }

    @Test
    void runWritesASelfContainedReportThatReportRebuilds() throws Exception {
        Path in = tmp.resolve("in/repo");
        Files.createDirectories(in);
        Files.writeString(in.resolve("mail.py"), """
                \"\"\"Send the nightly report.\"\"\"
                import smtplib


                def send(body):
                    \"\"\"Mail body to the maintainers.\"\"\"
                    with smtplib.SMTP("localhost") as s:
                        s.sendmail("ops@example.org", ["dev@example.org"], body)
                    return len(body)
                """);
        Files.writeString(in.resolve("Main.java"), "class Main { public static void main(String[] a) { System.out.println(1); } }\n");
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, """
                stages: [{type: decode}, {type: language}, {type: quality}, {type: redact}, {type: tokens}]
                output: {formats: [jsonl]}
                """);
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", out.toString(), "-q", "--recipe",
                recipe.toString())).isZero();
        String html = Files.readString(out.resolve(ReportPage.FILE));
        for (String id : ReportData.CHARTS) {
            assertThat(html.contains("id=\"chart-" + id + "\"")).as(id).isTrue();
        }
        // Self-contained: echarts 5.3.1 inlined, nothing loaded from elsewhere (asserted on booleans: the page is 1 MB).
        assertThat(html.contains("echarts.init(el, null, {renderer: 'svg'})")).isTrue();
        assertThat(html.contains("\"5.3.1\"") && html.contains("Licensed to the Apache Software Foundation")).isTrue();
        assertThat(html.contains("<script src") || html.contains("<link ")).isFalse();
        // The gallery shows the Python file (200-2500 chars) with its score; Main.java is too short.
        JsonNode examples = JSON.readTree(out.resolve("examples.json").toFile());
        JsonNode tiers = examples.get("tiers");
        assertThat(tiers.size()).isEqualTo(1);
        JsonNode ex = tiers.elements().next().get(0);
        assertThat(ex.get("path").asText()).isEqualTo("mail.py");
        assertThat(html.contains("<b>repo/mail.py</b>")).as("gallery entry").isTrue();
        JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.at("/metrics/kept").toString()).contains("quality_tier.").doesNotContain("license_type");
        assertThat(stats.at("/metrics/redact").toString()).contains("spans.email");
        assertThat(stats.get("mixture").isNull()).isTrue();
        // `codemill report OUT` rebuilds the same page from the same files.
        Files.delete(out.resolve(ReportPage.FILE));
        assertThat(Main.execute("report", out.toString())).isZero();
        assertThat(Files.readString(out.resolve(ReportPage.FILE)).equals(html)).as("rebuilt page identical").isTrue();
        assertThat(Main.execute("report", tmp.resolve("in").toString())).isEqualTo(Main.USAGE);
    }
}
