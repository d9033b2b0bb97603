package dev.codemill.testkit;

import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs documents through one stage of any shape, in memory, into a {@link RecordingEmitter}: the
 * test kit's runner for contract tests. A {@link DocStage} sees the documents in the given order;
 * a {@link GroupStage} each group (by {@link GroupStage#key}, groups in key order, documents sorted
 * by id); a {@link ClusterStage} goes through membership, merge per unit, buckets, connected
 * components, the kept unit (smallest rank, then unit) and {@link ClusterStage#compare} with it,
 * then {@link ClusterStage#decide} per document. Cluster survivors are compared with the kept unit
 * only (no {@link ClusterStage#survivorComparisons()}): enough for contract checks, not a runner.
 */
public final class StageDriver {
    private StageDriver() {
    }

    /** Runs {@code docs} through {@code stage}; the recorder holds every call, in call order. */
    public static RecordingEmitter run(Stage stage, List<Document> docs) {
        RecordingEmitter out = RecordingEmitter.create();
        if (stage instanceof DocStage d) {
            for (Document doc : docs) {
                d.process(doc, out);
            }
        } else if (stage instanceof GroupStage g) {
            Map<String, List<Document>> groups = new TreeMap<>();
            for (Document doc : docs) {
                groups.computeIfAbsent(g.key(doc), k -> new ArrayList<>()).add(doc);
            }
            for (Map.Entry<String, List<Document>> e : groups.entrySet()) {
                List<Document> sorted = new ArrayList<>(e.getValue());
                sorted.sort(Comparator.comparing(Document::id));
                g.processGroup(e.getKey(), sorted, out);
            }
        } else if (stage instanceof ClusterStage c) {
            cluster(c, docs, out);
        } else {
            throw new IllegalArgumentException("unknown stage shape: " + stage.getClass());
        }
        return out;
    }

    private static void cluster(ClusterStage c, List<Document> docs, RecordingEmitter out) {
        Map<String, byte[]> payloads = new TreeMap<>();
        Map<String, String> ranks = new HashMap<>();
        for (Document doc : docs) {
            ClusterStage.Membership m = c.membership(doc);
            if (m == null) {
                continue;
            }
            String unit = c.unit(doc);
            payloads.merge(unit, m.payload(), c::merge);
            ranks.merge(unit, m.rank(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        // Union-find over units sharing a bucket.
        Map<String, String> parent = new HashMap<>();
        Map<Long, String> firstInBucket = new HashMap<>();
        for (Map.Entry<String, byte[]> e : payloads.entrySet()) {
            parent.putIfAbsent(e.getKey(), e.getKey());
            for (long b : c.buckets(e.getValue())) {
                String other = firstInBucket.putIfAbsent(b, e.getKey());
                if (other != null) {
                    union(parent, other, e.getKey());
                }
            }
        }
        Map<String, List<String>> components = new TreeMap<>();
        for (String unit : payloads.keySet()) {
            components.computeIfAbsent(find(parent, unit), k -> new ArrayList<>()).add(unit);
        }
        Map<String, ClusterStage.Cluster> clusters = new HashMap<>();
        for (List<String> units : components.values()) {
            if (units.size() < 2) {
                continue;
            }
            String kept = units.stream().min(Comparator.comparing((String u) -> ranks.get(u)).thenComparing(u -> u))
                    .orElseThrow();
            for (String u : units) {
                String comparison = u.equals(kept) ? "" : c.compare(payloads.get(kept), payloads.get(u));
                clusters.put(u, new ClusterStage.Cluster(kept, units.size(), comparison));
            }
        }
        for (Document doc : docs) {
            c.decide(doc, clusters.get(c.unit(doc)), out);
        }
    }

    private static String find(Map<String, String> parent, String u) {
        String p = parent.get(u);
        while (!p.equals(u)) {
            u = p;
            p = parent.get(u);
        }
        return p;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
