package dev.codemill.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html parsed back (jsoup): every section with its numbers, and hostile texts that cannot break the page. */
class ReportPageTest {
    @TempDir
    Path tmp;

    private Document page() throws Exception {
        Files.writeString(tmp.resolve("stats.json"), ReportDataTest.STATS);
        Files.writeString(tmp.resolve("manifest.json"), ReportDataTest.MANIFEST);
        Files.writeString(tmp.resolve("examples.json"), ReportDataTest.EXAMPLES);
        Path file = Report.write(tmp);
        assertThat(file).isEqualTo(tmp.resolve("report.html"));
        return Jsoup.parse(Files.readString(file));
    }

    @Test
    void everySectionIsThereWithItsNumbers() throws Exception {
        Document page = page();
        assertThat(page.select("#summary tr").eachText()).contains("documents in / kept / dropped / quarantined 10 / 5 / 4 / 1",
                "bytes in / kept 250,000,000 / 120,000,000");
        assertThat(page.select("#warnings li").eachText()).containsExactly(
                "decontaminate: no benchmarks given: stage skipped, nothing is removed",
                "ingest: input lost whole: bad.jsonl.gz (1 documents quarantined: unreadable_input 1)",
                "recipe: " + ReportTables.NO_DECONTAMINATION);
        for (String id : ReportData.CHARTS) {
            assertThat(page.getElementById("chart-" + id)).as(id).isNotNull();
        }
        assertThat(page.getElementById("chart-funnel_documents").attr("style")).isEqualTo("height:468px");
        assertThat(page.select("#rules tr").get(1).select("td").eachText())
                .containsExactly("decode", "drop", "binary", "1", "100,000,000", "10.0");
        assertThat(page.select("#cluster-buckets tr").stream().skip(1).map(tr -> tr.select("td").eachText().toString()).toList())
                .containsExactly("[near_dedup, 2, 1,682]", "[near_dedup, 1025-2048, 1]", "[5,046 documents, largest 1,680, 1,683]");
        assertThat(page.select("#largest-clusters tr").get(1).select("td").eachText())
                .containsExactly("near_dedup", "1,680", "jdk/A.java", "jdk/A.java jdk/B.java");
    }

    @Test
    void hostileTextsStayText() throws Exception {
        Document page = page();
        // One script for ECharts, one JSON data element, one that draws: nothing a document holds adds or ends one.
        assertThat(page.select("script")).hasSize(3);
        assertThat(page.select("#removed h3").eachText()).containsExactly("basic_filters drop:max_line_length");
        assertThat(page.select("#removed b").text()).isEqualTo("r/x/</script><script>alert(1)</script>.py");
        assertThat(page.select("#removed pre").text()).isEqualTo("<!--<script>");
        ObjectNode data = ReportData.build(tmp);
        assertThat(new ObjectMapper().readTree(page.getElementById("report-data").data()).toString()).isEqualTo(data.toString());
    }

    @Test
    void scriptSafeKeepsTheParsedValue() throws Exception {
        String json = "{\"a\":\"<!--<script> & </script>\",\"b\":[1,2]}";
        String safe = ReportPage.scriptSafe(json);
        assertThat(safe).isEqualTo("{\"a\":\"\\u003c!--\\u003cscript\\u003e \\u0026 \\u003c/script\\u003e\",\"b\":[1,2]}");
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(safe)).isEqualTo(m.readTree(json));
    }
}
