package dev.codemill.cli;

import dev.codemill.run.Progress;
import java.io.PrintStream;

/**
 * Shows a run's progress on stderr ({@link ProgressLine}): one line per finished phase (reading,
 * each group or cluster stage, writing) and, on a terminal only, the running phase's line
 * redrawn in place with {@code \r} every half second. Not on a terminal (CI logs, pipes) only
 * the phase lines are printed. {@code --quiet} starts no display.
 */
final class ProgressDisplay implements AutoCloseable {
    static final long INTERVAL_MS = 500;

    private final Progress progress;
    private final PrintStream err;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;
    private int printed;
    private boolean drawn;

    ProgressDisplay(Progress progress, PrintStream err, boolean terminal) {
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        this.thread = new Thread(this::loop, "codemill-progress");
        this.thread.setDaemon(true);
    }

    static ProgressDisplay start(Progress progress) {
        return start(progress, System.err, System.console() != null);
    }

    static ProgressDisplay start(Progress progress, PrintStream err, boolean terminal) {
        ProgressDisplay d = new ProgressDisplay(progress, err, terminal);
        d.thread.start();
        return d;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                draw();
            }
        }
    }

    private synchronized void draw() {
        printFinished();
        Progress.Snapshot s = progress.snapshot();
        if (terminal && s.index() > 0) {
            err.print("\r" + ProgressLine.running(s) + "\u001b[K");
            drawn = true;
        }
        err.flush();
    }

    private void printFinished() {
        var finished = progress.finished();
        for (; printed < finished.size(); printed++) {
            err.print((terminal ? "\r" : "") + ProgressLine.finished(finished.get(printed)) + (terminal ? "\u001b[K\n" : "\n"));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            printFinished();
            if (terminal && drawn) {
                err.print("\r\u001b[K"); // a run that stopped mid-phase leaves no half line before its message
            }
            err.flush();
        }
    }
}
