package dev.codemill.spark;

import dev.codemill.metrics.RunStats;
import dev.codemill.run.ExternalRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Phase checkpoints of a Spark run, so that {@code codemill run --runner spark --resume} after a
 * failed or killed application goes on after the last finished group or cluster phase and writes
 * the same bytes as an uninterrupted run (docs/reliability.md, "Resume", Spark).
 *
 * <p>Opt-in ({@value #CONF}{@code =true}; off, nothing is written): after each materialised step
 * (reading, then each group or cluster phase of the main chain) its records, i.e. the step's
 * documents and cluster memberships and every side record so far (ledger rows, per-task
 * {@link RunStats}, branch copies), are saved with {@code saveAsObjectFile} (a SequenceFile of
 * Java-serialised batches of 10 records, committed through Hadoop's FileOutputCommitter: a
 * retried or speculative task never adds a second part) into
 * {@code OUT/}{@value #DIR}{@code /phase-NNNN/}; then the driver writes the marker
 * {@code phase-NNNN.marker} (under a temporary name, renamed into place) with what only it holds:
 * the run's fingerprint ({@code run/Checkpoint#fingerprint}: recipe, formats, part size,
 * partitions, stages, split names and sizes), the next segment, the phase names done, its
 * {@link RunStats} (stage warnings, cluster histograms), and the name and length of every part
 * file. The earlier phase's folder and marker are then deleted (each phase's save holds all side
 * records so far). Spark's own {@code RDD.checkpoint} cannot serve: its files are only read by the
 * application that wrote them.
 *
 * <p>The folder is Codemill's own, next to (not in) the work folder, which every exit removes; it
 * outlives a failed application (the point of it), is owner-only, and is deleted when a run
 * publishes and when a run without {@code --resume} starts.
 */
final class PhaseCheckpoints {
    /** The Spark setting that turns the checkpoints on ({@code --conf spark.codemill.checkpoint=true}). */
    static final String CONF = "spark.codemill.checkpoint";
    /** The checkpoint folder's name inside OUT. */
    static final String DIR = dev.codemill.run.WorkDir.CHECKPOINTS;
    private static final String HEADER = "codemill-spark-checkpoint 1";

    /** What an earlier attempt's last marker restores. */
    record Restored(int phase, int nextSegment, List<String> phases, RunStats stats, Path records) {
    }

    private final FileSystem fs;
    private final Path dir;
    private final String fingerprint;
    private final boolean enabled;
    private final Restored restored;

    private PhaseCheckpoints(FileSystem fs, Path dir, String fingerprint, boolean enabled, Restored restored) {
        this.fs = fs;
        this.dir = dir;
        this.fingerprint = fingerprint;
        this.enabled = enabled;
        this.restored = restored;
    }

    /** The checkpoint folder of OUT {@code outRoot} (a qualified Hadoop path). */
    static Path folder(Path outRoot) {
        return new Path(outRoot, DIR);
    }

    /** Deletes the checkpoint folder of {@code outRoot} (a run that published) when Codemill wrote it ({@link #ours}). */
    static void delete(FileSystem fs, Path outRoot) throws IOException {
        Path dir = folder(outRoot);
        if (fs.exists(dir) && ours(fs, dir)) {
            fs.delete(dir, true);
        }
    }

    /** True when every entry of {@code dir} is one Codemill writes there ({@code WorkDir.CHECKPOINT_ENTRY}). */
    private static boolean ours(FileSystem fs, Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (!dev.codemill.run.WorkDir.CHECKPOINT_ENTRY.matcher(s.getPath().getName()).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens the checkpoints of OUT {@code outRoot} on {@code fs}. Without {@code resume} a left-over
     * folder is deleted (the run starts over). With it, the last marker is read: of another
     * fingerprint, refused; of this one, restored (its later, unmarked phase folders deleted); none,
     * the run starts from the beginning.
     *
     * @throws ExternalRunner.UsageError when the last marker belongs to a run of other inputs, recipe or options
     * @throws IOException               when a marked phase's part files are missing or of another length
     */
    static PhaseCheckpoints open(FileSystem fs, Path outRoot, String fingerprint, boolean enabled, boolean resume)
            throws IOException {
        Path dir = folder(outRoot);
        Restored restored = null;
        if (fs.exists(dir) && !ours(fs, dir)) {
            // Codemill deletes nothing it did not write (OutputClaim): off, the folder is left alone
            if (enabled || resume) {
                throw new ExternalRunner.UsageError(dir + " holds files Codemill did not write; move them away to save "
                        + "or resume phase checkpoints there");
            }
            return new PhaseCheckpoints(fs, dir, fingerprint, false, null);
        }
        if (resume && fs.exists(dir)) {
            restored = restore(fs, dir, fingerprint);
            if (restored == null) {
                fs.delete(dir, true);
            }
        } else if (fs.exists(dir)) {
            fs.delete(dir, true);
        }
        if (enabled && !fs.exists(dir)) {
            fs.mkdirs(dir, new FsPermission((short) 0700));
            fs.setPermission(dir, new FsPermission((short) 0700));
        }
        return new PhaseCheckpoints(fs, dir, fingerprint, enabled, restored);
    }

    /** True when this run saves checkpoints ({@value #CONF}). */
    boolean enabled() {
        return enabled;
    }

    /** The last marker's state, null when nothing is resumed. */
    Restored restored() {
        return restored;
    }

    /** The records of the restored phase (every kind: documents, memberships, side records so far). */
    JavaRDD<Rec> load(JavaSparkContext sc) {
        return sc.objectFile(restored.records().toString());
    }

    /**
     * Saves step {@code phase}'s records (nothing when the checkpoints are off), then its marker,
     * then deletes the earlier phase.
     *
     * @param records     the step's documents and memberships and every side record so far
     * @param nextSegment the index of the segment the run goes on with
     * @param phases      the names of the phases done after reading, in order
     * @param stats       the driver's counters so far (warnings, cluster histograms)
     */
    void save(JavaSparkContext sc, int phase, JavaRDD<Rec> records, int nextSegment, List<String> phases, RunStats stats)
            throws IOException {
        if (!enabled) {
            return;
        }
        Path out = new Path(dir, name(phase));
        fs.delete(out, true); // an unmarked folder of an attempt that died while saving
        sc.setJobDescription("codemill checkpoint " + phase);
        records.saveAsObjectFile(out.toString());
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("fingerprint ").append(fingerprint).append('\n');
        b.append("phase ").append(phase).append('\n');
        b.append("next_segment ").append(nextSegment).append('\n');
        b.append("phases ").append(encode(String.join("\n", phases).getBytes(StandardCharsets.UTF_8))).append('\n');
        b.append("stats ").append(encode(serialize(stats))).append('\n');
        for (Map.Entry<String, Long> e : parts(out).entrySet()) {
            b.append("part ").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        CRC32 crc = new CRC32();
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        crc.update(body);
        Path marker = new Path(dir, name(phase) + ".marker");
        Path tmp = new Path(dir, "." + name(phase) + ".marker.tmp");
        try (OutputStream o = fs.create(tmp, true)) {
            o.write(body);
            o.write(("crc32 " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(marker, false);
        if (!fs.rename(tmp, marker)) {
            throw new IOException("cannot rename the checkpoint marker " + tmp + " to " + marker);
        }
        for (FileStatus s : fs.listStatus(dir)) {
            int p = phaseOf(s.getPath().getName());
            if (p >= 0 && p < phase) {
                fs.delete(s.getPath(), true);
            }
        }
        Faults.afterCheckpoint(sc.getConf(), phase);
    }

    /** Deletes the folder: the run published. */
    void finish() throws IOException {
        if (fs.exists(dir) && ours(fs, dir)) {
            fs.delete(dir, true);
        }
    }

    private static String name(int phase) {
        return String.format("phase-%04d", phase);
    }

    /** The phase number of a folder or marker name ({@code phase-NNNN}, {@code phase-NNNN.marker}), else -1. */
    static int phaseOf(String name) {
        String n = name.endsWith(".marker") ? name.substring(0, name.length() - ".marker".length()) : name;
        if (!n.matches("phase-[0-9]{4,9}")) {
            return -1;
        }
        return Integer.parseInt(n.substring("phase-".length()));
    }

    /** The data files of a saved phase (Hadoop's hidden {@code _…} and {@code .…} files aside), by name, with their lengths. */
    private Map<String, Long> parts(Path out) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        for (FileStatus s : fs.listStatus(out)) {
            String n = s.getPath().getName();
            if (s.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
                m.put(n, s.getLen());
            }
        }
        return m;
    }

    /** The last valid marker of {@code dir}; null when there is none (later unmarked phases are deleted). */
    private static Restored restore(FileSystem fs, Path dir, String fingerprint) throws IOException {
        Map<Integer, FileStatus> markers = new TreeMap<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (n.endsWith(".marker") && phaseOf(n) >= 0) {
                markers.put(phaseOf(n), s);
            }
        }
        Restored found = null;
        Map<String, String> fields = null;
        List<Map.Entry<String, Long>> parts = null;
        List<Integer> newestFirst = new ArrayList<>(markers.keySet());
        java.util.Collections.reverse(newestFirst);
        for (int p : newestFirst) {
            Map<String, String> f = new LinkedHashMap<>();
            List<Map.Entry<String, Long>> ps = new ArrayList<>();
            if (read(fs, markers.get(p).getPath(), f, ps)) {
                fields = f;
                parts = ps;
                found = new Restored(p, Integer.parseInt(f.get("next_segment")),
                        new String(decode(f.get("phases")), StandardCharsets.UTF_8).lines().toList(),
                        deserialize(decode(f.get("stats"))), new Path(dir, name(p)));
                break;
            }
        }
        if (found == null) {
            return null;
        }
        if (!fields.get("fingerprint").equals(fingerprint)) {
            throw new ExternalRunner.UsageError("cannot resume: " + dir + " holds the checkpoints of a run with other "
                    + "inputs, recipe or output settings; run without --resume to start over");
        }
        Map<String, Long> expected = new TreeMap<>();
        parts.forEach(e -> expected.put(e.getKey(), e.getValue()));
        Map<String, Long> actual = new TreeMap<>();
        if (fs.exists(found.records())) {
            for (FileStatus s : fs.listStatus(found.records())) {
                String n = s.getPath().getName();
                if (s.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
                    actual.put(n, s.getLen());
                }
            }
        }
        if (!actual.equals(expected)) {
            throw new IOException("cannot resume: the part files of checkpoint " + found.records() + " are not those its "
                    + "marker lists (" + actual.size() + " files, " + expected.size() + " expected, or other lengths); "
                    + "run without --resume to start over");
        }
        for (FileStatus s : fs.listStatus(dir)) {
            int p = phaseOf(s.getPath().getName());
            if (p != found.phase() || s.getPath().getName().startsWith(".")) {
                fs.delete(s.getPath(), true); // later unmarked phases, earlier ones, temporary markers
            }
        }
        return found;
    }

    /** Reads a marker into {@code fields} and {@code parts}; false when it is torn (CRC mismatch, no CRC line). */
    private static boolean read(FileSystem fs, Path marker, Map<String, String> fields, List<Map.Entry<String, Long>> parts)
            throws IOException {
        byte[] all;
        try (InputStream in = fs.open(marker)) {
            all = in.readAllBytes();
        }
        String text = new String(all, StandardCharsets.UTF_8);
        int last = text.lastIndexOf("crc32 ");
        if (last < 0 || !text.startsWith(HEADER + "\n")) {
            return false;
        }
        CRC32 crc = new CRC32();
        byte[] body = text.substring(0, last).getBytes(StandardCharsets.UTF_8);
        crc.update(body);
        if (!text.substring(last).trim().equals("crc32 " + Long.toHexString(crc.getValue()))) {
            return false;
        }
        for (String line : text.substring(HEADER.length() + 1, last).lines().toList()) {
            String[] kv = line.split(" ", 3);
            if (kv[0].equals("part")) {
                parts.add(Map.entry(kv[1], Long.parseLong(kv[2])));
            } else {
                fields.put(kv[0], kv[1]);
            }
        }
        return fields.keySet().containsAll(List.of("fingerprint", "next_segment", "phases", "stats"));
    }

    private static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] decode(String s) {
        return Base64.getDecoder().decode(s);
    }

    static byte[] serialize(RunStats stats) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeObject(stats);
        }
        return bytes.toByteArray();
    }

    static RunStats deserialize(byte[] b) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(b)))) {
            return (RunStats) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read the driver's counters of a checkpoint marker", e);
        }
    }
}
