package dev.codemill.plan;

import dev.codemill.stage.RecipeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a recipe's {@code branches} section: a list of
 * {@code {name: NAME, from: POINT, stages: [{type: ...}, ...]}} ({@link BranchSpec}). Checked at
 * load time, before any data is read: unknown keys; a name that is missing, not a safe folder
 * name ({@link BranchSpec#NAME}), reserved ({@link BranchSpec#RESERVED}) or given twice; a
 * {@code from} that names no stage of the main chain; an empty {@code stages} list or a stage
 * without {@code type}. Stage keys are checked when the stages are built
 * ({@link PlanValidator#validate}).
 */
final class BranchLoader {
    private static final Set<String> KEYS = Set.of("name", "from", "stages");

    private BranchLoader() {
    }

    static List<BranchSpec> branches(Object node, String where, List<StageSpec> main) {
        List<BranchSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof List<?> list)) {
            throw new RecipeException(where + ": key 'branches' expects a list, got " + node);
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Object entry : list) {
            i++;
            String at = where + " branch #" + i;
            if (!(entry instanceof Map<?, ?> raw)) {
                throw new RecipeException(at + ": expected a mapping {name, from, stages}, got " + entry);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            raw.forEach((k, v) -> m.put(String.valueOf(k), v));
            for (String k : m.keySet()) {
                if (!KEYS.contains(k)) {
                    throw RecipeException.unknownKey(at, k, new java.util.TreeSet<>(KEYS));
                }
            }
            Object name = m.get("name");
            if (!(name instanceof String n) || !BranchSpec.NAME.matcher(n).matches()) {
                throw new RecipeException(at + ": key 'name' must be a folder name of lower-case letters, digits, '_' and "
                        + "'-', starting with a letter, at most 64 characters; got " + name);
            }
            if (BranchSpec.RESERVED.contains(n)) {
                throw new RecipeException(at + ": name '" + n + "' is taken by the main output; reserved: "
                        + BranchSpec.RESERVED);
            }
            if (!names.add(n)) {
                throw new RecipeException(at + ": branch name '" + n + "' is given twice");
            }
            Object from = m.getOrDefault("from", BranchSpec.END);
            if (!(from instanceof String)) {
                throw new RecipeException(at + ": key 'from' expects a stage type (TYPE or TYPE#N) or '" + BranchSpec.END
                        + "', got " + from);
            }
            Object stagesNode = m.get("stages");
            if (!(stagesNode instanceof List<?> sl) || sl.isEmpty()) {
                throw new RecipeException(at + " ('" + n + "'): key 'stages' needs a list of at least one stage, got "
                        + stagesNode);
            }
            List<StageSpec> stages = new ArrayList<>();
            int j = 0;
            for (Object s : sl) {
                j++;
                String sat = at + " ('" + n + "') stage #" + j;
                if (!(s instanceof Map<?, ?> sm)) {
                    throw new RecipeException(sat + ": expected a mapping, got " + s);
                }
                Map<String, Object> params = new LinkedHashMap<>();
                sm.forEach((k, v) -> params.put(String.valueOf(k), v));
                Object type = params.remove("type");
                if (type == null) {
                    throw new RecipeException(sat + ": missing key 'type'");
                }
                stages.add(new StageSpec(type.toString(), params));
            }
            BranchSpec b = new BranchSpec(n, (String) from, stages);
            b.fromIndex(main);
            out.add(b);
        }
        return out;
    }
}
