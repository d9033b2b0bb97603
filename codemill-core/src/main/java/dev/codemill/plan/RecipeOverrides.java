package dev.codemill.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stage.RecipeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line changes to a recipe ({@code --set KEY=VALUE}), applied to the parsed YAML tree
 * before it is checked, so a changed recipe is validated exactly like a written one.
 *
 * <p>{@code KEY} is a dotted path. Its first part is a top-level section ({@code name},
 * {@code seed}, {@code sources}, {@code ingest}, {@code output}, {@code mix}) or the type of a
 * stage in the recipe ({@code near_dedup.threshold=0.8}); {@code TYPE#N} picks the N-th stage of
 * that type (1-based) where a recipe has several. A stage type the recipe lacks is an error (add
 * stages in a recipe file). {@code VALUE} is read as a YAML flow value: {@code 0.8}, {@code true},
 * {@code [parquet, jsonl]}, {@code {Python: 0.3}}, or a plain string. Later assignments win.
 */
public final class RecipeOverrides {
    private static final ObjectMapper YAML = RecipeYaml.MAPPER;
    private static final Set<String> SECTIONS = Set.of("name", "seed", "sources", "ingest", "output", "mix");

    private RecipeOverrides() {
    }

    /**
     * Applies {@code assignments} to {@code top} (the recipe's top-level mapping, changed in place).
     *
     * @throws RecipeException for an assignment without '=', an empty key, a stage type the recipe
     *                         lacks, or a path that runs through a value that is not a mapping
     */
    public static void apply(Map<String, Object> top, List<String> assignments) {
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new RecipeException("--set '" + a + "': expected KEY=VALUE, e.g. near_dedup.threshold=0.8");
            }
            String[] path = a.substring(0, eq).trim().split("\\.", -1);
            for (String p : path) {
                if (p.isBlank()) {
                    throw new RecipeException("--set '" + a + "': empty part in key '" + a.substring(0, eq) + "'");
                }
            }
            Object value = value(a.substring(eq + 1), a);
            if (SECTIONS.contains(path[0])) {
                put(top, path, 0, value, a);
            } else {
                Map<String, Object> stage = stage(top, path[0], a);
                if (path.length == 1 || path[1].equals("type")) {
                    throw new RecipeException("--set '" + a + "': name a key of stage '" + path[0]
                            + "' (e.g. " + path[0] + ".KEY=VALUE); stages are added or removed in a recipe file");
                }
                put(stage, path, 1, value, a);
            }
        }
    }

    private static Object value(String text, String assignment) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            return YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new RecipeException("--set '" + assignment + "': value is not valid YAML: " + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> top, String ref, String assignment) {
        int hash = ref.indexOf('#');
        String type = hash < 0 ? ref : ref.substring(0, hash);
        int nth = 1;
        if (hash >= 0) {
            try {
                nth = Integer.parseInt(ref.substring(hash + 1));
            } catch (NumberFormatException e) {
                nth = 0;
            }
            if (nth < 1) {
                throw new RecipeException("--set '" + assignment + "': '" + ref + "' needs a stage number >= 1 after '#'");
            }
        }
        Object list = top.get("stages");
        Set<String> types = new LinkedHashSet<>();
        List<Map<String, Object>> matches = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    types.add(String.valueOf(m.get("type")));
                    if (type.equals(String.valueOf(m.get("type")))) {
                        matches.add((Map<String, Object>) m);
                    }
                }
            }
        }
        if (matches.isEmpty()) {
            Set<String> known = new LinkedHashSet<>(SECTIONS);
            known.addAll(types);
            throw RecipeException.unknownKey("the recipe's sections and stages (--set '" + assignment + "')", type, known);
        }
        if (nth > matches.size()) {
            throw new RecipeException("--set '" + assignment + "': the recipe has " + matches.size() + " stage(s) of type '"
                    + type + "'");
        }
        return matches.get(nth - 1);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String[] path, int from, Object value, String assignment) {
        Map<String, Object> at = map;
        for (int i = from; i < path.length - 1; i++) {
            Object next = at.get(path[i]);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                at.put(path[i], next);
            } else if (!(next instanceof Map<?, ?>)) {
                throw new RecipeException("--set '" + assignment + "': '" + path[i] + "' holds " + next
                        + ", not a mapping");
            }
            at = (Map<String, Object>) next;
        }
        at.put(path[path.length - 1], value);
    }
}
