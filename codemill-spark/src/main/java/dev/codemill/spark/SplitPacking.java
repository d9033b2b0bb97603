package dev.codemill.spark;

import dev.codemill.run.Split;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Packs splits into read tasks by size (issue 18): consecutive splits (the driver's listing
 * order) go into one task until it holds {@code targetBytes}, so a corpus of many small
 * repositories is a few thousand tasks, not one per repository, and a split larger than the
 * target is a task of its own. A split of unknown size ({@code -1}, e.g. a document stream)
 * counts as {@link #UNKNOWN_BYTES}. The packing only changes which task reads a split: the
 * output does not depend on it.
 */
final class SplitPacking {
    /** What a split of unknown size counts for. */
    static final long UNKNOWN_BYTES = 1L << 20;
    /** The smallest target: below it a task's fixed cost (tens of ms) dominates. */
    static final long MIN_TARGET = 8L << 20;

    private SplitPacking() {
    }

    /**
     * The bytes per read task: about 3 tasks per core of the cluster ({@code parallelism}, Spark's
     * default parallelism) for load balance, at least {@link #MIN_TARGET}, at most
     * {@code maxBytes} (the recipe's {@code ingest.split_bytes}, 128 MiB by default).
     *
     * @param totalBytes the inputs' total size, -1 when unknown
     */
    static long targetBytes(long totalBytes, int parallelism, long maxBytes) {
        if (totalBytes < 0) {
            return MIN_TARGET;
        }
        long perTask = totalBytes / Math.max(1, 3L * parallelism);
        return Math.max(MIN_TARGET, Math.min(Math.max(MIN_TARGET, maxBytes), perTask));
    }

    /** Split indexes per task, in listing order; every index exactly once; no empty task. */
    static List<List<Integer>> pack(List<Split> splits, long targetBytes) {
        List<List<Integer>> tasks = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        long filled = 0;
        for (int i = 0; i < splits.size(); i++) {
            long size = splits.get(i).sizeBytes() < 0 ? UNKNOWN_BYTES : splits.get(i).sizeBytes();
            if (!open.isEmpty() && filled + size > targetBytes) {
                tasks.add(open);
                open = new ArrayList<>();
                filled = 0;
            }
            open.add(i);
            filled += size;
        }
        if (!open.isEmpty()) {
            tasks.add(open);
        }
        return tasks;
    }

    /** The elements of a task's packs (split indexes, {@code SplitRef}s), in order. */
    static <T> Iterator<T> flatten(Iterator<? extends List<T>> packs) {
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && packs.hasNext()) {
                    current = packs.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
