package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import java.io.DataInput;
import java.io.DataOutput;
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
 *       partition, each component is decided by {@link Distributed#decideCluster} (kept unit:
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
    /** One bucket key of one unit (64-bit union-find key of the unit). */
    record BucketEntry(long bucket, long unitKey) {
    }

    /** One link between two units' keys. */
    record Edge(long a, long b) {
    }

    /** A clustered unit, filed under its component's root key. */
    record RootEntry(long root, Distributed.Unit unit) {
    }

    /** A clustered unit's cluster, filed under the unit. */
    record ClusterEntry(String unit, String keptUnit, int size, String comparison, String comparedUnit, int unchecked) {
    }

    static final SpillStore.Codec<Distributed.Unit> UNITS = new SpillStore.Codec<>() {
        @Override
        public void write(Distributed.Unit v, DataOutput out) throws IOException {
            writeUnit(v, out);
        }

        @Override
        public Distributed.Unit read(DataInput in) throws IOException {
            return readUnit(in);
        }
    };

    static final SpillStore.Codec<BucketEntry> BUCKETS = new SpillStore.Codec<>() {
        @Override
        public void write(BucketEntry v, DataOutput out) throws IOException {
            out.writeLong(v.bucket());
            out.writeLong(v.unitKey());
        }

        @Override
        public BucketEntry read(DataInput in) throws IOException {
            return new BucketEntry(in.readLong(), in.readLong());
        }
    };

    static final SpillStore.Codec<Edge> EDGES = new SpillStore.Codec<>() {
        @Override
        public void write(Edge v, DataOutput out) throws IOException {
            out.writeLong(v.a());
            out.writeLong(v.b());
        }

        @Override
        public Edge read(DataInput in) throws IOException {
            return new Edge(in.readLong(), in.readLong());
        }
    };

    static final SpillStore.Codec<RootEntry> ROOTS = new SpillStore.Codec<>() {
        @Override
        public void write(RootEntry v, DataOutput out) throws IOException {
            out.writeLong(v.root());
            writeUnit(v.unit(), out);
        }

        @Override
        public RootEntry read(DataInput in) throws IOException {
            return new RootEntry(in.readLong(), readUnit(in));
        }
    };

    static final SpillStore.Codec<ClusterEntry> CLUSTERS = new SpillStore.Codec<>() {
        @Override
        public void write(ClusterEntry v, DataOutput out) throws IOException {
            DocumentCodec.writeString(out, v.unit());
            DocumentCodec.writeString(out, v.keptUnit());
            out.writeInt(v.size());
            DocumentCodec.writeString(out, v.comparison());
            DocumentCodec.writeString(out, v.comparedUnit());
            out.writeInt(v.unchecked());
        }

        @Override
        public ClusterEntry read(DataInput in) throws IOException {
            return new ClusterEntry(DocumentCodec.readString(in), DocumentCodec.readString(in), in.readInt(),
                    DocumentCodec.readString(in), DocumentCodec.readString(in), in.readInt());
        }
    };

    private static void writeUnit(Distributed.Unit v, DataOutput out) throws IOException {
        DocumentCodec.writeString(out, v.unit());
        DocumentCodec.writeString(out, v.rank());
        out.writeInt(v.payload().length);
        out.write(v.payload());
    }

    private static Distributed.Unit readUnit(DataInput in) throws IOException {
        String unit = DocumentCodec.readString(in);
        String rank = DocumentCodec.readString(in);
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new Distributed.Unit(unit, rank, payload);
    }

    private final ClusterStage stage;
    private final Path dir;
    private final SpillStore<Document> docs;
    private final SpillStore<Distributed.Unit> members;

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
                members.append(unit, new Distributed.Unit(unit, m.rank(), m.payload()));
            }
        };
    }

    /** Clusters, then decides about every document and sends survivors to {@code after}. */
    void run(ExecutorService pool, StageChain chain, int stageIndex, Consumer<Document> after, RunStats stats)
            throws IOException {
        docs.close();
        members.close();
        int partitions = docs.partitions();
        SpillStore<Distributed.Unit> units = new SpillStore<>(dir.resolve("units"), partitions, UNITS);
        SpillStore<BucketEntry> buckets = new SpillStore<>(dir.resolve("buckets"), partitions, BUCKETS);
        forEachPartition(pool, partitions, p -> mergeUnits(members.read(p), p, units, buckets));
        units.close();
        buckets.close();

        SpillStore<Edge> edges = new SpillStore<>(dir.resolve("edges"), partitions, EDGES);
        long[] keys = new long[0];
        List<Future<long[]>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            parts.add(pool.submit(() -> link(buckets.read(part), part, edges)));
        }
        for (Future<long[]> f : parts) {
            keys = mergeSorted(keys, LocalRunner.get(f));
        }
        edges.close();
        UnionFind uf = new UnionFind(keys);
        for (int p = 0; p < partitions; p++) {
            for (Edge e : edges.read(p)) {
                uf.union(uf.index(e.a()), uf.index(e.b()));
            }
        }
        uf.flatten();

        SpillStore<RootEntry> roots = new SpillStore<>(dir.resolve("roots"), partitions, ROOTS);
        forEachPartition(pool, partitions, p -> {
            for (Distributed.Unit u : units.read(p)) {
                int root = uf.rootIndex(key(u.unit()));
                if (root >= 0) {
                    long rootKey = uf.keyAt(root);
                    roots.appendTo(roots.partitionOf(rootKey), new RootEntry(rootKey, u));
                }
            }
        });
        roots.close();

        SpillStore<ClusterEntry> clusters = new SpillStore<>(dir.resolve("clusters"), partitions, CLUSTERS);
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
            for (ClusterEntry c : clusters.read(p)) {
                byUnit.put(c.unit(), new ClusterStage.Cluster(c.keptUnit(), c.size(), c.comparison(),
                        c.comparedUnit(), c.unchecked()));
            }
            List<Document> list = docs.read(p);
            list.sort(LocalRunner.DOC_ORDER);
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
        LocalRunner.await(futures);
    }

    /**
     * Step 2 for one partition: merges the memberships of each unit (rank: the smallest; payloads
     * folded by {@link ClusterStage#merge} in a fixed order), files the merged unit in the same
     * partition of {@code units}, and its bucket keys under their buckets.
     */
    private void mergeUnits(List<Distributed.Unit> entries, int partition, SpillStore<Distributed.Unit> units,
                            SpillStore<BucketEntry> buckets) {
        entries.sort(Comparator.comparing(Distributed.Unit::unit));
        int i = 0;
        while (i < entries.size()) {
            String unit = entries.get(i).unit();
            int j = i + 1;
            while (j < entries.size() && entries.get(j).unit().equals(unit)) {
                j++;
            }
            Distributed.Unit merged = Distributed.mergeUnit(stage, entries.subList(i, j));
            i = j;
            units.appendTo(partition, merged);
            long unitKey = key(merged.unit());
            for (long b : stage.buckets(merged.payload())) {
                buckets.appendTo(buckets.partitionOf(b), new BucketEntry(b, unitKey));
            }
        }
    }

    /**
     * Step 3 for one bucket partition: star edges of every bucket with two or more distinct units
     * (the smallest key to each other one), spilled to {@code edges}; returns the sorted distinct
     * keys that have an edge.
     */
    static long[] link(List<BucketEntry> entries, int partition, SpillStore<Edge> edges) {
        List<Edge> found = edges(entries);
        long[] nodes = new long[found.size() * 2];
        int n = 0;
        for (Edge e : found) {
            edges.appendTo(partition, e);
            nodes[n++] = e.a();
            nodes[n++] = e.b();
        }
        return sortedDistinct(nodes);
    }

    /** Star edges of every bucket with two or more distinct unit keys: the smallest key to each other. */
    static List<Edge> edges(List<BucketEntry> entries) {
        entries.sort(Comparator.comparingLong(BucketEntry::bucket).thenComparingLong(BucketEntry::unitKey));
        List<Edge> out = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            long bucket = entries.get(i).bucket();
            long first = entries.get(i).unitKey();
            long previous = first;
            int j = i + 1;
            for (; j < entries.size() && entries.get(j).bucket() == bucket; j++) {
                long k = entries.get(j).unitKey();
                if (k != previous) {
                    out.add(new Edge(first, k));
                    previous = k;
                }
            }
            i = j;
        }
        return out;
    }

    static long[] sortedDistinct(long[] a) {
        Arrays.sort(a);
        int u = 0;
        for (int i = 0; i < a.length; i++) {
            if (u == 0 || a[i] != a[u - 1]) {
                a[u++] = a[i];
            }
        }
        return Arrays.copyOf(a, u);
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
     * Step 4 for one root partition: per component (units in {@link Distributed#KEEP_ORDER}),
     * {@link Distributed#decideCluster}, filed by unit. Returns cluster counts by size.
     */
    private Map<Integer, Long> decideClusters(List<RootEntry> entries, SpillStore<ClusterEntry> clusters) {
        entries.sort(Comparator.comparingLong(RootEntry::root).thenComparing(RootEntry::unit, Distributed.KEEP_ORDER));
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
            List<Distributed.Unit> members = new ArrayList<>(size);
            for (int m = i; m < j; m++) {
                members.add(entries.get(m).unit());
            }
            for (Distributed.Decided d : Distributed.decideCluster(stage, members)) {
                ClusterStage.Cluster c = d.cluster();
                clusters.append(d.unit(), new ClusterEntry(d.unit(), c.keptUnit(), c.size(), c.comparison(),
                        c.comparedUnit(), c.unchecked()));
            }
            i = j;
        }
        return sizes;
    }

    /**
     * The 64-bit key of a unit in the union-find: the first 16 hex digits of a Codemill id
     * (128-bit SHA-256 prefix), else a 64-bit FNV-1a of the unit's chars, finalised with
     * SplitMix64's mixer. Two different units share a key with probability ≈ n²/2⁶⁵ (n = clustered
     * units: 3·10⁻⁶ for 10 M), and would then be treated as one node.
     */
    static long key(String unit) {
        if (unit.length() == 32) {
            long v = 0;
            boolean hex = true;
            for (int i = 0; i < 16 && hex; i++) {
                int d = Character.digit(unit.charAt(i), 16);
                hex = d >= 0;
                v = (v << 4) | d;
            }
            if (hex) {
                return v;
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < unit.length(); i++) {
            h = (h ^ unit.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /**
     * Union-find over the sorted distinct keys of the units that have an edge, in primitive
     * arrays: the keys ({@code long[]}) and a parent index per key ({@code int[]}), 12 bytes per
     * clustered unit. Union links the larger root index under the smaller, so the root of a
     * component is its smallest key whatever the order of the edges.
     */
    static final class UnionFind {
        private final long[] keys;
        private final int[] parent;

        UnionFind(long[] sortedDistinctKeys) {
            this.keys = sortedDistinctKeys;
            this.parent = new int[keys.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
        }

        int size() {
            return keys.length;
        }

        int index(long key) {
            return Arrays.binarySearch(keys, key);
        }

        private int find(int x) {
            int root = x;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[x] != root) {
                int next = parent[x];
                parent[x] = root;
                x = next;
            }
            return root;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        /** Points every key at its root; afterwards the union-find is read-only and thread-safe. */
        void flatten() {
            for (int i = 0; i < parent.length; i++) {
                parent[i] = find(i);
            }
        }

        /** The root index of a key's component, or -1 when the key has no edge (after {@link #flatten}). */
        int rootIndex(long key) {
            int i = index(key);
            return i < 0 ? -1 : parent[i];
        }

        long keyAt(int index) {
            return keys[index];
        }
    }
}
