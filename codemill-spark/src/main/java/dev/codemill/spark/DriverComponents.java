package dev.codemill.spark;

import dev.codemill.run.UnionFind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Connected components of a small near-dedup graph on the driver: the edges are collected and
 * joined in the local runner's union-find ({@link UnionFind}, {@code long[]} keys and
 * {@code int[]} parents), as single-process deduplicators do (DataTrove's and text-dedup's
 * union-find over the bucket edges), instead of the distributed large-star/small-star rounds of
 * {@link Components}, which cost 3 to 4 shuffles and a job per round (on the medium corpus, 195.7
 * MB in: 3 jobs and ~20 stages for ~35,000 edges, 564 kB packed). The pattern is Spark SQL's broadcast join:
 * below a size bound the small side goes through the driver to every executor
 * ({@code spark.sql.autoBroadcastJoinThreshold}, 10 MB by default); above it the distributed
 * rounds run, unchanged. The labels are exactly {@link Components#labels}': each node that has an
 * edge, with the smallest node key of its component.
 */
final class DriverComponents {
    private DriverComponents() {
    }

    /**
     * Spark configuration key of the bound: at most this many bucket edges (as the buckets emit
     * them, duplicates counted) are joined on the driver ({@code --conf
     * spark.codemill.driverComponentsMaxEdges=1000000}); 0 = always the distributed rounds.
     */
    static final String MAX_EDGES = "spark.codemill.driverComponentsMaxEdges";

    /**
     * The default bound, one million edges, sized so the driver's arrays stay within tens of MB:
     * the collected edges are 16 bytes each (two {@code long}s, 16 MB, and as much again as
     * serialised task results while collecting), their endpoints 16 bytes per edge before the
     * sort (16 MB), the union-find 12 bytes per node and the labels 4 more (at most two nodes per
     * edge: 32 MB); the broadcast labels reach each executor at 12 bytes per node (at most 24 MB,
     * typically half: a bucket's star edges share their smallest key). Measured on the medium
     * corpus (195.7 MB in): about 35,000 edges (564 kB of task results) for 3,909 linked units,
     * so the default covers inputs of about 28 times that size with as many near duplicates;
     * beyond it the distributed rounds' fixed cost (a few jobs) is small against the run.
     */
    static final long DEFAULT_MAX_EDGES = 1_000_000L;

    /** Cluster stages whose components were computed here (for the tests). */
    static final AtomicLong ON_DRIVER = new AtomicLong();

    /** Spark's limit on the serialised task results of one job ({@code collect}), 1 GiB by default; 0 = none. */
    static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";

    /**
     * The bound of the run, {@link #MAX_EDGES}, else {@link #DEFAULT_MAX_EDGES}; at most 1/32 of
     * {@code spark.driver.maxResultSize} in edges (16 bytes each, half the limit left for the
     * tasks' other results), so that collecting edges within the bound never aborts the job
     * (Spark's "Total size of serialized results … is bigger than spark.driver.maxResultSize"):
     * above it the distributed rounds run, with the same labels. 33,554,432 edges at the 1 GiB
     * default.
     *
     * @throws IllegalArgumentException when it is negative or not a number
     */
    static long maxEdges(SparkConf conf) {
        long max = configuredMaxEdges(conf);
        long resultBytes = conf.getSizeAsBytes(MAX_RESULT_SIZE, "1g");
        return resultBytes > 0 ? Math.min(max, resultBytes / 32) : max;
    }

    private static long configuredMaxEdges(SparkConf conf) {
        String value = conf.get(MAX_EDGES, Long.toString(DEFAULT_MAX_EDGES)).trim();
        long max;
        try {
            max = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_EDGES + " must be a number of edges (0 = always distributed), got '"
                    + value + "'", e);
        }
        if (max < 0) {
            throw new IllegalArgumentException(MAX_EDGES + " must be at least 0 (0 = always distributed), got " + max);
        }
        return max;
    }

    /** A partition's edges as one array: {@code a0, b0, a1, b1, …} (one object per partition, not two per edge). */
    static Iterator<long[]> pack(Iterator<Tuple2<Long, Long>> edges) {
        long[] out = new long[64];
        int n = 0;
        while (edges.hasNext()) {
            Tuple2<Long, Long> e = edges.next();
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = e._1();
            out[n++] = e._2();
        }
        return List.of(Arrays.copyOf(out, n)).iterator();
    }

    /** The edges of {@link #pack}ed arrays, for the distributed rounds. */
    static Iterator<Tuple2<Long, Long>> unpack(long[] pairs) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < pairs.length;
            }

            @Override
            public Tuple2<Long, Long> next() {
                Tuple2<Long, Long> e = new Tuple2<>(pairs[i], pairs[i + 1]);
                i += 2;
                return e;
            }
        };
    }

    /**
     * The {@link #pack}ed partitions' edges on the driver when there are at most {@code max} of
     * them, else null. One job: each task sends its count, and its edges when they are at most
     * its share ({@code max} / partitions, rounded up), so the driver never holds more than
     * {@code max + partitions - 1} edges; only when the edges are few but a partition held more than its share
     * does a second job fetch those partitions.
     *
     * @param max at least 1
     */
    static List<long[]> collect(JavaRDD<long[]> packed, long max) {
        int partitions = packed.getNumPartitions();
        long share = max / partitions + (max % partitions == 0 ? 0 : 1); // rounded up, without overflow
        List<Tuple2<Long, long[]>> sent = packed.map(a -> new Tuple2<>((long) (a.length / 2), a.length / 2 <= share ? a : null))
                .collect();
        long total = 0;
        List<long[]> edges = new ArrayList<>();
        Set<Integer> withheld = new HashSet<>();
        for (int p = 0; p < sent.size(); p++) {
            total += sent.get(p)._1();
            if (sent.get(p)._2() == null) {
                withheld.add(p);
            } else {
                edges.add(sent.get(p)._2());
            }
        }
        if (total > max) {
            return null;
        }
        if (!withheld.isEmpty()) {
            edges.addAll(packed.mapPartitionsWithIndex((p, it) -> withheld.contains(p) ? it
                    : java.util.Collections.<long[]>emptyIterator(), true).collect());
        }
        return edges;
    }

    /**
     * The components of the edges of {@link #pack}ed arrays (pairs of distinct nodes, any
     * orientation, duplicates allowed).
     */
    static Labels labels(List<long[]> packed) {
        long n = 0;
        for (long[] a : packed) {
            n += a.length;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n / 2 + " edges are too many to join on the driver (" + MAX_EDGES + ")");
        }
        long[] nodes = new long[(int) n];
        int at = 0;
        for (long[] a : packed) {
            System.arraycopy(a, 0, nodes, at, a.length);
            at += a.length;
        }
        long[] keys = UnionFind.sortedDistinct(nodes);
        UnionFind uf = new UnionFind(keys);
        for (long[] a : packed) {
            for (int i = 0; i < a.length; i += 2) {
                uf.union(uf.index(a[i]), uf.index(a[i + 1]));
            }
        }
        uf.flatten();
        int[] roots = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            roots[i] = uf.rootIndex(keys[i]);
        }
        return new Labels(keys, roots);
    }


    /**
     * Each node that has an edge and its label, the smallest key of its component: the nodes'
     * keys ascending and, per node, the index of its component's smallest key (12 bytes a node;
     * what the driver broadcasts to the executors). Read-only.
     */
    static final class Labels implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long[] keys;
        private final int[] roots;

        Labels(long[] keys, int[] roots) {
            this.keys = keys;
            this.roots = roots;
        }

        /** The number of nodes that have an edge. */
        int size() {
            return keys.length;
        }

        /** A node's index, negative when the key has no edge. */
        int index(long key) {
            return Arrays.binarySearch(keys, key);
        }

        /** The label of the node at {@code index}: its component's smallest key. */
        long labelAt(int index) {
            return keys[roots[index]];
        }

        /** Node to label, ascending (for the tests). */
        Map<Long, Long> asMap() {
            Map<Long, Long> map = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], labelAt(i));
            }
            return map;
        }
    }
}
