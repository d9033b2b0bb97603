package dev.codemill.run;

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
     * Runs {@code plan} over {@code inputs} into {@code outDir} (layout of the local runner).
     *
     * @param plan    the run: its recipe (never null here) is the plain data that workers rebuild
     *                the stages from; its built stages, formats and part size serve the driver
     * @param inputs  input paths, visible under the same names wherever the runner reads them
     * @param options runner options, e.g. {@code master} for Spark; unknown keys are errors
     */
    RunResult run(RunPlan plan, List<Path> inputs, Map<String, String> options, Path outDir) throws IOException;

    /**
     * Runs {@code plan} with inputs and OUT given as locations that may be URIs of a storage the
     * runner reaches itself ({@code hdfs://…}, {@code s3a://…}; the CLI calls this when any of
     * them is one). The runner claims OUT (the marker, foreign files refused unless
     * {@code overwrite}, one run at a time) and writes everything into it, {@code report.html}
     * included. Default: refused, this runner reads and writes local paths only.
     *
     * @throws UsageError for a location this runner cannot reach (exit code 2)
     */
    default RunResult run(RunPlan plan, List<String> inputs, Map<String, String> options, String out,
                          boolean overwrite) throws IOException {
        throw new UsageError("the " + name() + " runner reads and writes local paths only; URIs need --runner spark");
    }

    /** A runner's refusal of what it was given (a location it cannot reach, an OUT it may not write): exit code 2. */
    class UsageError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
