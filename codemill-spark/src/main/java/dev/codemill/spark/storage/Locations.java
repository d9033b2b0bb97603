package dev.codemill.spark.storage;

import dev.codemill.io.Inputs;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The splits of the runner's inputs, local paths and Hadoop FileSystem URIs alike, in input
 * order: a local path through {@link Inputs} (the local runner's readers), a URI through its
 * file system: a folder by {@link RemoteTree} (the local folder rules), a file by
 * {@link RemoteFile}. The driver lists once ({@link #list}); executors get each split as data
 * ({@link SplitRef}) and never walk a folder.
 */
public final class Locations {
    private Locations() {
    }

    /**
     * The inputs as the driver ships them: local paths absolute and normalised (an executor's
     * working folder is not the driver's), URIs fully qualified ({@code hdfs:///x} gets the
     * default name node), so that split names and origins are the same strings everywhere.
     */
    public static List<String> absolute(List<String> inputs, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (String in : inputs) {
            out.add(HadoopFs.isUri(in) ? HadoopFs.qualified(in, conf)
                    : java.nio.file.Path.of(in).toAbsolutePath().normalize().toString());
        }
        return out;
    }

    /** Folder inputs walked by this JVM (the driver's listing; executors never walk: {@link SplitRef}). */
    private static final AtomicLong FOLDER_WALKS = new AtomicLong();

    /** How many folder inputs this JVM has walked since it started. */
    public static long folderWalks() {
        return FOLDER_WALKS.get();
    }

    /**
     * The driver's one listing: the splits of {@code inputs} ({@link #absolute} strings), in input
     * order, and each as the plain data a read task gets ({@link SplitRef}).
     */
    public record Listing(List<Split> splits, List<SplitRef> refs) {
    }

    /**
     * Plans the splits of {@code inputs} ({@link #absolute} strings), once.
     *
     * @throws NoSuchFileException naming the first input that does not exist, before any is listed
     */
    public static Listing list(List<String> inputs, IngestOptions opts, Configuration conf) throws IOException {
        return list(inputs, opts, conf, 1);
    }

    /**
     * Spark configuration key of the driver's listing threads per folder input
     * ({@code --conf spark.codemill.listingThreads=16}); 1 lists on the driver's main thread alone.
     */
    public static final String THREADS_CONF = "spark.codemill.listingThreads";

    /**
     * Default listing threads: 8. Listing waits on the file system (a {@code getdents} per local
     * folder, a name-node RPC or an object-store LIST page per remote one), so threads beyond the
     * driver's cores still help on remote storage; 8 keeps a name node's load from one driver
     * modest. Hadoop's {@code FileInputFormat} defaults to 1 thread
     * ({@code mapreduce.input.fileinputformat.list-status.num-threads}).
     */
    public static final int DEFAULT_THREADS = 8;

    /**
     * The listing threads a {@link #THREADS_CONF} value asks for.
     *
     * @param value the value as set ({@code --conf}); null when not set: {@link #DEFAULT_THREADS}
     * @throws IllegalArgumentException naming the key, when the value is not a whole number from 1
     *                                  to 32767 ({@link java.util.concurrent.ForkJoinPool}'s limit)
     */
    public static int threads(String value) {
        if (value == null) {
            return DEFAULT_THREADS;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 32767) {
            throw new IllegalArgumentException(THREADS_CONF + " must be a whole number of listing threads from 1 to 32767 (1: the driver's thread alone), not '" + value + "'");
        }
        return n;
    }

    /**
     * {@link #list(List, IngestOptions, Configuration)} with each folder input's folders listed
     * on {@code threads} threads ({@link dev.codemill.io.fs.OrderedWalk}): the same listing, in the
     * same order, the same failures, whatever the thread count.
     *
     * @param threads listing threads per folder input; 1 or less: the calling thread only
     */
    public static Listing list(List<String> inputs, IngestOptions opts, Configuration conf, int threads) throws IOException {
        requireExisting(inputs, conf);
        List<Split> splits = new ArrayList<>();
        List<SplitRef> refs = new ArrayList<>();
        for (String in : inputs) {
            List<Split> of = splitsOf(in, opts, conf, threads);
            for (int i = 0; i < of.size(); i++) {
                refs.add(SplitRef.of(in, i, of.get(i)));
            }
            splits.addAll(of);
        }
        return new Listing(List.copyOf(splits), List.copyOf(refs));
    }

    /**
     * Plans the splits of {@code inputs} ({@link #absolute} strings).
     *
     * @throws NoSuchFileException naming the first input that does not exist, before any is listed
     */
    public static List<Split> splits(List<String> inputs, IngestOptions opts, Configuration conf) throws IOException {
        return list(inputs, opts, conf).splits();
    }

    /**
     * The splits of {@code input}, an input that is one file (its byte ranges, row groups, or the
     * file whole), planned on an executor from that file alone.
     *
     * @throws IllegalStateException for a folder: its batches travel as {@link SplitRef}s and are never listed twice
     */
    public static List<Split> fileSplits(String input, IngestOptions opts, Configuration conf) throws IOException {
        boolean folder = HadoopFs.isUri(input) ? HadoopFs.of(new Path(input), conf).getFileStatus(new Path(input)).isDirectory()
                : java.nio.file.Files.isDirectory(java.nio.file.Path.of(input));
        if (folder) {
            throw new IllegalStateException(input + " is a folder: its splits are shipped by the driver, not listed here");
        }
        return splitsOf(input, opts, conf, 1);
    }

    private static List<Split> splitsOf(String in, IngestOptions opts, Configuration conf, int threads) throws IOException {
        if (!HadoopFs.isUri(in)) {
            java.nio.file.Path p = java.nio.file.Path.of(in);
            if (java.nio.file.Files.isDirectory(p)) {
                FOLDER_WALKS.incrementAndGet();
            }
            return Inputs.splits(List.of(p), opts, threads);
        }
        Path p = new Path(in);
        FileSystem fs = HadoopFs.of(p, conf);
        FileStatus st = fs.getFileStatus(p);
        if (st.isDirectory()) {
            FOLDER_WALKS.incrementAndGet();
            return RemoteTree.plan(fs, st.getPath(), in, opts, threads);
        }
        return List.of(new RemoteFile(fs, st.getPath(), in, st.getLen(), opts));
    }

    /**
     * @throws NoSuchFileException naming the first of {@code inputs} that does not exist
     * @throws dev.codemill.run.ExternalRunner.UsageError for a URI whose file system connector is missing
     */
    public static void requireExisting(List<String> inputs, Configuration conf) throws IOException {
        for (String in : inputs) {
            boolean exists;
            if (HadoopFs.isUri(in)) {
                Path p = new Path(in);
                exists = HadoopFs.of(p, conf).exists(p);
            } else {
                exists = java.nio.file.Files.exists(java.nio.file.Path.of(in));
            }
            if (!exists) {
                throw new NoSuchFileException(in, null, "input does not exist");
            }
        }
    }
}
