package dev.codemill.bench;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.run.ClusterUnits;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Params;
import dev.codemill.stages.dedup.near.NearDedupStage;
import dev.codemill.stages.dedup.near.NearDedupStageFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Audits near-dedup's per-cluster rule on a real corpus: clusters the files under {@code ROOT}
 * (every file of every repository folder, UTF-8 with replacement, no exact dedup before) with the
 * {@code near_dedup} stage's own membership, bands and {@link ClusterUnits#decideCluster}, then
 * compares <b>every pair of survivors</b> of each cluster (the stage's comparison: exact Jaccard
 * up to 8,192 shingles) and counts the pairs at or above the threshold, for
 * {@code survivor_comparisons} 0 (compare with the kept document only, the rule before) and the
 * given value, with and without {@code exclude_boilerplate}. Then times
 * {@link ClusterUnits#decideCluster} on one synthetic chain cluster of {@code CHAIN} documents
 * (100-token windows shifted by 12 tokens: neighbours 0.78 similar, two apart 0.6; 64 bands of 2
 * rows so that the whole chain is one cluster), the worst shape for the survivor rule.
 *
 * <pre>java -cp … dev.codemill.bench.NearDedupChains ROOT [survivor_comparisons=1000] [CHAIN=20000] [chain limits=0,100,1000]</pre>
 */
public final class NearDedupChains {
    private NearDedupChains() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : NearDedupCorpus.DEFAULT_ROOT);
        int survivors = args.length > 1 ? Integer.parseInt(args[1]) : NearDedupStage.DEFAULT_SURVIVOR_COMPARISONS;
        int chain = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
        int[] chainLimits = Arrays.stream((args.length > 3 ? args[3] : "0,100," + survivors).split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Document> docs = load(root);
        System.out.printf(Locale.ROOT, "corpus %s: %d documents%n", root, docs.size());
        System.out.println("| exclude_boilerplate | survivor_comparisons | clusters | documents in clusters | largest (top 5) | dropped | survivor pairs >= t | survivor pairs compared | step-4 seconds |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (boolean boilerplate : new boolean[] {false, true}) {
            List<List<ClusterUnits.Unit>> clusters = null;
            for (int s : new int[] {0, survivors}) {
                ClusterStage stage = stage(boilerplate, s, Map.of());
                if (clusters == null) {
                    clusters = cluster(stage, docs);
                }
                audit(stage, clusters, boilerplate, s);
            }
        }
        if (chain > 0) {
            List<Document> synthetic = new ArrayList<>();
            for (int j = 0; j < chain; j++) {
                String text = IntStream.range(12 * j, 12 * j + 100).mapToObj(i -> "tok" + i)
                        .collect(Collectors.joining(" "));
                synthetic.add(Document.ofText(DocId.of("chain/" + j), new SourceRef("", "chain", "c" + j + ".txt"),
                        text, Annotations.EMPTY));
            }
            System.out.printf(Locale.ROOT, "%nsynthetic chain of %d documents (one cluster):%n", chain);
            System.out.println("| survivor_comparisons | survivors | dropped | comparisons | unchecked survivor pairs | seconds |");
            System.out.println("|---|---|---|---|---|---|");
            List<List<ClusterUnits.Unit>> one = null;
            for (int s : chainLimits) {
                ClusterStage stage = stage(true, s, Map.of("bands", 64, "rows", 2)); // 2-row bands: the chain is one cluster
                if (one == null) {
                    one = cluster(stage, synthetic);
                }
                List<ClusterUnits.Unit> members = one.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
                Counting counting = new Counting(stage);
                long t0 = System.nanoTime();
                List<ClusterUnits.Decided> decided = ClusterUnits.decideCluster(counting, members);
                double sec = (System.nanoTime() - t0) / 1e9;
                long kept = decided.stream().filter(d -> d.cluster().comparison().isEmpty()
                        || !stage.duplicates(d.cluster().comparison())).count();
                long unchecked = decided.stream().mapToLong(d -> d.cluster().unchecked()).sum();
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.2f |%n", s, kept, members.size() - kept,
                        counting.calls, unchecked, sec);
            }
        }
    }

    static ClusterStage stage(boolean boilerplate, int survivorComparisons, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(more);
        p.put("exclude_boilerplate", boilerplate);
        p.put("survivor_comparisons", survivorComparisons);
        return (ClusterStage) new NearDedupStageFactory().create(new Params(NearDedupStage.NAME, p, 1234));
    }

    /** Every regular file under the repository folders of {@code root}, sorted by path. */
    private static final Map<String, String> WHERE = new HashMap<>();

    static List<Document> load(Path root) throws IOException {
        List<Path> files = BenchFiles.under(root);
        List<Document> docs = new ArrayList<>();
        for (Path f : files) {
            Path rel = root.relativize(f);
            String repo = rel.getName(0).toString();
            String path = rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()).toString() : rel.toString();
            WHERE.put(DocId.of(rel.toString()).value(), rel.toString());
            docs.add(Document.ofText(DocId.of(rel.toString()), new SourceRef("", repo, path),
                    NearDedupCorpus.decode(Files.readAllBytes(f)), Annotations.EMPTY));
        }
        return docs;
    }

    /** Connected components of "shares a band" over the documents' units, each in keep order (≥ 2 units). */
    static List<List<ClusterUnits.Unit>> cluster(ClusterStage stage, List<Document> docs) {
        List<ClusterUnits.Unit> units = new ArrayList<>();
        for (Document d : docs) {
            ClusterStage.Membership m = stage.membership(d);
            if (m != null) {
                units.add(new ClusterUnits.Unit(stage.unit(d), m.rank(), m.payload()));
            }
        }
        int[] parent = IntStream.range(0, units.size()).toArray();
        Map<Long, Integer> first = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            for (long b : stage.buckets(units.get(i).payload())) {
                Integer j = first.putIfAbsent(b, i);
                if (j != null) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<ClusterUnits.Unit>> byRoot = new TreeMap<>();
        for (int i = 0; i < units.size(); i++) {
            byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(units.get(i));
        }
        List<List<ClusterUnits.Unit>> out = new ArrayList<>();
        for (List<ClusterUnits.Unit> c : byRoot.values()) {
            if (c.size() > 1) {
                c.sort(ClusterUnits.KEEP_ORDER);
                out.add(c);
            }
        }
        return out;
    }

    private static void audit(ClusterStage stage, List<List<ClusterUnits.Unit>> clusters, boolean boilerplate, int s) {
        long inClusters = 0;
        long dropped = 0;
        long above = 0;
        long compared = 0;
        double seconds = 0;
        for (List<ClusterUnits.Unit> c : clusters) {
            inClusters += c.size();
            long t0 = System.nanoTime();
            List<ClusterUnits.Decided> decided = ClusterUnits.decideCluster(stage, c);
            seconds += (System.nanoTime() - t0) / 1e9;
            List<ClusterUnits.Unit> kept = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                String comparison = decided.get(i).cluster().comparison();
                if (i == 0 || !stage.duplicates(comparison)) {
                    kept.add(c.get(i));
                } else {
                    dropped++;
                }
            }
            for (int x = 0; x < kept.size(); x++) {
                for (int y = x + 1; y < kept.size(); y++) {
                    compared++;
                    if (stage.duplicates(stage.compare(kept.get(x).payload(), kept.get(y).payload()))) {
                        above++;
                    }
                }
            }
        }
        List<ClusterUnits.Unit> largest = clusters.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        Map<String, Long> where = new TreeMap<>();
        for (ClusterUnits.Unit u : largest) {
            String w = WHERE.getOrDefault(u.unit(), "?");
            where.merge(w.substring(0, w.indexOf('/') + 1) + (w.endsWith(".java") ? "*.java" : w.contains(".") ? "*" + w.substring(w.lastIndexOf('.')) : "*"), 1L, Long::sum);
        }
        System.err.println("largest cluster (" + largest.size() + "): " + where + ", kept " + WHERE.get(largest.get(0).unit()));
        int[] sizes = clusters.stream().mapToInt(List::size).sorted().toArray();
        String top = Arrays.stream(sizes).boxed().sorted((a, b) -> b - a).limit(5).map(String::valueOf)
                .collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s | %d | %d | %d | %.2f |%n", boilerplate, s, clusters.size(),
                inClusters, top, dropped, above, compared, seconds);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** The stage, counting {@link ClusterStage#compare} calls. */
    private static final class Counting implements ClusterStage {
        private final ClusterStage stage;
        long calls;

        Counting(ClusterStage stage) {
            this.stage = stage;
        }

        @Override
        public String name() {
            return stage.name();
        }

        @Override
        public Membership membership(Document doc) {
            return stage.membership(doc);
        }

        @Override
        public byte[] merge(byte[] a, byte[] b) {
            return stage.merge(a, b);
        }

        @Override
        public long[] buckets(byte[] payload) {
            return stage.buckets(payload);
        }

        @Override
        public String compare(byte[] keptPayload, byte[] memberPayload) {
            calls++;
            return stage.compare(keptPayload, memberPayload);
        }

        @Override
        public boolean duplicates(String comparison) {
            return stage.duplicates(comparison);
        }

        @Override
        public int survivorComparisons() {
            return stage.survivorComparisons();
        }

        @Override
        public void decide(Document doc, Cluster cluster, dev.codemill.stage.Emitter out) {
            stage.decide(doc, cluster, out);
        }
    }
}
