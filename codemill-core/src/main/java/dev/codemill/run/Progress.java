package dev.codemill.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a run that a progress display polls: input files and bytes read so far,
 * the totals when known (-1 when not), and the current phase; finished phases' wall times
 * go to {@code stats.json}.
 */
public final class Progress {
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long totalBytes = -1;
    private volatile String phase = "starting";
    private long phaseStart = System.nanoTime();
    private final java.util.Map<String, Double> phaseSeconds = new java.util.LinkedHashMap<>();

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

    /** Starts phase {@code p}, closing the current one (its wall time goes to {@link #phaseSeconds()}). */
    public synchronized void phase(String p) {
        long now = System.nanoTime();
        if (!phase.equals("starting")) {
            phaseSeconds.merge(phase, (now - phaseStart) / 1e9, Double::sum);
        }
        phaseStart = now;
        this.phase = p;
    }

    /** Wall seconds of each finished phase, in order ({@code reading}, each group stage, {@code writing}). */
    public synchronized java.util.Map<String, Double> phaseSeconds() {
        return new java.util.LinkedHashMap<>(phaseSeconds);
    }
}
