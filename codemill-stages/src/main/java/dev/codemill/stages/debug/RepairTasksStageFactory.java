package dev.codemill.stages.debug;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recipe type {@code repair_tasks}. Parameters:
 * <ul>
 *   <li>{@code stdlib} — the standard-library folder whose files are matched and whose
 *       {@code test/} suite is run (default: the running {@code python3}'s, asked of
 *       {@code sysconfig}); it must be the one that interpreter uses;</li>
 *   <li>{@code mutants_per_file} — compiling mutants tested per file, 1..50 (default 3);</li>
 *   <li>{@code operators} — as for {@code debug_pairs} (default all but {@code delete_import});</li>
 *   <li>{@code timeout_seconds} — CPU limit of one test-module run (default 120; wall twice it).</li>
 * </ul>
 */
public final class RepairTasksStageFactory implements StageFactory {
    @Override
    public String name() {
        return RepairTasksStage.NAME;
    }

    @Override
    public String description() {
        return "repair tasks: mutants of CPython stdlib functions that break its own Lib/test tests (sandboxed)";
    }

    @Override
    public Stage create(Params params) {
        int per = (int) params.integer("mutants_per_file", 6, 1, 50);
        long timeout = params.integer("timeout_seconds", 120, 1, 3600);
        long jobSeconds = params.integer("mutant_seconds", 60, 1, 3600);
        double sample = params.number("sample", 1.0, 0.0, 1.0);
        String given = params.string("stdlib", "");
        Mutator mutator = new Mutator(DebugPairsStageFactory.operators(params));
        SandboxLimits limits = SandboxHolder.limits(timeout);
        Sandbox sandbox = SandboxHolder.sandbox();
        String unavailable = sandbox == null ? "sandbox_unavailable: " + SandboxHolder.missing() : null;
        Optional<Path> root = given.isEmpty() ? Stdlib.locate() : Optional.of(Path.of(given).toAbsolutePath().normalize());
        if (root.isEmpty() || !Files.isDirectory(root.get().resolve("test"))) {
            if (!given.isEmpty()) {
                throw params.error("stdlib", "no standard library with a test/ folder at " + given);
            }
            unavailable = unavailable != null ? unavailable : "no_stdlib: python3 or its Lib/test not found";
        }
        Stdlib stdlib = null;
        if (unavailable == null) {
            try {
                stdlib = new Stdlib(root.get(), Stdlib.harnessModules(sandbox, SandboxHolder.limits(30)));
            } catch (IOException e) {
                unavailable = "sandbox_unavailable: " + e.getMessage();
            }
        }
        return new RepairTasksStage(mutator, stdlib, sandbox == null ? null : new TestRunner(sandbox, limits),
                sandbox == null ? null : new PythonJudge(sandbox, SandboxHolder.limits(30)), unavailable, params.seed(), per, sample,
                jobSeconds);
    }
}
