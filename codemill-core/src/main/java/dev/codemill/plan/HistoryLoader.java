package dev.codemill.plan;

import dev.codemill.stage.RecipeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks the recipe's {@code ingest.history} section into {@link HistoryOptions}:
 * {@code {rev_range, branch, first_parent, max_commits, paths, renames}}; {@code history: true}
 * is every default. Errors name the key path ({@code ingest.history.max_commits}).
 */
final class HistoryLoader {
    private static final Set<String> KEYS = Set.of("rev_range", "branch", "first_parent", "max_commits", "paths", "renames");

    private HistoryLoader() {
    }

    static HistoryOptions history(Object node, String where) {
        String at = where + " section 'ingest.history'";
        if (Boolean.TRUE.equals(node)) {
            return HistoryOptions.DEFAULTS;
        }
        if (Boolean.FALSE.equals(node) || node == null) {
            return null;
        }
        if (!(node instanceof Map<?, ?> raw)) {
            throw new RecipeException("ingest.history", at + ": expects true or a map of " + new TreeSet<>(KEYS) + ", got " + node);
        }
        for (Object k : raw.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw RecipeException.unknownKey(at, String.valueOf(k), new TreeSet<>(KEYS));
            }
        }
        HistoryOptions d = HistoryOptions.DEFAULTS;
        String range = string(raw, "rev_range", d.revRange(), at);
        String branch = string(raw, "branch", d.branch(), at);
        boolean firstParent = bool(raw, "first_parent", d.firstParent(), at);
        boolean renames = bool(raw, "renames", d.renames(), at);
        Object mc = ((Map<?, ?>) raw).get("max_commits");
        long maxCommits = d.maxCommits();
        if (mc != null) {
            if (!(mc instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0) {
                throw new RecipeException("ingest.history.max_commits", at + ": key 'max_commits' must be an integer >= 0 (0: all), got " + mc);
            }
            maxCommits = n.longValue();
        }
        List<String> paths = new ArrayList<>();
        Object p = raw.get("paths");
        if (p != null) {
            if (!(p instanceof List<?> list)) {
                throw new RecipeException("ingest.history.paths", at + ": key 'paths' expects a list of path prefixes, got " + p);
            }
            for (Object o : list) {
                if (!(o instanceof String s) || s.isEmpty() || s.startsWith("/") || s.contains("\\")) {
                    throw new RecipeException("ingest.history.paths", at + ": key 'paths' expects repository paths like 'src/' "
                            + "(no leading '/', '/' separators), got " + o);
                }
                paths.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            }
        }
        return new HistoryOptions(range, branch, firstParent, maxCommits, paths, renames);
    }

    private static String string(Map<?, ?> m, String key, String fallback, String at) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new RecipeException("ingest.history." + key, at + ": key '" + key + "' expects a string, got " + v);
        }
        return s;
    }

    private static boolean bool(Map<?, ?> m, String key, boolean fallback, String at) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new RecipeException("ingest.history." + key, at + ": key '" + key + "' expects true or false, got " + v);
        }
        return b;
    }
}
