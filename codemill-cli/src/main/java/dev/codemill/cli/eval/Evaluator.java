package dev.codemill.cli.eval;

import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs each sample's program (problem + completion + tests) with python3 in its own sandbox run. */
public final class Evaluator {
    private final Sandbox sandbox;
    private final SandboxLimits limits;
    private final int workers;

    public Evaluator(Sandbox sandbox, SandboxLimits limits, int workers) {
        this.sandbox = sandbox;
        this.limits = limits;
        this.workers = Math.max(1, workers);
    }

    /** The samples with their outcomes, in the order given. */
    public List<Sample> run(Map<String, Problem> problems, List<Sample> samples) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Sample>> futures = new ArrayList<>();
            for (Sample s : samples) {
                futures.add(pool.submit(() -> score(problems.get(s.taskId()), s)));
            }
            List<Sample> out = new ArrayList<>(samples.size());
            for (Future<Sample> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    Sample score(Problem p, Sample s) throws IOException {
        ExecResult r = sandbox.run(List.of("python3", "program.py"), Map.of("program.py", p.program(s.completion())),
                List.of(), "", limits);
        if (r.ok()) {
            return s.withOutcome(true, "passed");
        }
        if (r.timedOut()) {
            return s.withOutcome(false, "timed out");
        }
        if (r.outputTruncated()) {
            return s.withOutcome(false, "failed: output over " + limits.maxOutputBytes() + " bytes");
        }
        return s.withOutcome(false, "failed: " + lastLine(r.stderr(), r.exitCode()));
    }

    static String lastLine(String stderr, int exit) {
        String[] lines = stderr.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "exit " + exit : last;
    }
}
