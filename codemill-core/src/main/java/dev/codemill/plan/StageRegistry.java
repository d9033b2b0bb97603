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

    /** Builds all stages of a recipe, in order. */
    public List<Stage> buildAll(Recipe recipe) {
        List<Stage> stages = new ArrayList<>();
        for (StageSpec spec : recipe.stages()) {
            stages.add(build(spec, recipe.seed()));
        }
        return stages;
    }
}
