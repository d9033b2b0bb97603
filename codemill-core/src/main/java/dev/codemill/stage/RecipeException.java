package dev.codemill.stage;

import java.util.Collection;

/**
 * A recipe or stage parameter is wrong. The message names the key and where it is; when the
 * wrong key is known, {@link #keyPath()} names it as a path into the recipe, e.g.
 * {@code stages[3].max_line_length} or {@code ingest.max_file_bytes}, and the message starts
 * with that path.
 */
public class RecipeException extends RuntimeException {
    private final String keyPath;

    public RecipeException(String message) {
        super(message);
        this.keyPath = "";
    }

    /**
     * @param keyPath the wrong key's path into the recipe ({@code stages[3].max_line_length}); empty when none
     * @param message what is wrong, without the path (it is prepended as {@code "PATH: "})
     */
    public RecipeException(String keyPath, String message) {
        super(keyPath == null || keyPath.isEmpty() ? message : keyPath + ": " + message);
        this.keyPath = keyPath == null ? "" : keyPath;
    }

    /** The wrong key's path into the recipe, e.g. {@code stages[3].max_line_length}; empty when not known. */
    public String keyPath() {
        return keyPath;
    }

    /** "unknown key 'x' in WHERE (did you mean 'y'?; known keys: …)". */
    public static RecipeException unknownKey(String where, String key, Collection<String> known) {
        return unknownKey("", where, key, known);
    }

    /**
     * "PATH: unknown key 'x' in WHERE (did you mean 'y'?; known keys: …)".
     *
     * @param keyPath the unknown key's path into the recipe, e.g. {@code stages[2].treshold}; empty when none
     */
    public static RecipeException unknownKey(String keyPath, String where, String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String hint = best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
        return new RecipeException(keyPath, "unknown key '" + key + "' in " + where + hint + "; known keys: " + known);
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
