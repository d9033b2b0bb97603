package dev.codemill.run;

import dev.codemill.plan.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A runner found through {@link java.util.ServiceLoader} (e.g. {@code spark} in module
 * {@code codemill-spark}), so that the CLI can offer {@code --runner NAME} without a compile-time
 * dependency on the runner's engine. It must give the local runner's output for the same inputs
 * and recipe.
 */
public interface ExternalRunner {
    /** The name given to {@code --runner}. */
    String name();

    /**
     * Runs {@code recipe} over {@code inputs} into {@code outDir} (layout of the local runner).
     *
     * @param recipe  the recipe as plain data (stages are rebuilt from it wherever they run)
     * @param inputs  input paths, visible under the same names wherever the runner reads them
     * @param formats the output formats, in recipe order
     * @param options runner options, e.g. {@code master} for Spark; unknown keys are errors
     */
    RunResult run(Recipe recipe, List<Path> inputs, List<OutputFormat> formats, Map<String, String> options,
                  Path outDir) throws IOException;
}
