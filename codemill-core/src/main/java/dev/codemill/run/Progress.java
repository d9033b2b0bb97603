package dev.codemill.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a run that a progress display polls: input files and bytes read so far,
 * and the totals when known (-1 when not).
 */
public final class Progress {
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long totalBytes = -1;
    private volatile String phase = "starting";

    public void read(long fileBytes) {
        files.incrementAndGet();
        bytes.addAndGet(Math.max(0, fileBytes));
    }

    public long files() {
        return files.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long totalBytes() {
        return totalBytes;
    }

    public void totalBytes(long total) {
        this.totalBytes = total;
    }

    public String phase() {
        return phase;
    }

    public void phase(String p) {
        this.phase = p;
    }
}
