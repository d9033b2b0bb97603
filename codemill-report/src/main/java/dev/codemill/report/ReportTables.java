package dev.codemill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.metrics.RemovalSamples;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The report's tables, which answer "what was removed and why" with exact numbers: one row per
 * stage and rule, the cluster size buckets, the largest clusters with paths, examples of removed
 * documents per rule, and the run's warnings. Pure functions of {@link ReportInput}.
 */
final class ReportTables {
    /** Recipe stage that removes benchmark items; a recipe without it gets a warning. */
    static final String DECONTAMINATE = "decontaminate";
    /** The warning of a recipe without a decontaminate stage. */
    static final String NO_DECONTAMINATION = "decontamination skipped: the recipe has no decontaminate stage, so "
            + "benchmark items (HumanEval, MBPP, ...) were not looked for";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportTables() {
    }

    /**
     * One row per stage (recipe order) and {@code action:rule} (name order) of stats.json
     * {@code decisions}: documents, bytes, and the documents as % of the documents in (2 decimals).
     */
    static ArrayNode rules(JsonNode stats, List<String> order) {
        long in = stats.at("/documents/in").asLong();
        ArrayNode rows = F.arrayNode();
        for (String stage : order) {
            Map<String, JsonNode> sorted = new java.util.TreeMap<>();
            stats.path("decisions").path(stage).fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                String[] p = e.getKey().split(":", 2);
                long docs = e.getValue().path("documents").asLong();
                ObjectNode r = rows.addObject();
                r.put("stage", stage).put("action", p[0]).put("rule", p.length > 1 ? p[1] : "");
                r.put("documents", docs).put("bytes", e.getValue().path("bytes").asLong());
                r.put("percent_of_in", in == 0 ? 0 : Math.round(docs * 10000.0 / in) / 100.0);
            }
        }
        return rows;
    }

    /** Every size bucket of stats.json {@code clusters.*.size_histogram}, smallest first. */
    static List<String> buckets(JsonNode stats) {
        LinkedHashSet<String> buckets = new LinkedHashSet<>();
        stats.path("clusters").forEach(c -> c.path("size_histogram").fieldNames().forEachRemaining(buckets::add));
        List<String> sorted = new ArrayList<>(buckets);
        sorted.sort(Comparator.comparingInt(b -> Integer.parseInt(b.split("-")[0])));
        return sorted;
    }

    /**
     * Per cluster stage: {@code clusters}, {@code documents_in_clusters}, {@code largest} and one
     * row per size bucket ({@code bucket}, {@code clusters}), buckets holding one cluster included.
     */
    static ArrayNode clusterBuckets(JsonNode stats) {
        ArrayNode out = F.arrayNode();
        stats.path("clusters").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            ObjectNode s = out.addObject();
            s.put("stage", e.getKey()).put("clusters", c.path("clusters").asLong())
                    .put("documents_in_clusters", c.path("documents_in_clusters").asLong())
                    .put("largest", c.path("largest").asLong());
            ArrayNode rows = s.putArray("buckets");
            for (String b : buckets(stats)) {
                long n = c.path("size_histogram").path(b).asLong(0);
                if (n > 0) {
                    rows.addObject().put("bucket", b).put("clusters", n);
                }
            }
        });
        return out;
    }

    /** examples.json's largest clusters, per stage (name order), largest first. */
    static ArrayNode largestClusters(ReportInput.Examples examples) {
        ArrayNode out = F.arrayNode();
        examples.largestClusters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (RemovalSamples.LargestCluster c : e.getValue()) {
                ObjectNode r = out.addObject();
                r.put("stage", e.getKey()).put("size", c.size()).put("kept_unit", c.keptUnit()).put("kept_path", c.keptPath());
                ArrayNode paths = r.putArray("paths");
                c.paths().forEach(paths::add);
            }
        });
        return out;
    }

    /**
     * examples.json's removed documents: one entry per stage (recipe order, then others by name)
     * and {@code action:rule}, with its examples (path, value, limit, detail, snippet or the note
     * saying why there is none).
     */
    static ArrayNode removed(ReportInput.Examples examples, List<String> order) {
        LinkedHashSet<String> stages = new LinkedHashSet<>(order);
        examples.removed().keySet().stream().sorted().forEach(stages::add);
        ArrayNode out = F.arrayNode();
        for (String stage : stages) {
            Map<String, List<RemovalSamples.Removed>> rules = examples.removed().get(stage);
            if (rules == null) {
                continue;
            }
            rules.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ObjectNode g = out.addObject();
                g.put("stage", stage).put("rule", e.getKey());
                ArrayNode list = g.putArray("examples");
                for (RemovalSamples.Removed r : e.getValue()) {
                    list.addObject().put("id", r.id()).put("repo_name", r.repoName()).put("path", r.path())
                            .put("value", r.value()).put("limit", r.limit()).put("detail", r.detail())
                            .put("snippet", r.snippet()).put("snippet_note", r.snippetNote());
                }
            });
        }
        return out;
    }

    /**
     * The run's warnings as {@code {source, message}}: stats.json {@code warnings} (stage warnings
     * such as the decontaminate stage's "no benchmarks given: stage skipped", then ingest
     * warnings), each input lost whole ({@code inputs_lost}), a broken conservation law, and a
     * recipe (manifest.json) without a decontaminate stage ({@link #NO_DECONTAMINATION}).
     */
    static ArrayNode warnings(JsonNode stats, JsonNode manifest) {
        ArrayNode out = F.arrayNode();
        for (JsonNode w : stats.path("warnings")) {
            out.addObject().put("source", w.path("stage").asText()).put("message", w.path("message").asText());
        }
        for (JsonNode lost : stats.path("inputs_lost")) {
            StringBuilder rules = new StringBuilder();
            lost.path("rules").fields().forEachRemaining(r -> rules.append(rules.length() == 0 ? "" : ", ")
                    .append(r.getKey()).append(' ').append(r.getValue().asLong()));
            out.addObject().put("source", "ingest").put("message", "input lost whole: " + lost.path("input").asText()
                    + " (" + lost.path("documents").asLong() + " documents quarantined: " + rules + ")");
        }
        if (stats.path("conservation_holds").isBoolean() && !stats.path("conservation_holds").asBoolean()) {
            out.addObject().put("source", "run").put("message", "conservation law broken: documents in != kept + dropped + quarantined");
        }
        JsonNode stages = manifest.path("recipe").path("stages");
        if (stages.isArray()) {
            boolean decont = false;
            for (JsonNode s : stages) {
                decont |= DECONTAMINATE.equals(s.path("type").asText());
            }
            if (!decont) {
                out.addObject().put("source", "recipe").put("message", NO_DECONTAMINATION);
            }
        }
        return out;
    }
}
