package dev.codemill.cli;

import dev.codemill.run.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a run's progress on stderr: files, MB, MB/s and the ETA when the total is known.
 * On a terminal it redraws one line with {@code \r}; otherwise (CI logs, pipes) it prints a
 * plain line every ten seconds.
 */
final class ProgressDisplay implements AutoCloseable {
    private final Progress progress;
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private ProgressDisplay(Progress progress) {
        this.progress = progress;
        this.thread = new Thread(this::loop, "codemill-progress");
        this.thread.setDaemon(true);
    }

    static ProgressDisplay start(Progress progress) {
        ProgressDisplay d = new ProgressDisplay(progress);
        d.thread.start();
        return d;
    }

    private void loop() {
        long interval = terminal ? 500 : 10_000;
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                err.print(terminal ? "\r" + line() + "\u001b[K" : line() + "\n");
                err.flush();
            }
        }
    }

    /** e.g. {@code reading: 1,234 files, 12.3/200.0 MB, 4.56 MB/s, ETA 0:41}. */
    String line() {
        double secs = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double mb = progress.bytes() / 1e6;
        double rate = mb / secs;
        long total = progress.totalBytes();
        StringBuilder sb = new StringBuilder();
        sb.append(progress.phase()).append(": ").append(String.format(Locale.ROOT, "%,d files, %.1f", progress.files(), mb));
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "/%.1f", total / 1e6));
        }
        sb.append(String.format(Locale.ROOT, " MB, %.2f MB/s", rate));
        if (total > 0 && rate > 0 && progress.bytes() < total) {
            long eta = Math.round((total - progress.bytes()) / 1e6 / rate);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (terminal) {
            err.print("\r" + line() + "\u001b[K\n");
            err.flush();
        }
    }
}
