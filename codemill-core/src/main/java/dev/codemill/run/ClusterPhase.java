package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * How the local runner executes a {@link ClusterStage}, as a chain of hash-partitioned spills
 * (each step reads one partition at a time; the numbers are the steps of {@link ClusterStage}):
 * <ol>
 *   <li>while documents flow in, each one is spilled by its unit, and its membership (rank,
 *       payload) by unit;</li>
 *   <li>per unit partition: the unit's payloads are merged and its bucket keys spilled by bucket
 *       as (bucket, unit key) pairs of 16 bytes;</li>
 *   <li>per bucket partition: a bucket of n distinct units gives n − 1 edges (its smallest unit
 *       key to each other one: a star, never n² pairs), spilled; the distinct keys having an edge
 *       are merged into one sorted array, and a union-find over it reads the edges back;</li>
 *   <li>the merged units that have an edge are spilled by their component's root; per root
 *       partition, each component is decided by {@link ClusterUnits#decideCluster} (kept unit:
 *       smallest rank, then unit; the others compared with it and with the survivors before
 *       them); the result is spilled by unit;</li>
 *   <li>per unit partition, documents are sorted by id and handed to
 *       {@link ClusterStage#decide} with their unit's cluster (or null).</li>
 * </ol>
 * Memory: the union-find holds 12 bytes per unit that shares a bucket with another one (its 64-bit
 * key and a parent index; 8 more bytes per unit while the key arrays are merged); otherwise one
 * partition of records or documents at a time. The biggest bucket costs one partition's sort.
 */
final class ClusterPhase {
    private static final SpillStore.Codec<ClusterUnits.Unit> UNITS = ClusterRecords.UNITS;

    private final ClusterStage stage;
    private final Path dir;
    private final SpillStore<Document> docs;
    private final SpillStore<ClusterUnits.Unit> members;

    ClusterPhase(ClusterStage stage, Path dir, int partitions) throws IOException {
        this.stage = stage;
        this.dir = dir;
        this.docs = new SpillStore<>(dir.resolve("docs"), partitions, SpillStore.DOCUMENTS);
        this.members = new SpillStore<>(dir.resolve("members"), partitions, UNITS);
    }

    /** The sink of the segment before the stage: spills a document and its membership by unit. */
    Consumer<Document> sink() {
        return doc -> {
            String unit = stage.unit(doc);
            docs.append(unit, doc);
            ClusterStage.Membership m = stage.membership(doc);
            if (m != null) {
                members.append(unit, new ClusterUnits.Unit(unit, m.rank(), m.payload()));
            }
        };
    }

    /** Clusters, then decides about every document and sends survivors to {@code after}. */
    void run(ExecutorService pool, StageChain chain, int stageIndex, Consumer<Document> after, RunStats stats)
            throws IOException {
        docs.close();
        members.close();
        int partitions = docs.partitions();
        SpillStore<ClusterUnits.Unit> units = new SpillStore<>(dir.resolve("units"), partitions, UNITS);
        SpillStore<ClusterRecords.BucketEntry> buckets = new SpillStore<>(dir.resolve("buckets"), partitions, ClusterRecords.BUCKETS);
        forEachPartition(pool, partitions, p -> mergeUnits(members.read(p), p, units, buckets));
        units.close();
        buckets.close();

        SpillStore<ClusterRecords.Edge> edges = new SpillStore<>(dir.resolve("edges"), partitions, ClusterRecords.EDGES);
        long[] keys = new long[0];
        List<Future<long[]>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            parts.add(pool.submit(() -> link(buckets.read(part), part, edges)));
        }
        for (Future<long[]> f : parts) {
            keys = mergeSorted(keys, Futures.get(f));
        }
        edges.close();
        UnionFind uf = new UnionFind(keys);
        for (int p = 0; p < partitions; p++) {
            for (ClusterRecords.Edge e : edges.read(p)) {
                uf.union(uf.index(e.a()), uf.index(e.b()));
            }
        }
        uf.flatten();

        SpillStore<ClusterRecords.RootEntry> roots = new SpillStore<>(dir.resolve("roots"), partitions, ClusterRecords.ROOTS);
        forEachPartition(pool, partitions, p -> {
            for (ClusterUnits.Unit u : units.read(p)) {
                int root = uf.rootIndex(ClusterUnits.unitKey(u.unit()));
                if (root >= 0) {
                    long rootKey = uf.keyAt(root);
                    roots.appendTo(roots.partitionOf(rootKey), new ClusterRecords.RootEntry(rootKey, u));
                }
            }
        });
        roots.close();

        SpillStore<ClusterRecords.ClusterEntry> clusters = new SpillStore<>(dir.resolve("clusters"), partitions, ClusterRecords.CLUSTERS);
        Map<Integer, Long> histogram = new TreeMap<>();
        forEachPartition(pool, partitions, p -> {
            Map<Integer, Long> sizes = decideClusters(roots.read(p), clusters);
            synchronized (histogram) {
                sizes.forEach((size, n) -> histogram.merge(size, n, Long::sum));
            }
        });
        clusters.close();
        stats.clusters(stage.name(), histogram, uf.size());

        forEachPartition(pool, partitions, p -> {
            Map<String, ClusterStage.Cluster> byUnit = new HashMap<>();
            for (ClusterRecords.ClusterEntry c : clusters.read(p)) {
                byUnit.put(c.unit(), new ClusterStage.Cluster(c.keptUnit(), c.size(), c.comparison(),
                        c.comparedUnit(), c.unchecked()));
            }
            List<Document> list = docs.read(p);
            list.sort(DocOrder.ORDER);
            for (Document d : list) {
                chain.runCluster(stage, stageIndex, d, byUnit.get(stage.unit(d)), after);
            }
        });
    }

    /** A step over one partition. */
    private interface PartitionTask {
        void run(int partition) throws IOException;
    }

    private static void forEachPartition(ExecutorService pool, int partitions, PartitionTask task) throws IOException {
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            futures.add(pool.submit(() -> {
                task.run(part);
                return null;
            }));
        }
        Futures.await(futures);
    }

    /**
     * Step 2 for one partition: merges the memberships of each unit (rank: the smallest; payloads
     * folded by {@link ClusterStage#merge} in a fixed order), files the merged unit in the same
     * partition of {@code units}, and its bucket keys under their buckets.
     */
    private void mergeUnits(List<ClusterUnits.Unit> entries, int partition, SpillStore<ClusterUnits.Unit> units,
                            SpillStore<ClusterRecords.BucketEntry> buckets) {
        entries.sort(Comparator.comparing(ClusterUnits.Unit::unit));
        int i = 0;
        while (i < entries.size()) {
            String unit = entries.get(i).unit();
            int j = i + 1;
            while (j < entries.size() && entries.get(j).unit().equals(unit)) {
                j++;
            }
            ClusterUnits.Unit merged = ClusterUnits.mergeUnit(stage, entries.subList(i, j));
            i = j;
            units.appendTo(partition, merged);
            long unitKey = ClusterUnits.unitKey(merged.unit());
            for (long b : stage.buckets(merged.payload())) {
                buckets.appendTo(buckets.partitionOf(b), new ClusterRecords.BucketEntry(b, unitKey));
            }
        }
    }

    /**
     * Step 3 for one bucket partition: star edges of every bucket with two or more distinct units
     * (the smallest key to each other one), spilled to {@code edges}; returns the sorted distinct
     * keys that have an edge.
     */
    static long[] link(List<ClusterRecords.BucketEntry> entries, int partition, SpillStore<ClusterRecords.Edge> edges) {
        List<ClusterRecords.Edge> found = edges(entries);
        long[] nodes = new long[found.size() * 2];
        int n = 0;
        for (ClusterRecords.Edge e : found) {
            edges.appendTo(partition, e);
            nodes[n++] = e.a();
            nodes[n++] = e.b();
        }
        return UnionFind.sortedDistinct(nodes);
    }

    /** Star edges of every bucket with two or more distinct unit keys: the smallest key to each other. */
    static List<ClusterRecords.Edge> edges(List<ClusterRecords.BucketEntry> entries) {
        entries.sort(Comparator.comparingLong(ClusterRecords.BucketEntry::bucket).thenComparingLong(ClusterRecords.BucketEntry::unitKey));
        List<ClusterRecords.Edge> out = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            long bucket = entries.get(i).bucket();
            long first = entries.get(i).unitKey();
            long previous = first;
            int j = i + 1;
            for (; j < entries.size() && entries.get(j).bucket() == bucket; j++) {
                long k = entries.get(j).unitKey();
                if (k != previous) {
                    out.add(new ClusterRecords.Edge(first, k));
                    previous = k;
                }
            }
            i = j;
        }
        return out;
    }


    /** The sorted union of two sorted arrays of distinct values. */
    static long[] mergeSorted(long[] a, long[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x == y) {
                out[n++] = x;
                i++;
                j++;
            } else if (x < y) {
                out[n++] = x;
                i++;
            } else {
                out[n++] = y;
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Step 4 for one root partition: per component (units in {@link ClusterUnits#KEEP_ORDER}),
     * {@link ClusterUnits#decideCluster}, filed by unit. Returns cluster counts by size.
     */
    private Map<Integer, Long> decideClusters(List<ClusterRecords.RootEntry> entries, SpillStore<ClusterRecords.ClusterEntry> clusters) {
        entries.sort(Comparator.comparingLong(ClusterRecords.RootEntry::root).thenComparing(ClusterRecords.RootEntry::unit, ClusterUnits.KEEP_ORDER));
        Map<Integer, Long> sizes = new TreeMap<>();
        int i = 0;
        while (i < entries.size()) {
            long root = entries.get(i).root();
            int j = i;
            while (j < entries.size() && entries.get(j).root() == root) {
                j++;
            }
            int size = j - i;
            sizes.merge(size, 1L, Long::sum);
            List<ClusterUnits.Unit> members = new ArrayList<>(size);
            for (int m = i; m < j; m++) {
                members.add(entries.get(m).unit());
            }
            for (ClusterUnits.Decided d : ClusterUnits.decideCluster(stage, members)) {
                ClusterStage.Cluster c = d.cluster();
                clusters.append(d.unit(), new ClusterRecords.ClusterEntry(d.unit(), c.keptUnit(), c.size(), c.comparison(),
                        c.comparedUnit(), c.unchecked()));
            }
            i = j;
        }
        return sizes;
    }
}
