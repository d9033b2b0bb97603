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

    /**
     * The hash partitions for an input of {@code totalBytes} (-1: unknown): {@code fixed} when
     * positive, else one per 32 MB of input, at least 16, at most 1024.
     */
    public static int partitions(long totalBytes, int fixed) {
        return fixed > 0 ? fixed : (int) Math.min(1024, Math.max(16, Math.max(0, totalBytes) / (32L << 20)));
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
