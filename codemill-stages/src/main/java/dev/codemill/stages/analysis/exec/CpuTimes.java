package dev.codemill.stages.analysis.exec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of a sandboxed process tree, as the wrapper shell inside the sandbox reports it: after the
 * program ends, the shell writes a newline, {@link #MARKER} and the output of POSIX {@code times} (two
 * lines: the shell's own user/system time, then that of its waited children — the program and every
 * descendant it waited for — in the form {@code 0m1.230000s 0m0.040000s}) to stderr. This class reads
 * that trailer and gives back stderr without it.
 */
final class CpuTimes {
    static final String MARKER = "@@codemill-sandbox-cpu@@";
    private static final Pattern TIMES = Pattern.compile(
            "\\n" + Pattern.quote(MARKER) + "\\n(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\n(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\n\\z");

    /** The program's stderr and the tree's user+system CPU; cpu null when the trailer is missing (run killed). */
    record Split(String stderr, Duration cpu) {
    }

    private CpuTimes() {
    }

    static Split split(String stderr) {
        Matcher m = TIMES.matcher(stderr);
        if (!m.find()) {
            return new Split(stderr, null);
        }
        double seconds = 0;
        for (int g = 1; g <= 8; g += 2) {
            seconds += Long.parseLong(m.group(g)) * 60 + Double.parseDouble(m.group(g + 1));
        }
        return new Split(stderr.substring(0, m.start()), Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** CPU of the processes of a run still alive now (each one's own time): what a killed run had used, a lower bound. */
    static Duration live(Process proc) {
        long nanos = proc.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        nanos += proc.descendants().mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
        return Duration.ofNanos(nanos);
    }
}
