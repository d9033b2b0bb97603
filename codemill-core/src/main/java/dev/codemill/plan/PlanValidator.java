package dev.codemill.plan;

import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one check of a recipe's plan, used by every entry point ({@code codemill run},
 * {@code validate}, {@code explain}, {@code recipe}, the Spark driver) before any data is read.
 * {@link RecipeLoader} checks the sections' keys and values as it reads them; this class checks
 * the stage chains:
 * <ul>
 *   <li>every stage type is registered and every key of its entry is one its
 *       {@link StageFactory} reads, with a valid value ({@link StageRegistry#build});</li>
 *   <li>the main chain is not empty and starts with {@value #DECODE} (every other stage reads
 *       decoded text; without it a stage meets raw bytes, and the writers would have to turn raw
 *       bytes into text, losing any that are not UTF-8);</li>
 *   <li>a stage that {@linkplain Stage#needsEveryDocument() needs every document} (licence
 *       detection) comes before every stage that {@linkplain Stage#mayDropDocuments() may drop
 *       documents}, across the chain that feeds it.</li>
 * </ul>
 * Errors are {@link RecipeException}s naming the key by its path ({@code stages[3].max_line_length},
 * {@code stages[0].type}). Building a stage reads no data ({@link Stage#loadData()} does), so a
 * plan that passes here may still fail on a bad data file when it runs.
 *
 * <p>Other chains of stages in a recipe (branches fed from a point of the main chain) are checked
 * with {@link #chain(String, List, long, Chain)}, given the part of the main chain that feeds them.
 */
public final class PlanValidator {
    /** Recipe type of the stage that turns bytes into text. */
    public static final String DECODE = "decode";
    /** The main-chain stage where git history records end (consumed; {@code docs/history.md}). */
    public static final String COMMIT_CHANGES = "commit_changes";
    /** Branch stages that read git history records. */
    public static final java.util.Set<String> HISTORY_STAGES = java.util.Set.of("commit_pairs", "revisions");

    private static final Pattern MAIN_STAGE = Pattern.compile("stages\\[(\\d+)]");

    private final StageRegistry registry;

    public PlanValidator(StageRegistry registry) {
        this.registry = registry;
    }

    /** A validator over the stage factories on the class path. */
    public static PlanValidator standard() {
        return new PlanValidator(StageRegistry.load());
    }

    public StageRegistry registry() {
        return registry;
    }

    /**
     * A checked chain of stages: each stage with its path in the recipe ({@code stages[3]}).
     * Stages are built, their data not loaded.
     */
    public record Chain(List<String> paths, List<Stage> stages) {
        /** No stage: what feeds the main chain. */
        public static final Chain EMPTY = new Chain(List.of(), List.of());

        public Chain {
            if (paths.size() != stages.size()) {
                throw new IllegalArgumentException("one path per stage: " + paths + " for " + stages.size() + " stages");
            }
            paths = List.copyOf(paths);
            stages = List.copyOf(stages);
        }

        /** The first {@code n} stages: what feeds a branch taken after stage {@code n}. */
        public Chain first(int n) {
            return new Chain(paths.subList(0, n), stages.subList(0, n));
        }
    }

    /**
     * Checks the recipe's main chain ({@code stages}).
     *
     * @return the stages, in recipe order, built but with their data not loaded
     * @throws RecipeException naming the first wrong key by its path
     */
    public List<Stage> validate(Recipe recipe) {
        Chain main = mainChain(recipe);
        for (BranchSpec b : recipe.branches()) {
            branch(recipe, b, main);
        }
        checkHistory(recipe);
        return main.stages();
    }

    /**
     * Git history records ({@code ingest.history}) are inputs, not files: they must end in the main
     * chain at a {@value #COMMIT_CHANGES} stage, or they would be written to {@code data/} as if
     * they were files; a branch of history stages ({@link #HISTORY_STAGES}) must be fed from a point
     * before that stage, or it would get no record ({@code docs/history.md}).
     */
    private static void checkHistory(Recipe recipe) {
        int at = -1;
        for (int i = 0; i < recipe.stages().size(); i++) {
            if (recipe.stages().get(i).type().equals(COMMIT_CHANGES)) {
                at = i;
                break;
            }
        }
        if (recipe.ingest() != null && recipe.ingest().history() != null && at < 0) {
            throw new RecipeException("ingest.history", "'ingest.history' reads commit records, which must end in the "
                    + "main chain at a {type: " + COMMIT_CHANGES + "} stage (after redact), or they would be written to "
                    + "data/ as files; add it (docs/history.md)");
        }
        if (at < 0) {
            return;
        }
        for (BranchSpec b : recipe.branches()) {
            String history = b.stages().stream().map(StageSpec::type).filter(HISTORY_STAGES::contains).findFirst().orElse(null);
            int from = b.fromIndex(recipe.stages());
            if (history != null && (from < 0 || from >= at)) {
                throw new RecipeException("branches." + b.name() + ".from", "branch '" + b.name() + "' holds '" + history
                        + "' but is fed from '" + b.from() + "', at or after the " + COMMIT_CHANGES + " stage (stages["
                        + at + "]) where history records end: it would get no record; feed it from a stage before "
                        + "(e.g. from: redact)");
            }
        }
    }

    /**
     * Checks one branch of {@code recipe} ({@code branches.NAME.stages}), fed by the part of the
     * checked {@code main} chain up to its {@code from} point (all of it for {@code end}).
     *
     * @return the branch's stages, built, data not loaded
     */
    public Chain branch(Recipe recipe, BranchSpec b, Chain main) {
        int from = b.fromIndex(recipe.stages());
        return chain("branches." + b.name() + ".stages", b.stages(), recipe.seed(),
                main.first(from < 0 ? main.stages().size() : from + 1));
    }

    /** {@link #validate} with each stage's path, for checking branches fed from it. */
    public Chain mainChain(Recipe recipe) {
        Chain main = chain("stages", recipe.stages(), recipe.seed(), Chain.EMPTY);
        String where = recipe.name().equals("unnamed") ? "the recipe" : "recipe '" + recipe.name() + "'";
        if (recipe.stages().isEmpty()) {
            throw new RecipeException("stages", where + " has no stages (key 'stages' missing or empty); start with {type: "
                    + DECODE + "}");
        }
        if (!recipe.stages().get(0).type().equals(DECODE)) {
            throw new RecipeException("stages[0].type", where + ": stage #1 is '" + recipe.stages().get(0).type()
                    + "', but the first stage must be '" + DECODE + "' (every other stage reads decoded text)");
        }
        return main;
    }

    /**
     * Checks one chain of stage specs: the hook for every list of stages in a recipe (the main
     * chain, and each branch).
     *
     * @param path     where the list is in the recipe, e.g. {@code stages} or {@code branches.fim.stages};
     *                 entry {@code i} is named {@code PATH[i]}
     * @param specs    the chain's entries, in order
     * @param seed     the recipe seed
     * @param upstream the checked stages whose output feeds this chain ({@link Chain#EMPTY} for the
     *                 main chain; a prefix of it, {@link Chain#first}, for a branch): the order rule
     *                 applies across it, and a chain fed by nothing must start with {@value #DECODE}
     *                 (the main chain checks that in {@link #mainChain}; a branch fed by the main
     *                 chain gets decoded text)
     * @return the chain's stages, built, data not loaded
     * @throws RecipeException naming the first wrong key by its path
     */
    public Chain chain(String path, List<StageSpec> specs, long seed, Chain upstream) {
        List<String> paths = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String at = path + "[" + i + "]";
            stages.add(registry.build(at, specs.get(i), seed));
            paths.add(at);
        }
        if (upstream.stages().isEmpty() && !specs.isEmpty() && !path.equals("stages")
                && !specs.get(0).type().equals(DECODE)) {
            throw new RecipeException(path + "[0].type", "'" + specs.get(0).type() + "' is fed by nothing but raw "
                    + "input, so the chain must start with '" + DECODE + "'");
        }
        List<String> allPaths = new ArrayList<>(upstream.paths());
        allPaths.addAll(paths);
        List<Stage> all = new ArrayList<>(upstream.stages());
        all.addAll(stages);
        checkOrder(allPaths, all, upstream.stages().size());
        return new Chain(paths, stages);
    }

    /**
     * The order rule: no stage that needs every document after one that may drop documents.
     * Only stages at index {@code from} or later are checked (the upstream part was checked with its chain).
     */
    private static void checkOrder(List<String> paths, List<Stage> stages, int from) {
        for (int i = from; i < stages.size(); i++) {
            if (!stages.get(i).needsEveryDocument()) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (stages.get(j).mayDropDocuments()) {
                    String needs = stages.get(i).name();
                    String drops = stages.get(j).name();
                    throw new RecipeException(paths.get(i), label(paths.get(i)) + " '" + needs + "' must see every file of a"
                            + " repository (LICENSE, manifests, README), but " + label(paths.get(j)) + " '" + drops
                            + "' before it may drop files: move '" + needs + "' before '" + drops + "'");
                }
            }
        }
    }

    /** "stage #4" for {@code stages[3]} (the main chain, 1-based as users count), else the path. */
    private static String label(String path) {
        Matcher m = MAIN_STAGE.matcher(path);
        return m.matches() ? "stage #" + (Integer.parseInt(m.group(1)) + 1) : path;
    }
}
