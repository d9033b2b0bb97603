package dev.codemill.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live counters of a run that a progress display polls ({@link #snapshot()}), and the wall time
 * of each phase (to {@code stats.json}).
 *
 * <p>A run has numbered phases ({@link #plan}): {@code reading} (done/total = input bytes on
 * disk, i.e. compressed sizes of the splits read to the end, against their sum), one per group
 * or cluster stage (documents the stage has decided, against the documents that reached it) and
 * {@code writing} (kept documents written, against the documents that reached the output).
 * Reading also counts files and their uncompressed document bytes, which are not comparable
 * with the input's on-disk sizes and are shown apart. Short steps between them
 * ({@code publishing}, {@code done}) are unnumbered. Thread-safe.
 */
public final class Progress {
    /** What a display shows of the current phase; {@code total} -1 when unknown. */
    public record Snapshot(int index, int phases, String phase, long done, long total, double seconds,
                           long files, long documentBytes) {
    }

    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong inputRead = new AtomicLong();
    private volatile long totalBytes = -1;
    private volatile String phase = "starting";
    private volatile int index;
    private volatile int phases;
    private volatile long total = -1;
    private volatile LongSupplier done = () -> 0;
    private volatile long doneBase;
    private long phaseStart = System.nanoTime();
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private final List<Snapshot> finished = new ArrayList<>();

    /** One document read; {@code fileBytes} its uncompressed size. */
    public void read(long fileBytes) {
        files.incrementAndGet();
        bytes.addAndGet(Math.max(0, fileBytes));
    }

    /** A split read to the end; {@code splitBytes} its size on disk (-1: unknown, not counted). */
    public void splitRead(long splitBytes) {
        inputRead.addAndGet(Math.max(0, splitBytes));
    }

    public long files() {
        return files.get();
    }

    /** Uncompressed bytes of the documents read so far. */
    public long bytes() {
        return bytes.get();
    }

    /** On-disk (compressed) bytes of the splits read to the end. */
    public long inputBytesRead() {
        return inputRead.get();
    }

    /** On-disk bytes of all splits, -1 when unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    public void totalBytes(long total) {
        this.totalBytes = total;
    }

    public String phase() {
        return phase;
    }

    /** The number of numbered phases of this run (reading, each group or cluster stage, writing). */
    public void plan(int numberedPhases) {
        this.phases = numberedPhases;
    }

    /** Starts the reading phase (number 1): done/total = on-disk bytes of the splits read. */
    public void reading() {
        start("reading", 1, totalBytes, inputRead::get);
    }

    /**
     * Starts numbered phase {@code number}: {@code done} counts from its value now, against
     * {@code total} (-1: unknown).
     */
    public void phase(String name, int number, long total, LongSupplier done) {
        start(name, number, total, done);
    }

    /** Starts an unnumbered step (its wall time still goes to {@link #phaseSeconds()}). */
    public void phase(String p) {
        start(p, 0, -1, () -> 0);
    }

    private synchronized void start(String name, int number, long newTotal, LongSupplier newDone) {
        long now = System.nanoTime();
        if (index > 0) {
            finished.add(snapshot());
        }
        if (!phase.equals("starting")) {
            phaseSeconds.merge(phase, (now - phaseStart) / 1e9, Double::sum);
        }
        phaseStart = now;
        this.total = newTotal;
        this.doneBase = number == 1 ? 0 : newDone.getAsLong();
        this.done = newDone;
        this.index = number;
        this.phase = name;
    }

    /** The current phase's counters. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(index, phases, phase, done.getAsLong() - doneBase, total, (System.nanoTime() - phaseStart) / 1e9,
                files.get(), bytes.get());
    }

    /** The last snapshot of each numbered phase finished so far ({@code seconds}: its wall time), in order. */
    public synchronized List<Snapshot> finished() {
        return List.copyOf(finished);
    }

    /** Wall seconds of each finished phase, in order ({@code reading}, each group stage, {@code writing}). */
    public synchronized Map<String, Double> phaseSeconds() {
        return new LinkedHashMap<>(phaseSeconds);
    }
}
