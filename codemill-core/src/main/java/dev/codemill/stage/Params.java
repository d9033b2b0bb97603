package dev.codemill.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stage's parameters from the recipe. Every getter records the key as known; after a
 * factory has built its stage, {@link #rejectUnknown()} fails on any key the factory did
 * not ask for, naming it and the stage, with a suggestion when a known key is close.
 *
 * <p>Errors are {@link RecipeException}s: a wrong type or an out-of-range value names the key by
 * its path into the recipe ({@link RecipeException#keyPath()}, e.g. {@code stages[3].max_line_length}).
 *
 * <p>A factory checks parameters here and reads no data: a path parameter is checked with
 * {@link #readablePaths} (exists, is a file or folder, readable), its content is read when the
 * stage {@linkplain dev.codemill.stage.Stage#loadData() loads its data}, so that
 * {@code codemill validate} reads none.
 */
public final class Params {
    private final String stage;
    private final String path;
    private final Map<String, Object> values;
    private final long seed;
    private final Set<String> known = new TreeSet<>();

    /** Parameters of a stage built outside a recipe: key paths are {@code STAGE.KEY} (as {@code --set} writes them). */
    public Params(String stage, Map<String, Object> values, long seed) {
        this(stage, stage, values, seed);
    }

    /**
     * @param stage  the stage's type
     * @param path   where the stage's entry is in the recipe, e.g. {@code stages[3]}; keys are named {@code PATH.KEY}
     * @param values the entry's keys but {@code type}
     * @param seed   the recipe seed
     */
    public Params(String stage, String path, Map<String, Object> values, long seed) {
        this.stage = stage;
        this.path = path;
        this.values = new LinkedHashMap<>(values);
        this.seed = seed;
    }

    public static Params empty(String stage) {
        return new Params(stage, Map.of(), 0L);
    }

    public String stage() {
        return stage;
    }

    /** Where the stage's entry is in the recipe, e.g. {@code stages[3]}. */
    public String path() {
        return path;
    }

    /** The path of one of this stage's keys, e.g. {@code stages[3].max_line_length}. */
    public String keyPath(String key) {
        return path + "." + key;
    }

    /** The recipe seed; stages derive per-document randomness from it and the document id. */
    public long seed() {
        return seed;
    }

    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key);
    }

    public Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    public String string(String key, String fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expects a text value, got " + v);
        }
        return v.toString();
    }

    public long integer(String key, long fallback, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else {
            throw error(key, "expects a whole number, got " + v);
        }
        if (n < min || n > max) {
            throw error(key, "must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    public double number(String key, double fallback, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number num)) {
            throw error(key, "expects a number, got " + v);
        }
        double d = num.doubleValue();
        if (d < min || d > max) {
            throw error(key, "must be in [" + min + ", " + max + "], got " + d);
        }
        return d;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "expects true or false, got " + v);
        }
        return b;
    }

    public List<String> strings(String key, List<String> fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list)) {
            throw error(key, "expects a list, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return List.copyOf(out);
    }

    /** A nested map (e.g. per-language overrides); its keys are the caller's to check. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = raw(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(key, "expects a mapping, got " + v);
        }
        return (Map<String, Object>) m;
    }

    /**
     * A list of paths, each of which must exist and be a readable regular file or folder; nothing
     * is opened or read. Errors name the entry, e.g. {@code stages[4].benchmarks[1]}.
     */
    public List<java.nio.file.Path> readablePaths(String key) {
        List<java.nio.file.Path> out = new ArrayList<>();
        List<String> given = strings(key, List.of());
        for (int i = 0; i < given.size(); i++) {
            java.nio.file.Path p = java.nio.file.Path.of(given.get(i));
            String at = keyPath(key) + "[" + i + "]";
            String what = "stage '" + stage + "': key '" + key + "': ";
            if (!java.nio.file.Files.exists(p)) {
                throw new RecipeException(at, what + given.get(i) + " does not exist (from "
                        + java.nio.file.Path.of("").toAbsolutePath() + ")");
            }
            if (!java.nio.file.Files.isRegularFile(p) && !java.nio.file.Files.isDirectory(p)) {
                throw new RecipeException(at, what + given.get(i) + " is neither a file nor a folder");
            }
            if (!java.nio.file.Files.isReadable(p)) {
                throw new RecipeException(at, what + given.get(i) + " is not readable");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** Fails on the first key no getter asked for, naming its path ({@code stages[3].treshold}). */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw RecipeException.unknownKey(keyPath(key), "stage '" + stage + "'", key, known);
            }
        }
    }

    /** A wrong value of {@code key}: "PATH.KEY: stage 'S': key 'KEY' MESSAGE". */
    public RecipeException error(String key, String message) {
        return new RecipeException(keyPath(key), "stage '" + stage + "': key '" + key + "' " + message);
    }
}
