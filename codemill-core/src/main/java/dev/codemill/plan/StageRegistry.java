package dev.codemill.plan;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The stage factories found on the class path through {@link ServiceLoader}, by name. */
public final class StageRegistry {
    private final Map<String, StageFactory> factories;

    private StageRegistry(Map<String, StageFactory> factories) {
        this.factories = factories;
    }

    public static StageRegistry load() {
        Map<String, StageFactory> found = new TreeMap<>();
        for (StageFactory f : ServiceLoader.load(StageFactory.class)) {
            StageFactory previous = found.put(f.name(), f);
            if (previous != null) {
                throw new IllegalStateException("two stage factories named " + f.name() + ": "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new StageRegistry(found);
    }

    public Map<String, StageFactory> factories() {
        return java.util.Collections.unmodifiableMap(factories);
    }

    /** Builds one stage; unknown type or key → {@link RecipeException} naming it. */
    public Stage build(StageSpec spec, long seed) {
        StageFactory factory = factories.get(spec.type());
        if (factory == null) {
            throw RecipeException.unknownKey("the stage types", spec.type(), factories.keySet())
                    ;
        }
        Params params = new Params(spec.type(), spec.params(), seed);
        Stage stage = factory.create(params);
        params.rejectUnknown();
        return stage;
    }

    /**
     * Builds all stages of a recipe, in order, and checks their order: a stage that
     * {@link Stage#needsEveryDocument() needs every document} (licence detection) must come
     * before every stage that {@link Stage#mayDropDocuments() may drop documents}.
     *
     * @throws RecipeException naming both stages (1-based positions) when the order is wrong
     */
    public List<Stage> buildAll(Recipe recipe) {
        List<Stage> stages = new ArrayList<>();
        for (StageSpec spec : recipe.stages()) {
            stages.add(build(spec, recipe.seed()));
        }
        checkOrder(stages);
        for (BranchSpec b : recipe.branches()) {
            buildBranch(recipe, b); // unknown types and keys of branch stages, before any data is read
        }
        return stages;
    }

    /**
     * Builds the stages of one branch of {@code recipe} (with the recipe's seed) and checks their order.
     *
     * @throws RecipeException naming the branch when a stage type, key or the order is wrong
     */
    public List<Stage> buildBranch(Recipe recipe, BranchSpec branch) {
        List<Stage> stages = new ArrayList<>();
        try {
            for (StageSpec spec : branch.stages()) {
                stages.add(build(spec, recipe.seed()));
            }
            checkOrder(stages);
        } catch (RecipeException e) {
            throw new RecipeException("branch '" + branch.name() + "': " + e.getMessage());
        }
        return stages;
    }

    /** The order check of {@link #buildAll}. */
    public static void checkOrder(List<Stage> stages) {
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).needsEveryDocument()) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (stages.get(j).mayDropDocuments()) {
                    throw new RecipeException("stage #" + (i + 1) + " '" + stages.get(i).name() + "' must see every file of a"
                            + " repository (LICENSE, manifests, README), but stage #" + (j + 1) + " '" + stages.get(j).name()
                            + "' before it may drop files: move '" + stages.get(i).name() + "' before '" + stages.get(j).name() + "'");
                }
            }
        }
    }
}
