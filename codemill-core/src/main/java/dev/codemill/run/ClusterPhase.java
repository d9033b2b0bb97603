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
 * Memory: the union-find and the cluster table hold only documents that share a bucket with
 * another document; a partition of records or documents at a time otherwise.
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
        List<Future<List<String[]>>> edgeParts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            edgeParts.add(pool.submit(() -> edges(buckets.read(part))));
        }
        UnionFind uf = new UnionFind();
        for (Future<List<String[]>> f : edgeParts) {
            for (String[] e : LocalRunner.get(f)) {
                uf.union(e[0], e[1]);
            }
        }
        Map<String, String> rootOf = uf.roots();
        Map<String, MemberEntry> best = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        Comparator<MemberEntry> order = Comparator.comparing(MemberEntry::rank).thenComparing(MemberEntry::id);
        for (int p = 0; p < partitions; p++) {
            for (MemberEntry m : members.read(p)) {
                String root = rootOf.get(m.id());
                if (root != null) {
                    sizes.merge(root, 1, Integer::sum);
                    best.merge(root, m, (a, b) -> order.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        Map<Integer, Long> histogram = new java.util.TreeMap<>();
        sizes.values().forEach(n -> histogram.merge(n, 1L, Long::sum));
        stats.clusters(stage.name(), histogram);
        Map<String, ClusterStage.Cluster> clusters = new HashMap<>();
        best.forEach((root, kept) -> clusters.put(root,
                new ClusterStage.Cluster(kept.id(), kept.id(), sizes.get(root), kept.payload())));
        List<Future<?>> decisions = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            decisions.add(pool.submit(() -> {
                List<Document> list = docs.read(part);
                list.sort(LocalRunner.DOC_ORDER);
                for (Document d : list) {
                    String root = rootOf.get(d.id().value());
                    chain.runCluster(stage, stageIndex, d, root == null ? null : clusters.get(root), after);
                }
                return null;
            }));
        }
        LocalRunner.await(decisions);
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

    /** Union-find over string ids with path halving and union by size. */
    static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Integer> size = new HashMap<>();

        String find(String x) {
            parent.putIfAbsent(x, x);
            String p = parent.get(x);
            while (!p.equals(x)) {
                String gp = parent.get(p);
                parent.put(x, gp);
                x = p;
                p = parent.get(x);
            }
            return x;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            int sa = size.getOrDefault(ra, 1);
            int sb = size.getOrDefault(rb, 1);
            if (sa < sb) {
                String t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, sa + sb);
            size.remove(rb);
        }

        /** Every id seen, mapped to its component's root. */
        Map<String, String> roots() {
            Map<String, String> out = new HashMap<>();
            for (String id : new ArrayList<>(parent.keySet())) {
                out.put(id, find(id));
            }
            return out;
        }
    }
}
