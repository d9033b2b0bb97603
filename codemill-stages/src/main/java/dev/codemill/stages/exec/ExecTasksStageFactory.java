package dev.codemill.stages.exec;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.exec.PythonStdlib;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Recipe type {@code exec_tasks} ({@link ExecTasksStage}). Parameters:
 * <ul>
 *   <li>{@code max_tasks_per_document} — doctest records kept per document, 1..10000 (default 50; a seeded draw above it);</li>
 *   <li>{@code errors} — also emit (code, input) → traceback records (default true);</li>
 *   <li>{@code example_seconds} — wall limit of one example, 1..60 (default 2);</li>
 *   <li>{@code module_seconds} — wall and CPU limit of one document's sandbox run, 1..3600 (default 60);</li>
 *   <li>{@code max_output_chars} — longest observed output or traceback kept, 1..1000000 (default 2000);</li>
 *   <li>{@code observed_calls} — also make records from calls the stdlib's own tests make ({@link ObservedCalls}; default true;
 *   off by itself when no python3 with {@code Lib/test} is found);</li>
 *   <li>{@code calls_per_function} — distinct inputs kept per function, 1..1000 (default 5; a seeded draw);</li>
 *   <li>{@code calls_per_document} — observed-call records per document, 1..10000 (default 50; a seeded draw);</li>
 *   <li>{@code max_input_chars} — longest call (arguments' reprs) kept, 1..100000 (default 300);</li>
 *   <li>{@code test_seconds} — the traced test run starts no test after this many seconds, 1..3600 (default 120);</li>
 *   <li>{@code call_seconds} — alarm of one replayed call, 1..60 (default 5);</li>
 *   <li>{@code stdlib} — another standard-library folder holding {@code test/} (default: the running python3's).</li>
 * </ul>
 */
public final class ExecTasksStageFactory implements StageFactory {
    @Override
    public String name() {
        return ExecTasksStage.NAME;
    }

    @Override
    public String description() {
        return "execution-prediction records (CRUXEval-style): Python doctest examples and calls made by the stdlib's own tests, "
                + "run in the bubblewrap sandbox, observed outputs and tracebacks";
    }

    @Override
    public Stage create(Params params) {
        long max = params.integer("max_tasks_per_document", 50, 1, 10_000);
        boolean errors = params.bool("errors", true);
        long example = params.integer("example_seconds", 2, 1, 60);
        long module = params.integer("module_seconds", 60, 1, 3600);
        long chars = params.integer("max_output_chars", 2000, 1, 1_000_000);
        boolean observed = params.bool("observed_calls", true);
        long perFunction = params.integer("calls_per_function", 5, 1, 1000);
        long perDocument = params.integer("calls_per_document", 50, 1, 10_000);
        long input = params.integer("max_input_chars", 300, 1, 100_000);
        long testSeconds = params.integer("test_seconds", 120, 1, 3600);
        long callSeconds = params.integer("call_seconds", 5, 1, 60);
        String given = params.string("stdlib", "");
        ObservedCalls calls = null;
        if (observed) {
            Optional<Path> root = given.isEmpty() ? PythonStdlib.locate() : Optional.of(Path.of(given).toAbsolutePath().normalize());
            if (!given.isEmpty() && !Files.isDirectory(root.get().resolve("test"))) {
                throw params.error("stdlib", "no standard library with a test/ folder at " + given);
            }
            if (root.isPresent()) {
                calls = new ObservedCalls(new CallRunner(Duration.ofSeconds(testSeconds), (int) callSeconds),
                        new PythonStdlib(root.get()), !given.isEmpty(), (int) perFunction, (int) perDocument, (int) input,
                        (int) chars, errors, params.seed());
            }
        }
        return new ExecTasksStage(new DoctestRunner(Duration.ofSeconds(module), (int) example, (int) chars), calls,
                (int) max, errors, params.seed());
    }
}
