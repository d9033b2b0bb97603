package dev.codemill.stages.analysis.exec;

import dev.codemill.stage.Emitter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The stage thread's own CPU time around one document, counted as metric {@value #METRIC}
 * (milliseconds), beside the sandboxed children's CPU that {@link ExecResult#cpu()} reports.
 */
public final class StageCpu {
    /** Metric name: CPU milliseconds of the stage thread. */
    public static final String METRIC = "jvm_cpu_ms";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageCpu() {
    }

    /** Runs {@code body} and counts its thread CPU time into {@code out}, even when it throws. */
    public static void counted(Emitter out, Runnable body) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            body.run();
        } finally {
            out.count(METRIC, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        }
    }
}
