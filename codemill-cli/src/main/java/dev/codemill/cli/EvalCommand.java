package dev.codemill.cli;

import dev.codemill.cli.eval.Completions;
import dev.codemill.cli.eval.EvalReport;
import dev.codemill.cli.eval.Evaluator;
import dev.codemill.cli.eval.Problem;
import dev.codemill.cli.eval.ProblemSet;
import dev.codemill.cli.eval.Sample;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code codemill eval}: pass@k of model completions against a HumanEval- or MBPP-layout problem set,
 * every program run in the sandbox (docs/tasks.md "codemill eval").
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score completions (JSONL: task_id, completion) against a HumanEval/MBPP-layout problem set "
                + "with the unbiased pass@k estimator, each program run in the bubblewrap sandbox.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--problems", required = true, paramLabel = "FILE",
            description = "problem set: HumanEval layout (.jsonl/.jsonl.gz) or MBPP layout (.jsonl, or the sanitized .json array)")
    Path problems;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--completions", paramLabel = "FILE", description = "samples: JSONL lines {task_id, completion}; several per task for k > 1")
        Path completions;
        @Option(names = "--canonical", description = "score the set's canonical solutions (all must pass)")
        boolean canonical;
        @Option(names = "--empty", description = "score empty completions (all must fail)")
        boolean empty;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "writes results.jsonl, problems.jsonl, summary.json")
    Path out;

    @Option(names = "--k", split = ",", defaultValue = "1,10,100", description = "the ks of pass@k (default ${DEFAULT-VALUE}); "
            + "a k above a problem's sample count is left out")
    List<Integer> ks;

    @Option(names = "--timeout", defaultValue = "10", description = "wall seconds per program (default ${DEFAULT-VALUE}); CPU seconds the same")
    int timeoutSeconds;

    @Option(names = "--workers", defaultValue = "2", description = "programs run at once (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--partial", description = "score even when some problems have no completion (they count as 0)")
    boolean partial;

    @Override
    public Integer call() throws Exception {
        Optional<String> why = Sandbox.unavailableReason();
        if (why.isPresent()) {
            throw new ExitCodes.UsageException("codemill eval runs every program in the sandbox, which cannot run here: " + why.get());
        }
        Map<String, Problem> set = ProblemSet.read(problems);
        List<Sample> samples = source.canonical ? Completions.canonical(set)
                : source.empty ? Completions.empty(set) : Completions.read(source.completions, set);
        EvalReport check = new EvalReport(set, samples, ks);
        if (!check.missing().isEmpty() && !partial) {
            throw new ExitCodes.UsageException(check.missing().size() + " of " + set.size()
                    + " problems have no completion (first: " + check.missing().get(0) + "); pass --partial to score anyway");
        }
        SandboxLimits limits = SandboxLimits.defaults().withWall(Duration.ofSeconds(timeoutSeconds))
                .withCpu(Duration.ofSeconds(timeoutSeconds));
        long start = System.nanoTime();
        List<Sample> scored;
        try (Sandbox sandbox = Sandbox.bubblewrap()) {
            scored = new Evaluator(sandbox, limits, workers).run(set, samples);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EvalReport report = new EvalReport(set, scored, ks);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("problems_file", problems.toString());
        config.put("completions", source.canonical ? "canonical" : source.empty ? "empty" : source.completions.toString());
        config.put("timeout_s", timeoutSeconds);
        config.put("workers", workers);
        config.put("seconds", Math.round(seconds * 10) / 10.0);
        report.write(out, config);
        System.err.printf("codemill: %d of %d samples passed; %s; %.1f programs/s; wrote %s%n", report.passedSamples(),
                scored.size(), report.passAtK().isEmpty() ? "no k fits the sample counts"
                        : report.passAtK().entrySet().stream().map(e -> String.format("pass@%d %.4f", e.getKey(), e.getValue()))
                        .reduce((a, b) -> a + ", " + b).orElse(""), scored.size() / seconds, out.resolve("summary.json"));
        return Main.OK;
    }
}
