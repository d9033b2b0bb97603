package dev.codemill.report;

import static dev.codemill.report.Charts.bar;
import static dev.codemill.report.Charts.base;
import static dev.codemill.report.Charts.counts;
import static dev.codemill.report.Charts.legend;
import static dev.codemill.report.Charts.pie;
import static dev.codemill.report.Charts.prefixed;
import static dev.codemill.report.Charts.shares;
import static dev.codemill.report.Charts.strings;
import static dev.codemill.report.Charts.top;
import static dev.codemill.report.Charts.withOther;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of {@code report.html}, built from a run's files ({@link ReportInput}): a
 * {@code summary}, one ECharts option per chart ({@code charts}, ids in {@link #CHARTS}), the
 * tables ({@link ReportTables}: {@code rules}, {@code cluster_buckets}, {@code largest_clusters},
 * {@code removed}, {@code warnings}), the chart ids whose value axis counts bytes
 * ({@code byte_charts}) and each chart's height in pixels ({@code heights}), and the gallery of
 * examples per quality tier. Every bar carries its count as a label. Pure: the same files give
 * the same JSON.
 */
public final class ReportData {
    /** Chart ids, in page order. */
    public static final List<String> CHARTS = List.of("funnel_documents", "funnel_bytes", "languages",
            "quality_histograms", "quality_tiers", "near_duplicates", "licenses", "redactions", "mixture");
    /** Languages shown separately; the others are summed as {@code other}. */
    static final int TOP_LANGUAGES = 12;
    /** Languages with a quality histogram (most documents first). */
    static final int HISTOGRAM_LANGUAGES = 6;
    /** Chart height without a legend, and per legend row (3 entries a row). */
    static final int CHART_HEIGHT = 420;
    static final int LEGEND_ROW = 24;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportData() {
    }

    /** Reads OUT's files ({@link ReportInput#read}) and builds the report data. */
    public static ObjectNode build(Path out) throws IOException {
        return build(ReportInput.read(out));
    }

    /** The report data of one run's files. */
    public static ObjectNode build(ReportInput in) {
        JsonNode stats = in.stats();
        JsonNode manifest = in.manifest();
        ObjectNode data = F.objectNode();
        data.set("summary", summary(stats, manifest));
        ObjectNode charts = data.putObject("charts");
        List<String> order = stageOrder(stats, manifest);
        charts.set("funnel_documents", funnel(stats, order, false));
        charts.set("funnel_bytes", funnel(stats, order, true));
        charts.set("languages", languages(stats, manifest));
        charts.set("quality_histograms", qualityHistograms(stats));
        charts.set("quality_tiers", qualityTiers(stats));
        charts.set("near_duplicates", nearDuplicates(stats));
        charts.set("licenses", licenses(stats));
        charts.set("redactions", redactions(stats));
        charts.set("mixture", mixture(stats, manifest));
        data.set("byte_charts", strings(List.of("funnel_bytes")));
        ObjectNode heights = data.putObject("heights");
        for (String id : CHARTS) {
            heights.put(id, height((ObjectNode) charts.get(id)));
        }
        ObjectNode tables = data.putObject("tables");
        tables.set("rules", ReportTables.rules(stats, order));
        tables.set("cluster_buckets", ReportTables.clusterBuckets(stats));
        tables.set("largest_clusters", ReportTables.largestClusters(in.examples()));
        tables.set("removed", ReportTables.removed(in.examples(), order));
        tables.set("warnings", ReportTables.warnings(stats, manifest));
        data.set("gallery", in.examples().tiers());
        data.put("gallery_rule", in.examples().rule());
        data.put("removed_rule", in.examples().removedRule());
        return data;
    }

    /**
     * Pixel height of a chart: {@value #CHART_HEIGHT} plus one row per 3 legend entries (the
     * legend is never paginated); sets the grid's bottom margin to leave room for those rows.
     */
    static int height(ObjectNode option) {
        if (option.path("yAxis").has("name")) {
            // the axis name starts at the axis: never cut at the chart's left edge
            ((ObjectNode) option.get("yAxis")).putObject("nameTextStyle").put("align", "left");
        }
        int named = option.path("xAxis").has("name") ? 24 : 0; // room for an x axis name below the labels
        if (!option.has("legend")) {
            if (option.has("grid")) {
                ((ObjectNode) option.get("grid")).put("bottom", 20 + named);
            }
            return CHART_HEIGHT;
        }
        int rows = Math.max(1, (option.path("series").size() + 2) / 3);
        ((ObjectNode) option.get("grid")).put("bottom", 30 + named + LEGEND_ROW * rows);
        return CHART_HEIGHT + LEGEND_ROW * rows;
    }

    private static ObjectNode summary(JsonNode stats, JsonNode manifest) {
        ObjectNode s = F.objectNode();
        s.put("recipe", manifest.path("recipe").path("name").asText("unknown"));
        s.put("recipe_sha256", manifest.path("recipe_sha256").asText(""));
        s.put("documents_in", stats.at("/documents/in").asLong());
        s.put("documents_kept", stats.at("/documents/kept").asLong());
        s.put("documents_dropped", stats.at("/documents/dropped").asLong());
        s.put("documents_quarantined", stats.at("/documents/quarantined").asLong());
        s.put("bytes_in", stats.at("/bytes/in").asLong());
        s.put("bytes_kept", stats.at("/bytes/kept").asLong());
        s.put("tokens_kept", stats.path("tokens_kept").asLong());
        s.put("token_output_tokens", manifest.path("total_tokens").asLong(0));
        s.put("tokenizer", manifest.path("tokenizer").asText(""));
        s.put("wall_seconds", stats.at("/run/wall_seconds").asDouble());
        s.put("threads", stats.at("/run/threads").asInt());
        return s;
    }

    /** Stages in recipe order (manifest), then any other stage with decisions, in name order. */
    static List<String> stageOrder(JsonNode stats, JsonNode manifest) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (JsonNode s : manifest.path("recipe").path("stages")) {
            order.add(s.path("type").asText());
        }
        stats.path("decisions").fieldNames().forEachRemaining(order::add);
        return new ArrayList<>(order);
    }

    /**
     * A waterfall: per stage, the documents (or bytes) left after it (bar {@code remaining}) with,
     * stacked on top, what each drop/quarantine rule of the stage removed. First bar {@code in},
     * last {@code kept}. Stages that removed nothing are left out.
     */
    static ObjectNode funnel(JsonNode stats, List<String> order, boolean bytes) {
        String field = bytes ? "bytes" : "documents";
        long remaining = bytes ? stats.at("/bytes/in").asLong() : stats.at("/documents/in").asLong();
        List<String> categories = new ArrayList<>();
        List<Long> left = new ArrayList<>();
        Map<String, Map<Integer, Long>> removed = new TreeMap<>();
        Map<String, Long> totals = new TreeMap<>();
        categories.add("in");
        left.add(remaining);
        for (String stage : order) {
            JsonNode rules = stats.path("decisions").path(stage);
            Map<String, Long> cut = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("drop:") || e.getKey().startsWith("quarantine:")) {
                    cut.put(stage + " " + e.getKey(), e.getValue().path(field).asLong());
                }
            }
            long total = cut.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                continue;
            }
            remaining -= total;
            int index = categories.size();
            categories.add(stage);
            left.add(remaining);
            cut.forEach((rule, n) -> removed.computeIfAbsent(rule, k -> new TreeMap<>()).put(index, n));
            cut.forEach((rule, n) -> totals.merge(rule, n, Long::sum));
        }
        categories.add("kept");
        left.add(bytes ? stats.at("/bytes/kept").asLong() : stats.at("/documents/kept").asLong());
        ObjectNode o = base((bytes ? "Bytes" : "Documents") + " through each stage (stacked: removed by rule)");
        legend(o);
        o.putObject("xAxis").put("type", "category").set("data", strings(categories));
        o.putObject("yAxis").put("type", "value").put("name", field);
        ArrayNode series = o.putArray("series");
        series.add(bar("remaining", left, "funnel"));
        removed.forEach((rule, byIndex) -> {
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) {
                values.add(byIndex.getOrDefault(i, 0L));
            }
            series.add(bar(rule + " (" + String.format(java.util.Locale.ROOT, "%,d", totals.get(rule)) + ")",
                    values, "funnel"));
        });
        return o;
    }

    /**
     * Language shares (% of tokens, documents when no tokens were counted) of the refined corpus
     * (stats.json {@code languages}, every kept document once) and of the token output
     * (manifest.json {@code by_language}: the mixture, repeats included).
     */
    static ObjectNode languages(JsonNode stats, JsonNode manifest) {
        Map<String, Long> before = counts(stats.path("languages"));
        Map<String, Long> after = counts(manifest.path("by_language"));
        List<String> top = top(before, TOP_LANGUAGES);
        ObjectNode o = base("Language mix: refined corpus (data/) vs token output (after the mix), % of tokens");
        legend(o);
        o.putObject("xAxis").put("type", "category").set("data", strings(withOther(top, before)));
        ((ObjectNode) o.get("xAxis")).putObject("axisLabel").put("rotate", 30);
        o.putObject("yAxis").put("type", "value").put("name", "%");
        ArrayNode series = o.putArray("series");
        series.add(bar("refined corpus", shares(top, before), null));
        if (!after.isEmpty()) {
            series.add(bar("token output", shares(top, after), null));
        }
        return o;
    }






    /** Kept documents per quality-score bucket (metrics.kept.quality_score.LANG.B), one series per language. */
    static ObjectNode qualityHistograms(JsonNode stats) {
        Map<String, long[]> byLanguage = new TreeMap<>();
        stats.path("metrics").path("kept").fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.startsWith("quality_score.")) {
                int dot = k.lastIndexOf('.', k.lastIndexOf('.') - 1);
                String language = k.substring("quality_score.".length(), dot);
                int bucket = (int) Math.round(Double.parseDouble(k.substring(dot + 1)) * 10);
                byLanguage.computeIfAbsent(language, x -> new long[10])[Math.min(9, Math.max(0, bucket))] += e.getValue().asLong();
            }
        });
        Map<String, Long> totals = new TreeMap<>();
        byLanguage.forEach((k, v) -> totals.put(k, java.util.Arrays.stream(v).sum()));
        ObjectNode o = base("Quality score histograms per language (kept documents)");
        legend(o);
        List<String> buckets = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            buckets.add(String.format("%.1f-%.1f", b / 10.0, (b + 1) / 10.0));
        }
        o.putObject("xAxis").put("type", "category").put("name", "score").put("nameLocation", "middle").put("nameGap", 28).set("data", strings(buckets));
        o.putObject("yAxis").put("type", "value").put("name", "documents");
        ArrayNode series = o.putArray("series");
        for (String language : top(totals, HISTOGRAM_LANGUAGES)) {
            List<Long> values = new ArrayList<>();
            for (long v : byLanguage.get(language)) {
                values.add(v);
            }
            series.add(bar(language, values, null));
        }
        return o;
    }

    /**
     * Kept documents per quality tier (metrics.kept.quality_tier.T), tiers in name order
     * (A best); empty without a quality stage.
     */
    static ObjectNode qualityTiers(JsonNode stats) {
        Map<String, Long> tiers = prefixed(stats.path("metrics").path("kept"), "quality_tier.");
        ObjectNode o = base("Quality tiers (kept documents)");
        o.putObject("xAxis").put("type", "category").put("name", "tier").put("nameLocation", "middle").put("nameGap", 28).set("data", strings(new ArrayList<>(tiers.keySet())));
        o.putObject("yAxis").put("type", "value").put("name", "documents");
        o.putArray("series").add(bar("documents", new ArrayList<>(tiers.values()), null));
        return o;
    }

    /**
     * Clusters per size bucket, one series per cluster stage (stats.json {@code clusters}): every
     * bucket holding a cluster is a category, the value axis is linear and a bar is at least
     * {@value #MIN_BAR_PX} px high, so a bucket with a single cluster (often the largest) stays
     * visible; its count is printed on the bar. (A log axis draws bars from 1, so one cluster
     * has no height.)
     */
    static ObjectNode nearDuplicates(JsonNode stats) {
        ObjectNode o = base("Near-duplicate cluster sizes (clusters per size; a single cluster still shows)");
        legend(o);
        Map<String, JsonNode> stages = new TreeMap<>();
        stats.path("clusters").fields().forEachRemaining(e -> stages.put(e.getKey(), e.getValue().path("size_histogram")));
        List<String> sorted = ReportTables.buckets(stats);
        o.putObject("xAxis").put("type", "category").put("name", "documents per cluster").put("nameLocation", "middle").put("nameGap", 28).set("data", strings(sorted));
        o.putObject("yAxis").put("type", "value").put("name", "clusters");
        ArrayNode series = o.putArray("series");
        stages.forEach((stage, hist) -> {
            List<Long> values = new ArrayList<>();
            for (String b : sorted) {
                values.add(hist.path(b).asLong(0));
            }
            series.add(bar(stage, values, null).put("barMinHeight", MIN_BAR_PX));
        });
        return o;
    }

    /** Least height of a non-empty cluster bar. */
    static final int MIN_BAR_PX = 4;

    /** Kept documents per licence type (metrics.kept.license_type.T). */
    static ObjectNode licenses(JsonNode stats) {
        return pie("Licence types (kept documents)", prefixed(stats.path("metrics").path("kept"), "license_type."));
    }

    /** Replaced spans per detector type (metrics.redact.spans.T). */
    static ObjectNode redactions(JsonNode stats) {
        Map<String, Long> spans = prefixed(stats.path("metrics").path("redact"), "spans.");
        ObjectNode o = base("Redactions per type (replaced spans)");
        o.putObject("xAxis").put("type", "category").set("data", strings(new ArrayList<>(spans.keySet())));
        o.putObject("yAxis").put("type", "value").put("name", "spans");
        o.putArray("series").add(bar("spans", new ArrayList<>(spans.values()), null));
        return o;
    }


    /**
     * Target vs achieved share (%) per group of the mixture plan (stats.json, else manifest.json
     * {@code mixture}); infeasible groups are marked {@code (infeasible)}. Without a plan: the
     * token output's language shares alone, titled so.
     */
    static ObjectNode mixture(JsonNode stats, JsonNode manifest) {
        JsonNode plan = stats.path("mixture").isObject() ? stats.get("mixture") : manifest.path("mixture");
        if (!plan.isObject()) {
            Map<String, Long> after = counts(manifest.path("by_language"));
            if (after.isEmpty()) {
                after = counts(stats.path("languages"));
            }
            List<String> top = top(after, TOP_LANGUAGES);
            ObjectNode o = base("Mixture: no mix section in the recipe; natural language shares of the output, %");
            o.putObject("xAxis").put("type", "category").set("data", strings(withOther(top, after)));
            ((ObjectNode) o.get("xAxis")).putObject("axisLabel").put("rotate", 30);
            o.putObject("yAxis").put("type", "value").put("name", "%");
            o.putArray("series").add(bar("achieved", shares(top, after), null));
            return o;
        }
        List<String> names = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        List<Double> achieved = new ArrayList<>();
        for (JsonNode g : plan.path("groups")) {
            String name = g.path("group").asText();
            names.add(g.path("infeasible").isTextual() ? name + " (infeasible)" : name);
            target.add(Math.round(g.path("target_share").asDouble() * 10000) / 100.0);
            achieved.add(Math.round(g.path("achieved_share").asDouble() * 10000) / 100.0);
        }
        ObjectNode o = base("Mixture by " + plan.path("by").asText() + ": target vs achieved share of "
                + plan.path("achieved_tokens").asLong() + " tokens (budget " + plan.path("total_tokens").asLong() + "), %");
        legend(o);
        o.putObject("xAxis").put("type", "category").set("data", strings(names));
        ((ObjectNode) o.get("xAxis")).putObject("axisLabel").put("rotate", 30);
        o.putObject("yAxis").put("type", "value").put("name", "%");
        ArrayNode series = o.putArray("series");
        series.add(bar("target", target, null));
        series.add(bar("achieved", achieved, null));
        return o;
    }






    /** Data items with a non-zero value in a chart option's series (what a drawn chart shows). */
    public static int nonZeroItems(JsonNode option) {
        int n = 0;
        for (JsonNode s : option.path("series")) {
            for (JsonNode d : s.path("data")) {
                double v = d.isObject() ? d.path("value").asDouble() : d.asDouble();
                if (v != 0) {
                    n++;
                }
            }
        }
        return n;
    }

}
