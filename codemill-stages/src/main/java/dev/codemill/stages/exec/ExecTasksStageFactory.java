package dev.codemill.stages.exec;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.time.Duration;

/**
 * Recipe type {@code exec_tasks} ({@link ExecTasksStage}). Parameters:
 * <ul>
 *   <li>{@code max_tasks_per_document} — records kept per document, 1..10000 (default 50; a seeded draw above it);</li>
 *   <li>{@code errors} — also emit (code, input) → traceback records (default true);</li>
 *   <li>{@code example_seconds} — wall limit of one example, 1..60 (default 2);</li>
 *   <li>{@code module_seconds} — wall and CPU limit of one document's sandbox run, 1..3600 (default 60);</li>
 *   <li>{@code max_output_chars} — longest observed output or traceback kept, 1..1000000 (default 2000).</li>
 * </ul>
 */
public final class ExecTasksStageFactory implements StageFactory {
    @Override
    public String name() {
        return ExecTasksStage.NAME;
    }

    @Override
    public String description() {
        return "execution-prediction records (CRUXEval-style): Python doctest examples run in the bubblewrap sandbox, "
                + "observed outputs and tracebacks";
    }

    @Override
    public Stage create(Params params) {
        long max = params.integer("max_tasks_per_document", 50, 1, 10_000);
        boolean errors = params.bool("errors", true);
        long example = params.integer("example_seconds", 2, 1, 60);
        long module = params.integer("module_seconds", 60, 1, 3600);
        long chars = params.integer("max_output_chars", 2000, 1, 1_000_000);
        return new ExecTasksStage(new DoctestRunner(Duration.ofSeconds(module), (int) example, (int) chars),
                (int) max, errors, params.seed());
    }
}
