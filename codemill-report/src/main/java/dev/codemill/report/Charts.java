package dev.codemill.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Building blocks of the report's ECharts options (title, grid, legend, bars with counts, pies) and counter helpers. */
final class Charts {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Charts() {
    }

    /** Tokens per group of a {@code {group: {documents, tokens}}} object; documents when no tokens. */
    static Map<String, Long> counts(JsonNode groups) {
        Map<String, Long> tokens = new TreeMap<>();
        Map<String, Long> docs = new TreeMap<>();
        groups.fields().forEachRemaining(e -> {
            tokens.put(e.getKey(), e.getValue().path("tokens").asLong(0));
            docs.put(e.getKey(), e.getValue().path("documents").asLong(0));
        });
        return tokens.values().stream().mapToLong(Long::longValue).sum() > 0 ? tokens : docs;
    }

    static List<String> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    static List<String> withOther(List<String> top, Map<String, Long> all) {
        List<String> out = new ArrayList<>(top);
        if (all.size() > top.size()) {
            out.add("other");
        }
        return out;
    }

    static List<Double> shares(List<String> top, Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Double> out = new ArrayList<>();
        long shown = 0;
        for (String k : top) {
            long v = counts.getOrDefault(k, 0L);
            shown += v;
            out.add(percent(v, total));
        }
        if (counts.keySet().stream().anyMatch(k -> !top.contains(k))) {
            out.add(percent(total - shown, total));
        }
        return out;
    }

    static double percent(long v, long total) {
        return total == 0 ? 0 : Math.round(v * 10000.0 / total) / 100.0;
    }

    static Map<String, Long> prefixed(JsonNode counters, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        counters.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(prefix) && e.getValue().asLong() > 0) {
                out.put(e.getKey().substring(prefix.length()), e.getValue().asLong());
            }
        });
        return out;
    }

    static ObjectNode base(String title) {
        ObjectNode o = F.objectNode();
        o.put("animation", false);
        o.putObject("title").put("text", title).putObject("textStyle").put("fontSize", 14);
        o.putObject("tooltip").put("trigger", "axis");
        // containLabel: axis labels (e.g. 123,456,789 bytes) are never clipped by the grid.
        ObjectNode grid = o.putObject("grid");
        grid.put("left", 20).put("right", 30).put("top", 50).put("bottom", 20).put("containLabel", true);
        return o;
    }

    /**
     * A plain legend below the chart: every entry shown, never paginated (the page grows the
     * chart by {@link #height}); the grid leaves room for its rows.
     */
    static void legend(ObjectNode o) {
        o.putObject("legend").put("type", "plain").put("bottom", 0).put("left", "center").put("width", "95%");
    }

    static ObjectNode pie(String title, Map<String, Long> values) {
        ObjectNode o = base(title);
        ((ObjectNode) o.get("tooltip")).put("trigger", "item");
        o.remove("grid");
        ObjectNode s = o.putArray("series").addObject();
        s.put("type", "pie").put("radius", "60%");
        ArrayNode data = s.putArray("data");
        values.forEach((k, v) -> data.addObject().put("name", k).put("value", v));
        return o;
    }

    static ObjectNode bar(String name, List<? extends Number> values, String stack) {
        ObjectNode s = F.objectNode();
        s.put("name", name).put("type", "bar");
        if (stack != null) {
            s.put("stack", stack);
        }
        // The count on every bar (the page hides zeros and adds thousands separators).
        s.putObject("label").put("show", true).put("position", stack != null ? "inside" : "top");
        ArrayNode data = s.putArray("data");
        for (Number v : values) {
            if (v instanceof Double d) {
                data.add(d);
            } else {
                data.add(v.longValue());
            }
        }
        return s;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
