package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Completion markers of a local run, so that {@code codemill run … --resume} after a crash
 * (kill -9, OOM killer, power cut of the process) redoes only unfinished work and writes the
 * same bytes as an uninterrupted run ({@code docs/reliability.md}, "Resume").
 *
 * <p>The markers are lines of {@code OUT/.codemill-work/}{@value #LOG}, each ending with its
 * CRC-32 (a line a kill cut short is ignored, with everything after it):
 * <ul>
 *   <li>{@code codemill-resume} + a fingerprint of recipe, inputs (split names and sizes),
 *       formats, part size and partition count: a resume refuses a work folder of another run;</li>
 *   <li>{@code split I} + the split's counters ({@link RunStats}) once split I's documents and
 *       ledger rows are in the spill files (flushed to the OS). Every spill frame carries its
 *       split's tag ({@link SpillStore#TAG}), so a resume keeps the frames of finished splits
 *       only and reads the others again;</li>
 *   <li>{@code phase P} + the run's counters and every work file's length once phase P is over
 *       (0: all splits read; 1 … B: the B group or cluster stages of the main chain, each
 *       one's output spill complete, the last one's being the write tail's kept and ledger
 *       spills; B+1 …: one per branch, its folder staged complete by its nested run). A resume
 *       cuts the files back to these lengths (deleting the others: a half-done phase, a
 *       half-staged output) and starts at phase P+1. A phase's input spill is deleted after
 *       its marker.</li>
 * </ul>
 * The aggregate stages' decisions, writing the main output and publishing are always redone
 * from the kept spill (they never change the spills): the outputs are staged and swapped in as
 * before, with stats.json last.
 *
 * <p>Per-split counters are merged in split order, so stats.json does not depend on which
 * splits finished first or in which attempt.
 */
public final class Checkpoint implements AutoCloseable {
    /** The marker log's name inside the work folder. */
    static final String LOG = WorkDir.MARKERS;
    private static final String HEADER = "codemill-resume";
    private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                    : new java.nio.file.attribute.FileAttribute<?>[0];

    private final Path work;
    private final FileChannel log;
    private final TextRedactor redactor = TextRedactor.load();
    /** Counters of splits finished in an earlier attempt, serialized, until merged. */
    private final Map<Integer, byte[]> earlierSplits = new HashMap<>();
    private final TreeMap<Integer, RunStats> pending = new TreeMap<>();
    private int phasesDone = -1;
    private int phaseMarkers; // phase lines an earlier attempt wrote (indices skip fused group stages)
    private byte[] phaseStats;
    private RunStats readTarget;
    private int splitCount;
    private int nextMerge;
    private int earlierCount;

    private Checkpoint(Path work, FileChannel log) {
        this.work = work;
        this.log = log;
    }

    /**
     * Opens the markers of {@code work}. With {@code resume} and a marker log of the same
     * fingerprint, restores the work files to the last markers; otherwise starts an empty log
     * ({@code work} is then expected empty: {@link WorkDir#open} cleared it).
     *
     * @throws OutputClaim.RefusedException when the log belongs to a run of other inputs or settings
     */
    static Checkpoint open(Path work, String fingerprint, boolean resume) throws IOException {
        Path file = work.resolve(LOG);
        List<String[]> lines = new ArrayList<>();
        long valid = 0;
        if (resume && Files.exists(file)) {
            byte[] all = Files.readAllBytes(file);
            int from = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] != '\n') {
                    continue;
                }
                String[] f = MarkerLines.parse(new String(all, from, i - from, StandardCharsets.US_ASCII));
                if (f == null) {
                    break;
                }
                lines.add(f);
                from = i + 1;
                valid = from;
            }
            if (!lines.isEmpty() && !(lines.get(0)[0].equals(HEADER) && lines.get(0)[2].equals(fingerprint))) {
                throw new OutputClaim.RefusedException("cannot resume: " + work + " holds the work of a run with other "
                        + "inputs, recipe or output settings; run without --resume to start over");
            }
        }
        if (lines.isEmpty()) {
            // nothing to resume (no log, or a torn header; or a folder half deleted at the end of a
            // run, whose log goes first): start from an empty folder, never append to old spills
            try (Stream<Path> children = Files.list(work)) {
                for (Path p : children.toList()) {
                    OutFiles.deleteTree(p);
                }
            }
        }
        FileChannel ch = Files.exists(file) ? FileChannel.open(file, StandardOpenOption.WRITE)
                : FileChannel.open(file, java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        OWNER_ONLY);
        ch.truncate(valid);
        ch.position(valid);
        Checkpoint c = new Checkpoint(work, ch);
        if (lines.isEmpty()) {
            c.append(HEADER, 1, fingerprint);
        } else {
            c.restore(lines);
        }
        return c;
    }

    /** A fingerprint of what decides a run's output bytes (not the thread count); also the Spark runner's checkpoints'. */
    public static String fingerprint(RunPlan plan, List<Split> splits, int partitions, List<BranchPlan> branches)
            throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(plan.recipe() == null ? "-" : Manifest.canonicalRecipe(plan.recipe())).append('\n');
        for (OutputFormat f : plan.formats()) {
            b.append(f.name()).append(new TreeMap<>(f.describe())).append('\n');
        }
        b.append(plan.partBytes()).append(' ').append(partitions).append(' ')
                .append(plan.stages().stream().map(dev.codemill.stage.Stage::name).toList()).append('\n');
        for (BranchPlan br : branches) {
            b.append("branch ").append(br.name()).append(' ')
                    .append(br.stages().stream().map(dev.codemill.stage.Stage::name).toList()).append('\n');
        }
        for (Split s : splits) {
            b.append(s.name()).append('\t').append(s.sizeBytes()).append('\n');
        }
        return Manifest.sha256(b.toString());
    }

    /** Phases complete before this attempt: -1 none, 0 reading, P the boundary stage P−1. */
    int phasesDone() {
        return phasesDone;
    }

    /** True when an earlier attempt had finished a split or a phase. */
    boolean resumes() {
        return phasesDone >= 0 || earlierCount > 0;
    }

    /** One line for the operator: what an earlier attempt had finished. */
    String summary(int splits, int phases) {
        int done = phasesDone >= 0 ? splits : earlierCount;
        return done + " of " + splits + " splits and " + phaseMarkers + " of " + phases + " phases were done";
    }

    /**
     * Sets {@code stats} to the counters of the last finished phase (stage warnings included)
     * and returns true, or returns false when no phase finished.
     */
    boolean restoreStats(RunStats stats) {
        if (phasesDone < 0) {
            return false;
        }
        stats.merge(MarkerLines.deserialize(phaseStats));
        return true;
    }

    /** Starts the reading phase: split counters are merged into {@code stats} in split order. */
    synchronized void beginReading(RunStats stats, int splits) {
        this.readTarget = stats;
        this.splitCount = splits;
        drain();
    }

    /** True when split {@code index} was read by an earlier attempt. */
    synchronized boolean splitDone(int index) {
        return index < nextMerge || earlierSplits.containsKey(index);
    }

    /**
     * Reads split {@code index} through its own {@link StageChain} (its own counters, ledger rows
     * to {@code ledger}) into the consumer {@code head} builds on that chain, its spill frames
     * tagged with it, then flushes every spill of the work folder and writes its marker.
     */
    void readSplit(int index, Split split, Progress progress, StageChain.LedgerSink ledger,
                   Function<StageChain, Consumer<Document>> headOf) throws IOException {
        RunStats s = new RunStats();
        StageChain chain = new StageChain(s, ledger, redactor);
        Consumer<Document> head = headOf.apply(chain);
        int before = SpillStore.TAG.get();
        SpillStore.TAG.set(index + 1);
        try {
            split.read(chain.ingest(progress, head));
        } finally {
            SpillStore.TAG.set(before);
        }
        SpillStore.flushAll(work);
        byte[] bytes = MarkerLines.serialize(s);
        synchronized (this) {
            append("split", index, Base64.getEncoder().encodeToString(bytes));
            pending.put(index, s);
            drain();
        }
    }

    private void drain() {
        while (readTarget != null && nextMerge < splitCount) {
            RunStats s = pending.remove(nextMerge);
            if (s == null) {
                byte[] b = earlierSplits.remove(nextMerge);
                if (b == null) {
                    return;
                }
                s = MarkerLines.deserialize(b);
            }
            readTarget.merge(s);
            nextMerge++;
        }
    }

    /** Ends the reading phase (every split read and merged) with the phase-0 marker. */
    void readingDone(RunStats stats) throws IOException {
        synchronized (this) {
            drain();
            if (nextMerge != splitCount) {
                throw new IllegalStateException("split " + nextMerge + " of " + splitCount + " was not read");
            }
        }
        phaseDone(0, stats, null);
    }

    /**
     * Writes the marker of phase {@code phase} (no task may still write): flushes every spill,
     * records every work file's length (but {@code input}'s) and the counters, then deletes the
     * phase's input {@code input} (null: none).
     */
    void phaseDone(int phase, RunStats stats, Path input) throws IOException {
        SpillStore.flushAll(work);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        byte[] s = MarkerLines.serialize(stats);
        out.writeInt(s.length);
        out.write(s);
        Map<String, Long> files = files(input);
        out.writeInt(files.size());
        for (Map.Entry<String, Long> e : files.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        synchronized (this) {
            append("phase", phase, Base64.getEncoder().encodeToString(buf.toByteArray()));
        }
        if (input != null) {
            OutFiles.deleteTree(input);
        }
    }

    /** Lengths of the work folder's files, by path relative to it, but the log and {@code skip} (staged branch folders included). */
    private Map<String, Long> files(Path skip) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().equals(LOG) || (skip != null && p.startsWith(skip))) {
                    continue;
                }
                m.put(work.relativize(p).toString(), Files.size(p));
            }
        }
        return m;
    }

    /** Brings the work files back to the last markers of {@code lines} (header first). */
    private void restore(List<String[]> lines) throws IOException {
        Map<String, Long> files = null;
        for (String[] l : lines.subList(1, lines.size())) {
            int index = Integer.parseInt(l[1]);
            byte[] payload = Base64.getDecoder().decode(l[2]);
            if (l[0].equals("split")) {
                earlierSplits.put(index, payload);
            } else if (l[0].equals("phase")) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
                phaseStats = in.readNBytes(in.readInt());
                int n = in.readInt();
                files = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    files.put(in.readUTF(), in.readLong());
                }
                phasesDone = index;
                phaseMarkers++;
            }
        }
        if (phasesDone >= 0) {
            earlierSplits.clear();
        }
        earlierCount = earlierSplits.size();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(work)) {
            all = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(LOG)).toList();
        }
        for (Path p : all) {
            String rel = work.relativize(p).toString();
            if (files != null) {
                Long len = files.remove(rel);
                if (len == null) {
                    Files.delete(p);
                } else if (Files.size(p) < len) {
                    throw new IOException("cannot resume: work file " + p + " is shorter than its checkpoint ("
                            + Files.size(p) + " < " + len + " bytes); run without --resume to start over");
                } else {
                    try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        c.truncate(len);
                    }
                }
            } else if (SpillStore.partitionOfFile(p.getFileName().toString()) >= 0) {
                SpillStore.keepFrames(p, tag -> tag > 0 && earlierSplits.containsKey(tag - 1));
            } else {
                Files.delete(p);
            }
        }
        if (files != null) {
            for (Map.Entry<String, Long> e : files.entrySet()) {
                if (!takeBackPublished(e.getKey(), e.getValue())) {
                    throw new IOException("cannot resume: work file " + work.resolve(e.getKey())
                            + " of the last checkpoint is missing; run without --resume to start over");
                }
            }
        }
        deleteEmptyFolders();
    }

    /**
     * A staged branch file ({@code out/NAME/…}) that a publish killed half-way had already moved
     * into OUT ({@code OUT/NAME/…}, a rename, so the same bytes): moved back to the staging
     * folder, where the publish of this attempt takes it again. False when it is not there either.
     */
    private boolean takeBackPublished(String rel, long length) throws IOException {
        Path r = Path.of(rel);
        if (r.getNameCount() < 3 || !r.getName(0).toString().equals("out")) {
            return false;
        }
        Path published = work.getParent().resolve(r.subpath(1, r.getNameCount()).toString());
        if (!Files.isRegularFile(published) || Files.size(published) != length) {
            return false;
        }
        Files.createDirectories(work.resolve(rel).getParent());
        Files.move(published, work.resolve(rel), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private void deleteEmptyFolders() throws IOException {
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path d : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                if (!d.equals(work)) {
                    try (Stream<Path> in = Files.list(d)) {
                        if (in.findAny().isEmpty()) {
                            Files.delete(d);
                        }
                    }
                }
            }
        }
    }

    private void append(String type, int index, String payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(MarkerLines.line(type, index, payload).getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                log.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the resume log " + work.resolve(LOG), e);
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
