package dev.codemill.cli;

import dev.codemill.run.Progress;
import java.util.Locale;

/**
 * The text of the progress display: one line for the running phase, one for each finished one.
 * Reading counts the input's on-disk (compressed) bytes of the splits read to the end against
 * their sum, and shows the documents' uncompressed bytes apart (the two are never compared);
 * later phases count documents. The ETA is the current phase's, from its measured rate, and
 * says so; the {@code [i/n]} prefix tells how many phases follow.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * e.g. {@code [1/4] reading: 1,234 files · input 12.3 of 200.0 MB on disk (compressed) ·
     * documents 45.6 MB uncompressed · 4.1 MB/s · ETA 0:46 for reading}, or
     * {@code [2/4] near_dedup: 1,200 of 5,000 documents (24%) · ETA 1:02 for near_dedup}.
     */
    static String running(Progress.Snapshot s) {
        StringBuilder b = new StringBuilder(prefix(s)).append(s.phase()).append(": ");
        if (s.index() == 1) {
            b.append(fmt("%,d files · input %.1f", s.files(), s.done() / 1e6));
            if (s.total() >= 0) {
                b.append(fmt(" of %.1f", s.total() / 1e6));
            }
            b.append(fmt(" MB on disk (compressed) · documents %.1f MB uncompressed", s.documentBytes() / 1e6));
            if (s.seconds() > 0 && s.done() > 0) {
                b.append(fmt(" · %.1f MB/s", s.done() / 1e6 / s.seconds()));
            }
        } else {
            b.append(fmt("%,d", s.done()));
            if (s.total() >= 0) {
                b.append(fmt(" of %,d", s.total()));
            }
            b.append(" documents");
            if (s.total() > 0) {
                b.append(fmt(" (%d%%)", Math.min(100, s.done() * 100 / s.total())));
            }
        }
        if (s.total() > 0 && s.done() > 0 && s.done() < s.total() && s.seconds() > 0) {
            double eta = (s.total() - s.done()) / (s.done() / s.seconds());
            b.append(" · ETA ").append(clock(eta)).append(" for ").append(s.phase());
        }
        return b.toString();
    }

    /**
     * e.g. {@code [1/4] reading done in 0:12: 1,234 files · input 200.0 MB on disk (compressed) ·
     * documents 812.3 MB uncompressed}, or {@code [2/4] near_dedup done in 1:45: 5,000 documents}.
     */
    static String finished(Progress.Snapshot s) {
        StringBuilder b = new StringBuilder(prefix(s)).append(s.phase()).append(" done in ").append(clock(s.seconds()))
                .append(": ");
        if (s.index() == 1) {
            b.append(fmt("%,d files · input %.1f MB on disk (compressed) · documents %.1f MB uncompressed",
                    s.files(), s.done() / 1e6, s.documentBytes() / 1e6));
        } else {
            b.append(fmt("%,d documents", s.done()));
        }
        return b.toString();
    }

    private static String prefix(Progress.Snapshot s) {
        return s.phases() > 0 ? "[" + s.index() + "/" + s.phases() + "] " : "";
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(double seconds) {
        long t = Math.round(seconds);
        return t >= 3600 ? fmt("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : fmt("%d:%02d", t / 60, t % 60);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
