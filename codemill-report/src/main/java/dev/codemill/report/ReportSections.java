package dev.codemill.report;

import static dev.codemill.report.ReportPage.esc;
import static dev.codemill.report.ReportPage.num;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTML of the report's table sections (from {@link ReportTables}' rows): warnings, the rule
 * table, examples of removed documents, near-duplicate clusters. Every text is HTML-escaped;
 * every table has an id ({@code warnings}, {@code rules}, {@code removed}, {@code cluster-buckets},
 * {@code largest-clusters}) so that tests and tools can find it.
 */
final class ReportSections {
    private ReportSections() {
    }

    /** The warnings box, or a line saying there are none. */
    static void warnings(StringBuilder b, JsonNode rows) {
        b.append("<h2>Warnings</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p id=\"warnings\">No warnings.</p>\n");
            return;
        }
        b.append("<div class=\"warn\"><ul id=\"warnings\">");
        for (JsonNode w : rows) {
            b.append("<li><b>").append(esc(w.path("source").asText())).append("</b>: ")
                    .append(esc(w.path("message").asText())).append("</li>");
        }
        b.append("</ul></div>\n");
    }

    /** One row per stage and rule: documents, bytes, % of the documents in. */
    static void rules(StringBuilder b, JsonNode rows) {
        b.append("<h2>What was removed and why</h2>\n<table id=\"rules\"><tr><th>stage</th><th>action</th><th>rule</th>"
                + "<th>documents</th><th>bytes</th><th>% of documents in</th></tr>");
        for (JsonNode r : rows) {
            b.append("<tr><td class=\"t\">").append(esc(r.path("stage").asText())).append("</td><td class=\"t\">")
                    .append(esc(r.path("action").asText())).append("</td><td class=\"t\">")
                    .append(esc(r.path("rule").asText())).append("</td><td>").append(num(r.path("documents")))
                    .append("</td><td>").append(num(r.path("bytes"))).append("</td><td>")
                    .append(r.path("percent_of_in").asDouble()).append("</td></tr>");
        }
        b.append("</table>\n");
    }

    /** Per stage and rule, its examples: path, value / limit, detail and the redacted snippet (or why none). */
    static void removed(StringBuilder b, JsonNode groups, String rule) {
        b.append("<h2>Examples of removed files per rule</h2>\n<p>").append(esc(rule)).append("</p>\n<div id=\"removed\">");
        for (JsonNode g : groups) {
            b.append("<h3>").append(esc(g.path("stage").asText())).append(' ').append(esc(g.path("rule").asText()))
                    .append("</h3>\n");
            for (JsonNode e : g.path("examples")) {
                b.append("<div class=\"ex\"><b>").append(esc(e.path("repo_name").asText())).append('/')
                        .append(esc(e.path("path").asText())).append("</b>");
                if (!e.path("value").asText().isEmpty() || !e.path("limit").asText().isEmpty()) {
                    b.append(" · value ").append(esc(e.path("value").asText())).append(" · limit ")
                            .append(esc(e.path("limit").asText()));
                }
                if (!e.path("detail").asText().isEmpty()) {
                    b.append(" · ").append(esc(e.path("detail").asText()));
                }
                if (e.path("snippet").isTextual()) {
                    b.append("<pre>").append(esc(e.path("snippet").asText())).append("</pre>");
                } else {
                    b.append("<p><i>").append(esc(e.path("snippet_note").asText())).append("</i></p>");
                }
                b.append("</div>\n");
            }
        }
        b.append("</div>\n");
    }

    /** Per cluster stage its buckets (clusters per size, single clusters included), then the largest clusters with paths. */
    static void clusters(StringBuilder b, JsonNode stages, JsonNode largest) {
        b.append("<h2>Near-duplicate clusters</h2>\n<table id=\"cluster-buckets\"><tr><th>stage</th>"
                + "<th>documents per cluster</th><th>clusters</th></tr>");
        for (JsonNode s : stages) {
            for (JsonNode r : s.path("buckets")) {
                b.append("<tr><td class=\"t\">").append(esc(s.path("stage").asText())).append("</td><td class=\"t\">")
                        .append(esc(r.path("bucket").asText())).append("</td><td>").append(num(r.path("clusters")))
                        .append("</td></tr>");
            }
            b.append("<tr><th>").append(esc(s.path("stage").asText())).append(" total</th><td class=\"t\">")
                    .append(num(s.path("documents_in_clusters"))).append(" documents, largest ")
                    .append(num(s.path("largest"))).append("</td><td>").append(num(s.path("clusters"))).append("</td></tr>");
        }
        b.append("</table>\n<h3>Largest clusters</h3>\n<table id=\"largest-clusters\"><tr><th>stage</th><th>documents</th>"
                + "<th>kept</th><th>member paths (smallest first)</th></tr>");
        for (JsonNode c : largest) {
            b.append("<tr><td class=\"t\">").append(esc(c.path("stage").asText())).append("</td><td>")
                    .append(num(c.path("size"))).append("</td><td class=\"t\">")
                    .append(esc(c.path("kept_path").isTextual() ? c.path("kept_path").asText() : c.path("kept_unit").asText()))
                    .append("</td><td class=\"t\">");
            boolean first = true;
            for (JsonNode p : c.path("paths")) {
                b.append(first ? "" : "<br>").append(esc(p.asText()));
                first = false;
            }
            b.append("</td></tr>");
        }
        b.append("</table>\n");
    }
}
