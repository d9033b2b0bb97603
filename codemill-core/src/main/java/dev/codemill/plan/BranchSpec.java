package dev.codemill.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.codemill.stage.RecipeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a recipe's {@code branches} list: a second chain of stages fed with a copy of
 * every document that passes a point of the main chain, written to {@code OUT/NAME/} by the same
 * writers as the main output, in the same run ({@code docs/architecture.md}, "Emit and branches").
 *
 * @param name   folder name under OUT and the branch's name in stats.json ({@link #NAME})
 * @param from   the point of the main chain: {@value #END} (the documents the main chain keeps,
 *               default), or a stage as {@code TYPE} (the only stage of that type) or
 *               {@code TYPE#N} (the N-th, 1-based): the documents leaving that stage (kept,
 *               changed or derived by it or before it)
 * @param stages the branch's stages, in order (at least one)
 */
public record BranchSpec(String name, String from, List<StageSpec> stages) {
    /** The default feeding point: what the main chain keeps. */
    public static final String END = "end";

    /** A branch name: lower-case letters, digits, {@code _} and {@code -}, starting with a letter, at most 64 chars. */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** Names that OUT already uses for the main output's own files and folders. */
    public static final List<String> RESERVED = List.of("data", "ledger", "tokens", "review", "report", "examples",
            "manifest", "stats", "readme");

    public BranchSpec {
        stages = List.copyOf(stages);
        from = from == null ? END : from;
    }

    /** The entry as a recipe writes it, {@code {name, from, stages: [...]}} (how the manifest records it). */
    @JsonValue
    public Map<String, Object> asRecipeEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("from", from);
        m.put("stages", stages.stream().map(StageSpec::asRecipeEntry).toList());
        return m;
    }

    /**
     * The 0-based position in {@code main} of the stage whose output feeds this branch, or -1 for
     * {@value #END}.
     *
     * @throws RecipeException when {@code from} names no stage of {@code main}, or names a type that
     *                         occurs more than once without {@code #N}
     */
    public int fromIndex(List<StageSpec> main) {
        if (from.equals(END)) {
            return -1;
        }
        String type = from;
        int nth = 0;
        int hash = from.lastIndexOf('#');
        if (hash > 0) {
            type = from.substring(0, hash);
            try {
                nth = Integer.parseInt(from.substring(hash + 1));
            } catch (NumberFormatException e) {
                nth = -1;
            }
            if (nth < 1) {
                throw new RecipeException("branch '" + name + "': key 'from': '" + from + "' needs a position >= 1 after '#'");
            }
        }
        int seen = 0;
        int found = -1;
        for (int i = 0; i < main.size(); i++) {
            if (main.get(i).type().equals(type)) {
                seen++;
                if (nth == 0 ? found < 0 : seen == nth) {
                    found = i;
                }
            }
        }
        if (found < 0 || (nth > 0 && seen < nth)) {
            throw new RecipeException("branch '" + name + "': key 'from': the main chain has no stage '" + from + "'; use '"
                    + END + "' or one of " + main.stream().map(StageSpec::type).distinct().toList());
        }
        if (nth == 0 && seen > 1) {
            throw new RecipeException("branch '" + name + "': key 'from': the main chain has " + seen + " stages '" + type
                    + "'; say which with '" + type + "#N'");
        }
        return found;
    }
}
