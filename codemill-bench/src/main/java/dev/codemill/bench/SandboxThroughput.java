package dev.codemill.bench;

import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.HostTools;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sandbox executions per second and CPU per execution (docs/sandbox.md, "Throughput").
 *
 * <pre>java -cp codemill-bench.jar dev.codemill.bench.SandboxThroughput RUNS THREADS COMMAND...</pre>
 *
 * Runs COMMAND RUNS times from THREADS threads through {@link Sandbox#bubblewrap()}, then the same
 * command started bare (no sandbox; the program the sandbox resolves, e.g. the real interpreter behind a
 * pyenv shim), and prints for each: wall executions/s, the CPU seconds of all
 * the JVM's waited children per execution (from {@code /proc/self/stat} cutime+cstime: bwrap, its
 * init and the program), the program tree's own CPU as {@link ExecResult#cpu()} reports it, and
 * executions per CPU-second (what {@code THREADS} idle cores would sustain: THREADS x that figure).
 */
public final class SandboxThroughput {
    private SandboxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<String> command = List.of(args).subList(2, args.length);
        Sandbox sandbox = Sandbox.bubblewrap();
        sandbox.run(command, Map.of());  // warm-up: the probe and the first exec
        measure("sandboxed", runs, threads, () -> {
            ExecResult r = sandbox.run(command, Map.of(), List.of(), "", SandboxLimits.defaults());
            if (!r.ok()) {
                throw new IOException("run failed: " + r);
            }
            return r.cpu().toNanos();
        });
        // bare: the same real program the sandbox resolves (not a pyenv shim on PATH)
        List<String> bare = new ArrayList<>(command);
        bare.set(0, HostTools.resolve(command.get(0)).orElseThrow().toString());
        measure("bare", runs, threads, () -> {
            Process p = new ProcessBuilder(bare).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("bare run failed");
            }
            return 0L;
        });
    }

    interface Run {
        long call() throws Exception;
    }

    private static void measure(String label, int runs, int threads, Run run) throws Exception {
        long[] c0 = childTicks();
        AtomicLong treeNanos = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            fs.add(pool.submit(() -> {
                treeNanos.addAndGet(run.call());
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - start) / 1e9;
        long[] c1 = childTicks();
        double childCpu = ((c1[0] - c0[0]) + (c1[1] - c0[1])) / 100.0;
        System.out.printf("%-9s %d runs, %d threads: %.2f exec/s wall; children CPU %.3f s/exec (user %.2f + sys %.2f s);"
                        + " program tree %.3f s/exec; %.1f exec per CPU-second%n",
                label, runs, threads, runs / wall, childCpu / runs, (c1[0] - c0[0]) / 100.0, (c1[1] - c0[1]) / 100.0,
                treeNanos.get() / 1e9 / runs, runs / childCpu);
    }

    /** cutime and cstime of this process (clock ticks, 100 per second on Linux): its waited children's CPU. */
    private static long[] childTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name start at field 3 (state); cutime is field 16, cstime 17
        return new long[] {Long.parseLong(f[16 - 3]), Long.parseLong(f[17 - 3])};
    }
}
