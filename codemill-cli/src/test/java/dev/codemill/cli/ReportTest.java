package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.report.ReportData;
import dev.codemill.report.ReportPage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of a real run: the page a run writes and {@code codemill report} rebuilds (data tests: codemill-report). */
class ReportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

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
