package dev.codemill.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code OUT/report.html}: one self-contained page (ECharts 5.3.1's {@code echarts.min.js}
 * inlined from the {@code org.webjars.npm:echarts} jar, the data inlined as JSON; nothing is
 * fetched). Charts use the SVG renderer; after drawing, each chart's element gets
 * {@code data-items} (data items drawn with a non-zero value) and {@code data-shapes} (SVG
 * shapes), which {@code codemill-bench/report-check.sh} checks in headless Chromium.
 */
public final class ReportPage {
    /** The echarts bundle inside the webjar. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** The report's file name in OUT. */
    public static final String FILE = "report.html";

    private ReportPage() {
    }

    /** Builds OUT/report.html from OUT's stats.json, manifest.json and examples.json; returns its path. */
    public static Path write(Path out) throws IOException {
        String html = html(ReportData.build(out));
        Path file = out.resolve(FILE);
        Path tmp = out.resolve(FILE + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    static String echarts() throws IOException {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS + " is missing from the class path (org.webjars.npm:echarts)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The page for {@code data} ({@link ReportData#build}). */
    public static String html(ObjectNode data) throws IOException {
        String json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data);
        StringBuilder b = new StringBuilder(1 << 21);
        JsonNode s = data.get("summary");
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Codemill report: ")
                .append(esc(s.path("recipe").asText())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1280px}\n")
                .append(".chart{width:100%;height:420px;margin:18px 0;border:1px solid #ddd}\n")
                .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}\n")
                .append("th{text-align:left}.ex{border:1px solid #ccc;margin:10px 0;padding:8px}\n")
                .append("pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:320px;font-size:12px}\n")
                .append("</style></head><body>\n<h1>Codemill report</h1>\n");
        b.append("<table>");
        row(b, "recipe", s.path("recipe").asText() + " (sha256 " + s.path("recipe_sha256").asText() + ")");
        row(b, "documents in / kept / dropped / quarantined", s.path("documents_in").asLong() + " / "
                + s.path("documents_kept").asLong() + " / " + s.path("documents_dropped").asLong() + " / "
                + s.path("documents_quarantined").asLong());
        row(b, "bytes in / kept", s.path("bytes_in").asLong() + " / " + s.path("bytes_kept").asLong());
        row(b, "tokens kept (tokens stage) / in the token output", s.path("tokens_kept").asLong() + " / "
                + s.path("token_output_tokens").asLong() + " " + s.path("tokenizer").asText());
        row(b, "wall time", s.path("wall_seconds").asDouble() + " s on " + s.path("threads").asInt() + " threads");
        b.append("</table>\n");
        for (String id : ReportData.CHARTS) {
            b.append("<div class=\"chart\" id=\"chart-").append(id).append("\"></div>\n");
        }
        b.append("<h2>Examples per quality tier</h2>\n<p>").append(esc(data.path("gallery_rule").asText()))
                .append("</p>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.get("gallery").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tier = it.next();
            b.append("<h3>Tier ").append(esc(tier.getKey())).append("</h3>\n");
            for (JsonNode e : tier.getValue()) {
                b.append("<div class=\"ex\"><b>").append(esc(e.path("repo_name").asText())).append('/')
                        .append(esc(e.path("path").asText())).append("</b> · ").append(esc(e.path("language").asText()))
                        .append(" · score ").append(e.path("quality_score").asDouble()).append(" · ")
                        .append(e.path("chars").asLong()).append(" chars<ul>");
                for (JsonNode c : e.path("critiques")) {
                    b.append("<li>").append(esc(c.asText())).append("</li>");
                }
                if (e.path("critiques").isEmpty()) {
                    b.append("<li>no critiques</li>");
                }
                b.append("</ul><pre>").append(esc(e.path("excerpt").asText())).append("</pre></div>\n");
            }
        }
        b.append("<script>\n").append(echarts().replace("</script", "<\\/script")).append("\n</script>\n");
        b.append("<script type=\"application/json\" id=\"report-data\">")
                .append(scriptSafe(json)).append("</script>\n");
        b.append("""
                <script>
                (function () {
                  var data = JSON.parse(document.getElementById('report-data').textContent);
                  Object.keys(data.charts).forEach(function (id) {
                    var el = document.getElementById('chart-' + id);
                    var option = data.charts[id];
                    var chart = echarts.init(el, null, {renderer: 'svg'});
                    chart.setOption(option);
                    var items = 0;
                    (option.series || []).forEach(function (s) {
                      (s.data || []).forEach(function (d) {
                        var v = (d !== null && typeof d === 'object') ? d.value : d;
                        if (v) { items++; }
                      });
                    });
                    el.setAttribute('data-items', String(items));
                    el.setAttribute('data-shapes', String(el.querySelectorAll('svg path, svg rect').length));
                  });
                  document.body.setAttribute('data-rendered', 'true');
                })();
                </script>
                </body></html>
                """);
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * JSON that cannot end or re-open its {@code <script>} element whatever the documents hold:
     * every {@code <}, {@code >} and {@code &} becomes a JSON unicode escape (only strings can
     * hold them, so the parsed value is the same). Escaping only {@code </} is not enough: a
     * document holding {@code <!--<script>} puts the HTML parser into its "double escaped" state,
     * where the element's own {@code </script>} no longer closes it and no chart renders.
     */
    static String scriptSafe(String json) {
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
