package dev.codemill.report;

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

    /** Builds OUT/report.html from OUT's files ({@link ReportInput#read}); returns its path. */
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
                .append("table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}\n")
                .append("th{text-align:left}td.t{text-align:left}.ex{border:1px solid #ccc;margin:10px 0;padding:8px}\n")
                .append(".warn{background:#fff4e5;border:1px solid #f0b060;padding:8px 12px}\n")
                .append("pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:320px;font-size:12px}\n")
                .append("</style></head><body>\n<h1>Codemill report</h1>\n");
        b.append("<table id=\"summary\">");
        row(b, "recipe", s.path("recipe").asText() + " (sha256 " + s.path("recipe_sha256").asText() + ")");
        row(b, "documents in / kept / dropped / quarantined", num(s.path("documents_in")) + " / "
                + num(s.path("documents_kept")) + " / " + num(s.path("documents_dropped")) + " / "
                + num(s.path("documents_quarantined")));
        row(b, "bytes in / kept", num(s.path("bytes_in")) + " / " + num(s.path("bytes_kept")));
        row(b, "tokens kept (tokens stage) / in the token output", num(s.path("tokens_kept")) + " / "
                + num(s.path("token_output_tokens")) + " " + s.path("tokenizer").asText());
        row(b, "wall time", s.path("wall_seconds").asDouble() + " s on " + s.path("threads").asInt() + " threads");
        b.append("</table>\n");
        ReportSections.warnings(b, data.at("/tables/warnings"));
        for (String id : ReportData.CHARTS) {
            b.append("<div class=\"chart\" id=\"chart-").append(id).append("\" style=\"height:")
                    .append(data.path("heights").path(id).asInt(ReportData.CHART_HEIGHT)).append("px\"></div>\n");
        }
        ReportSections.rules(b, data.at("/tables/rules"));
        ReportSections.removed(b, data.at("/tables/removed"), data.path("removed_rule").asText());
        ReportSections.clusters(b, data.at("/tables/cluster_buckets"), data.at("/tables/largest_clusters"));
        b.append("<h2 id=\"gallery\">Examples per quality tier</h2>\n<p>").append(esc(data.path("gallery_rule").asText()))
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
        b.append(SCRIPT);
        return b.toString();
    }

    /**
     * Draws the charts: zero counts hidden on bars, thousands separators, byte axes in kB/MB/GB
     * (so no axis label is clipped at 100 MB), then the {@code data-items}/{@code data-shapes}/
     * {@code data-clipped} (texts drawn outside the chart's box) attributes that
     * {@code report-check.sh} reads.
     */
    private static final String SCRIPT = """
            <script>
            (function () {
              var data = JSON.parse(document.getElementById('report-data').textContent);
              function count(p) { var v = Array.isArray(p.value) ? p.value[1] : p.value; return v ? Number(v).toLocaleString('en') : ''; }
              function bytes(v) {
                var u = ['B', 'kB', 'MB', 'GB', 'TB'], i = 0;
                while (Math.abs(v) >= 1000 && i < u.length - 1) { v /= 1000; i++; }
                return (Math.round(v * 10) / 10) + ' ' + u[i];
              }
              Object.keys(data.charts).forEach(function (id) {
                var el = document.getElementById('chart-' + id);
                var option = data.charts[id];
                var byteChart = data.byte_charts.indexOf(id) >= 0;
                (option.series || []).forEach(function (s) {
                  if (s.label) { s.label.formatter = byteChart ? function (p) { return p.value ? bytes(p.value) : ''; } : count; }
                });
                if (byteChart && option.yAxis) { option.yAxis.axisLabel = {formatter: bytes}; }
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
                // Texts (labels, axis names, legend) drawn outside the chart's box are cut off.
                var box = el.getBoundingClientRect(), clipped = 0;
                el.querySelectorAll('svg text').forEach(function (t) {
                  var r = t.getBoundingClientRect();
                  if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1
                      || r.top < box.top - 1 || r.bottom > box.bottom + 1)) { clipped++; }
                });
                el.setAttribute('data-clipped', String(clipped));
              });
              document.body.setAttribute('data-rendered', 'true');
            })();
            </script>
            </body></html>
            """;

    static String num(JsonNode n) {
        return String.format(java.util.Locale.ROOT, "%,d", n.asLong());
    }

    static void row(StringBuilder b, String k, String v) {
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
    public static String scriptSafe(String json) {
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
