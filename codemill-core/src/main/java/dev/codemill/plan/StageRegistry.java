package dev.codemill.plan;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
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

    /** A registry of the given factories (tests, library users with their own stages). */
    public static StageRegistry of(java.util.Collection<? extends StageFactory> factories) {
        Map<String, StageFactory> found = new TreeMap<>();
        for (StageFactory f : factories) {
            if (found.put(f.name(), f) != null) {
                throw new IllegalStateException("two stage factories named " + f.name());
            }
        }
        return new StageRegistry(found);
    }

    public Map<String, StageFactory> factories() {
        return java.util.Collections.unmodifiableMap(factories);
    }

    /** The factory of {@code type}, or null. */
    public StageFactory factory(String type) {
        return factories.get(type);
    }

    /** Builds one stage outside a recipe (key paths {@code TYPE.KEY}); see {@link #build(String, StageSpec, long)}. */
    public Stage build(StageSpec spec, long seed) {
        return build(spec.type(), spec, seed);
    }

    /**
     * Builds one stage from its spec, checking its parameters and reading no data
     * ({@link Stage#loadData()} reads it). Recipes are checked as a whole by {@link PlanValidator}.
     *
     * @param path where the spec is in the recipe, e.g. {@code stages[3]}: errors name keys below it
     * @throws RecipeException on an unknown type ({@code PATH.type}) or key, or a bad value, naming its path
     */
    public Stage build(String path, StageSpec spec, long seed) {
        StageFactory factory = factories.get(spec.type());
        if (factory == null) {
            throw RecipeException.unknownKey(path + ".type", "the stage types", spec.type(), factories.keySet());
        }
        Params params = new Params(spec.type(), path, spec.params(), seed);
        Stage stage = factory.create(params);
        params.rejectUnknown();
        return stage;
    }
}
