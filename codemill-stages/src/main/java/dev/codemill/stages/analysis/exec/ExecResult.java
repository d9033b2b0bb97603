package dev.codemill.stages.analysis.exec;

import java.time.Duration;

/**
 * What one sandboxed run did.
 *
 * @param exitCode        the program's exit status; 128+N when signal N ended it; -1 when the sandbox killed it
 * @param timedOut        the wall-clock limit was reached (the run was killed)
 * @param killed          the sandbox killed the run (wall limit or output over the cap)
 * @param stdout          standard output, decoded as UTF-8 (malformed bytes replaced), at most the output cap
 * @param stderr          standard error, likewise
 * @param outputTruncated a stream passed {@link SandboxLimits#maxOutputBytes()}
 * @param wall            wall-clock time from start to the sandbox's end
 * @param cpu             user + system CPU time of the sandboxed process tree: the program and every
 *                        descendant it (or the sandbox's init) waited for, as {@code times} reports it
 *                        inside the sandbox (10 ms ticks); for a killed run, the CPU its processes alive
 *                        at the kill had used (a lower bound); {@link Duration#ZERO} when unknown
 */
public record ExecResult(int exitCode, boolean timedOut, boolean killed, String stdout, String stderr,
                         boolean outputTruncated, Duration wall, Duration cpu) {

    /** A result whose CPU time is unknown ({@link Duration#ZERO}). */
    public ExecResult(int exitCode, boolean timedOut, boolean killed, String stdout, String stderr,
                      boolean outputTruncated, Duration wall) {
        this(exitCode, timedOut, killed, stdout, stderr, outputTruncated, wall, Duration.ZERO);
    }

    /** {@link #cpu()} in seconds. */
    public double cpuSeconds() {
        return cpu.toNanos() / 1e9;
    }

    /** Exit status 0, neither timed out nor killed, output complete. */
    public boolean ok() {
        return exitCode == 0 && !timedOut && !killed && !outputTruncated;
    }
}
