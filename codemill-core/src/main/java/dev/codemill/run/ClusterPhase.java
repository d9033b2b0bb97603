package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * How the local runner executes a {@link ClusterStage}. While documents flow in, each one is
 * spilled by id, its {@link ClusterStage.Membership} (rank, payload) by id, and one small
 * (bucket, id) record per bucket key by bucket. Then:
 * <ol>
 *   <li>each bucket partition is grouped by bucket; a bucket of n distinct ids gives n − 1 edges
 *       (its smallest id to each other one: a star, never n² pairs);</li>
 *   <li>a union-find over the edges gives connected components;</li>
 *   <li>the member records of clustered ids pick each component's kept member (smallest rank,
 *       then id), its size and the kept payload;</li>
 *   <li>each document partition is read back, sorted by id, and every document is handed to
 *       {@link ClusterStage#decide} with its cluster (or null).</li>
 * </ol>
 * Memory: the union-find holds 12 bytes per document that shares a bucket with another one
 * (its 64-bit id key and a parent index); the cluster table one entry per cluster (the kept
 * member's id, rank and payload); otherwise one partition of records or documents at a time.
 */
final class ClusterPhase {
    /** One bucket key of one document. */
    record BucketEntry(String bucket, String id) {
    }

    /** A clustered document's rank and payload. */
    record MemberEntry(String id, String rank, String payload) {
    }

    static final SpillStore.Codec<BucketEntry> BUCKETS = new SpillStore.Codec<>() {
        @Override
        public void write(BucketEntry v, DataOutput out) throws IOException {
            out.writeUTF(v.bucket());
            out.writeUTF(v.id());
        }

        @Override
        public BucketEntry read(DataInput in) throws IOException {
            return new BucketEntry(in.readUTF(), in.readUTF());
        }
    };

    static final SpillStore.Codec<MemberEntry> MEMBERS = new SpillStore.Codec<>() {
        @Override
        public void write(MemberEntry v, DataOutput out) throws IOException {
            out.writeUTF(v.id());
            out.writeUTF(v.rank());
            DocumentCodec.writeString(out, v.payload());
        }

        @Override
        public MemberEntry read(DataInput in) throws IOException {
            return new MemberEntry(in.readUTF(), in.readUTF(), DocumentCodec.readString(in));
        }
    };

    private final ClusterStage stage;
    private final SpillStore<Document> docs;
    private final SpillStore<BucketEntry> buckets;
    private final SpillStore<MemberEntry> members;

    ClusterPhase(ClusterStage stage, Path dir, int partitions) throws IOException {
        this.stage = stage;
        this.docs = new SpillStore<>(dir.resolve("docs"), partitions, SpillStore.DOCUMENTS);
        this.buckets = new SpillStore<>(dir.resolve("buckets"), partitions, BUCKETS);
        this.members = new SpillStore<>(dir.resolve("members"), partitions, MEMBERS);
    }

    /** The sink of the segment before the stage: spills a document and its membership. */
    Consumer<Document> sink() {
        return doc -> {
            String id = doc.id().value();
            docs.append(id, doc);
            ClusterStage.Membership m = stage.membership(doc);
            if (!m.buckets().isEmpty()) {
                members.append(id, new MemberEntry(id, m.rank(), m.payload()));
                for (String b : m.buckets()) {
                    buckets.append(b, new BucketEntry(b, id));
                }
            }
        };
    }

    /** Clusters, then decides about every document and sends survivors to {@code after}. */
    void run(ExecutorService pool, StageChain chain, int stageIndex, Consumer<Document> after, RunStats stats)
            throws IOException {
        docs.close();
        buckets.close();
        members.close();
        int partitions = docs.partitions();
        List<Future<long[]>> edgeParts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            edgeParts.add(pool.submit(() -> edgeKeys(edges(buckets.read(part)))));
        }
        List<long[]> edgeLists = new ArrayList<>();
        for (Future<long[]> f : edgeParts) {
            edgeLists.add(LocalRunner.get(f));
        }
        UnionFind uf = UnionFind.of(edgeLists);
        edgeLists.clear();
        int[] sizes = new int[uf.size()];
        MemberEntry[] best = new MemberEntry[uf.size()];
        Comparator<MemberEntry> order = Comparator.comparing(MemberEntry::rank).thenComparing(MemberEntry::id);
        for (int p = 0; p < partitions; p++) {
            for (MemberEntry m : members.read(p)) {
                int root = uf.rootOf(key(m.id()));
                if (root >= 0) {
                    sizes[root]++;
                    if (best[root] == null || order.compare(m, best[root]) < 0) {
                        best[root] = m;
                    }
                }
            }
        }
        Map<Integer, Long> histogram = new java.util.TreeMap<>();
        ClusterStage.Cluster[] clusters = new ClusterStage.Cluster[uf.size()];
        for (int r = 0; r < best.length; r++) {
            if (best[r] != null) {
                histogram.merge(sizes[r], 1L, Long::sum);
                clusters[r] = new ClusterStage.Cluster(best[r].id(), best[r].id(), sizes[r], best[r].payload());
                best[r] = null;
            }
        }
        stats.clusters(stage.name(), histogram);
        List<Future<?>> decisions = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            decisions.add(pool.submit(() -> {
                List<Document> list = docs.read(part);
                list.sort(LocalRunner.DOC_ORDER);
                for (Document d : list) {
                    int root = uf.rootOf(key(d.id().value()));
                    chain.runCluster(stage, stageIndex, d, root < 0 ? null : clusters[root], after);
                }
                return null;
            }));
        }
        LocalRunner.await(decisions);
    }

    /**
     * The 64-bit key of a document id in the union-find: the first 16 hex digits of a Codemill
     * id (128-bit SHA-256 prefix), else a 64-bit FNV-1a of the id's chars, finalised with
     * SplitMix64's mixer. Two different ids share a key with probability ≈ n²/2⁶⁵ (n = clustered
     * documents: 3·10⁻⁶ for 10 M), and would then be treated as one node.
     */
    static long key(String id) {
        if (id.length() == 32) {
            long v = 0;
            boolean hex = true;
            for (int i = 0; i < 16 && hex; i++) {
                int d = Character.digit(id.charAt(i), 16);
                hex = d >= 0;
                v = (v << 4) | d;
            }
            if (hex) {
                return v;
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** Edges as a flat array of key pairs. */
    static long[] edgeKeys(List<String[]> edges) {
        long[] out = new long[edges.size() * 2];
        for (int i = 0; i < edges.size(); i++) {
            out[2 * i] = key(edges.get(i)[0]);
            out[2 * i + 1] = key(edges.get(i)[1]);
        }
        return out;
    }

    /** Star edges of every bucket with two or more distinct ids: the smallest id to each other. */
    static List<String[]> edges(List<BucketEntry> entries) {
        Map<String, List<String>> byBucket = new HashMap<>();
        for (BucketEntry e : entries) {
            byBucket.computeIfAbsent(e.bucket(), k -> new ArrayList<>()).add(e.id());
        }
        List<String[]> edges = new ArrayList<>();
        for (List<String> ids : byBucket.values()) {
            if (ids.size() < 2) {
                continue;
            }
            ids.sort(null);
            String first = ids.get(0);
            for (int i = 1; i < ids.size(); i++) {
                if (!ids.get(i).equals(ids.get(i - 1))) {
                    edges.add(new String[] {first, ids.get(i)});
                }
            }
        }
        return edges;
    }

    /**
     * Union-find over the 64-bit keys of the documents that have an edge, in primitive arrays:
     * the sorted distinct keys ({@code long[]}) and a parent index per key ({@code int[]}),
     * 12 bytes per clustered document. Union links the larger root index under the smaller, and
     * finding compresses paths fully, so roots do not depend on the order of the edges.
     */
    static final class UnionFind {
        private final long[] keys;
        private final int[] parent;

        private UnionFind(long[] keys) {
            this.keys = keys;
            this.parent = new int[keys.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
        }

        /** Builds the components of all edges (each array: key pairs). */
        static UnionFind of(List<long[]> edgeLists) {
            int total = 0;
            for (long[] e : edgeLists) {
                total += e.length;
            }
            long[] all = new long[total];
            int n = 0;
            for (long[] e : edgeLists) {
                System.arraycopy(e, 0, all, n, e.length);
                n += e.length;
            }
            java.util.Arrays.sort(all);
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    all[distinct++] = all[i];
                }
            }
            UnionFind uf = new UnionFind(java.util.Arrays.copyOf(all, distinct));
            for (long[] e : edgeLists) {
                for (int i = 0; i < e.length; i += 2) {
                    uf.union(uf.index(e[i]), uf.index(e[i + 1]));
                }
            }
            for (int i = 0; i < uf.parent.length; i++) {
                uf.parent[i] = uf.find(i);
            }
            return uf;
        }

        int size() {
            return keys.length;
        }

        private int index(long key) {
            return java.util.Arrays.binarySearch(keys, key);
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

        private void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        /** The root index of a key's component, or -1 when the key has no edge (after {@link #of}: read-only, thread-safe). */
        int rootOf(long key) {
            int i = index(key);
            return i < 0 ? -1 : parent[i];
        }
    }
}
