package dev.codemill.stage;

/**
 * Builds a stage from its recipe parameters. Registered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.codemill.stage.StageFactory}); runners ship the plain-data
 * recipe and rebuild stages through the registry on each worker.
 */
public interface StageFactory {
    /** The recipe {@code type}, e.g. {@code basic_filters}. */
    String name();

    /** One line for {@code codemill validate} and the docs. */
    String description();

    /**
     * Builds the stage, reading every parameter it understands from {@code params}; unknown
     * keys are rejected by the caller afterwards. Throws {@link RecipeException} on bad values.
     */
    Stage create(Params params);
}
