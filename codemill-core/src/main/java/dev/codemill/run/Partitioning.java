package dev.codemill.run;

import java.util.List;

/**
 * How a run is cut into hash partitions, the same on every runner: the data and ledger parts
 * are written partition by partition, so a runner that wants the local runner's bytes uses the
 * same count and the same partition of a key.
 */
public final class Partitioning {
    private Partitioning() {
    }

    /** Input up to which a partition stands for 32 MiB: 1,024 partitions, 32 GiB. */
    static final long SMALL_INPUT = 1024L * (32L << 20);
    /** Input per partition beyond {@link #SMALL_INPUT}: 256 MiB (a Spark write task of ~256 MiB of documents at most). */
    static final long LARGE_PART = 256L << 20;
    /** Most partitions: 2^24 (4 PiB of input), a guard against overflow, not a cap any real input reaches. */
    static final int MAX = 1 << 24;

    /**
     * The hash partitions for an input of {@code totalBytes} (-1: unknown): {@code fixed} when
     * positive; else one per 32 MiB of input, at least 16, up to 1,024 at 32 GiB (the layout of
     * every run up to that size is unchanged); beyond, 1,024 plus one per further 256 MiB
     * ({@code 50 TB}: 187,160), so that a Spark write task holds at most ~256 MiB of input however
     * large the corpus (there was a fixed cap of 1,024, ~49 GB per write task at 50 TB). A function
     * of the input size only, never of the cluster: the local runner must get the same parts.
     */
    public static int partitions(long totalBytes, int fixed) {
        if (fixed > 0) {
            return fixed;
        }
        long bytes = Math.max(0, totalBytes);
        if (bytes <= SMALL_INPUT) {
            return (int) Math.max(16, bytes / (32L << 20));
        }
        return (int) Math.min(MAX, 1024 + (bytes - SMALL_INPUT) / LARGE_PART);
    }

    /** The total of the splits' sizes, -1 when one is unknown. */
    public static long totalBytes(List<Split> splits) {
        long total = 0;
        for (Split s : splits) {
            total = s.sizeBytes() < 0 || total < 0 ? -1 : total + s.sizeBytes();
        }
        return total;
    }

    /** The partition of a string key (a document id): {@code floorMod(key.hashCode(), partitions)}. */
    public static int partitionOf(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }
}
