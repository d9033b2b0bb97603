package dev.codemill.metrics;

import dev.codemill.model.Document;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What the report shows of "what was removed and why", gathered while a run decides: per stage
 * and rule a few dropped or quarantined documents ({@link Removed}), and per cluster stage the
 * largest clusters with some member paths ({@link LargestCluster}). Bounded (at most
 * {@value #PER_RULE} examples per rule, {@value #CLUSTERS} clusters per stage with
 * {@value #PATHS} paths each) and deterministic: the examples are those with the smallest
 * (id, repository, path), the clusters the largest (ties: smallest kept unit) with their smallest
 * paths, whatever the thread count or, for runners that merge partial samples, the merge order.
 *
 * <p><b>Secrets.</b> Ids, repository names and paths arrive redacted (the runner redacts them
 * where documents enter); the ledger texts (value, limit, detail) and every string kept here go
 * through the caller's redactor as well. A {@link Removed#snippet()} is taken only from text that
 * the {@value #REDACT_STAGE} stage has already cleaned (the document was removed by a stage after
 * it in the recipe); a document removed before that stage ran gets no snippet, only
 * {@link Removed#snippetNote()} saying why. Raw content never enters this class's output.
 *
 * <p>Thread-safe.
 */
public final class RemovalSamples implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Examples kept per stage and rule. */
    public static final int PER_RULE = 3;
    /** Largest clusters kept per cluster stage. */
    public static final int CLUSTERS = 10;
    /** Member paths kept per cluster. */
    public static final int PATHS = 5;
    /** Snippet: at most this many lines … */
    public static final int SNIPPET_LINES = 8;
    /** … and at most this many chars. */
    public static final int SNIPPET_CHARS = 400;
    /** {@link Removed#snippetNote()} of a document removed before the redact stage ran. */
    public static final String NOT_REDACTED = "no snippet: removed before the redact stage ran (only redacted text is shown)";
    /** {@link Removed#snippetNote()} of a document without decoded text. */
    public static final String NOT_DECODED = "no snippet: not decoded text";
    /** Recipe type of the stage that removes secrets and PII from the text ({@code dev.codemill.stages.redact}). */
    public static final String REDACT_STAGE = "redact";

    /**
     * One removed document: stage, {@code action} ({@code drop} or {@code quarantine}) and rule of
     * its ledger row, its id, repository and path, the rule's measured value and limit and the
     * detail (ledger texts, redacted), and a redacted snippet (null, with {@code snippetNote} saying
     * why, when none may be shown).
     */
    public record Removed(String stage, String action, String rule, String id, String repoName, String path,
                          String value, String limit, String detail, String snippet, String snippetNote)
            implements Serializable {
    }

    /**
     * One of the largest clusters of a cluster stage: the kept unit, the number of units in the
     * cluster, the kept document's path (repository/path; null when the kept unit holds no
     * document the stage saw) and up to {@value #PATHS} member paths, smallest first.
     */
    public record LargestCluster(String stage, String keptUnit, int size, String keptPath, List<String> paths)
            implements Serializable {
    }

    /** Order of removed documents: id, repository, path (a natural order: the maps stay serializable for Spark). */
    private record DocKey(String id, String repo, String path) implements Comparable<DocKey>, Serializable {
        private static final Comparator<DocKey> ORDER = Comparator.comparing(DocKey::id).thenComparing(DocKey::repo)
                .thenComparing(DocKey::path);

        @Override
        public int compareTo(DocKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** stage + "\0" + action + ":" + rule → (id, repo, path) → example. */
    private final Map<String, TreeMap<DocKey, Removed>> removed = new TreeMap<>();
    /** stage → clusters by (size desc, unit). */
    private final Map<String, TreeMap<ClusterKey, Members>> clusters = new TreeMap<>();

    private record ClusterKey(int size, String unit) implements Comparable<ClusterKey>, Serializable {
        @Override
        public int compareTo(ClusterKey o) {
            int c = Integer.compare(o.size, size);
            return c != 0 ? c : unit.compareTo(o.unit);
        }
    }

    private static final class Members implements Serializable {
        private static final long serialVersionUID = 1L;
        final String shownUnit;
        String keptPath;
        final TreeSet<String> paths = new TreeSet<>();

        Members(String shownUnit) {
            this.shownUnit = shownUnit;
        }

        void add(String path, boolean kept) {
            if (kept && (keptPath == null || path.compareTo(keptPath) < 0)) {
                keptPath = path;
            }
            paths.add(path);
            if (paths.size() > PATHS) {
                paths.pollLast();
            }
        }

        void addAll(Members other) {
            if (other.keptPath != null) {
                add(other.keptPath, true);
            }
            other.paths.forEach(p -> add(p, false));
        }
    }

    /**
     * Offers a removed document; builds its example only when it is among the
     * {@value #PER_RULE} smallest of its stage and rule.
     *
     * @param textRedacted whether the {@value #REDACT_STAGE} stage has cleaned the document's text
     *                     (it ran before the removing stage); only then is a snippet taken
     * @param redact applied to the ledger texts and the snippet before they are kept
     */
    public void removed(String stage, String action, String rule, Document doc, String value, String limit,
                        String detail, boolean textRedacted, UnaryOperator<String> redact) {
        DocKey key = new DocKey(doc.id().value(), nz(doc.source().repoName()), nz(doc.source().path()));
        String bucket = stage + "\u0000" + action + ":" + rule;
        synchronized (removed) {
            TreeMap<DocKey, Removed> m = removed.computeIfAbsent(bucket, k -> new TreeMap<>());
            if (m.size() >= PER_RULE && key.compareTo(m.lastKey()) >= 0) {
                return;
            }
        }
        String snippet = null;
        String note = null;
        if (!doc.isDecoded()) {
            note = NOT_DECODED;
        } else if (!textRedacted) {
            note = NOT_REDACTED;
        } else {
            snippet = redact.apply(snippet(doc.text()));
        }
        Removed r = new Removed(stage, action, rule, key.id(), key.repo(), key.path(), redact.apply(nz(value)),
                redact.apply(nz(limit)), redact.apply(nz(detail)), snippet, note);
        synchronized (removed) {
            put(removed.computeIfAbsent(bucket, k -> new TreeMap<>()), key, r);
        }
    }

    private static void put(TreeMap<DocKey, Removed> m, DocKey key, Removed r) {
        m.put(key, r);
        if (m.size() > PER_RULE) {
            m.pollLastEntry();
        }
    }

    /**
     * Offers one member of a cluster of {@code size} units kept as {@code keptUnit}.
     *
     * @param path the member's repository/path (already redacted)
     * @param kept whether the member is the kept unit's document
     * @param redact applied to the kept unit when its cluster is first kept here
     */
    public void clusterMember(String stage, String keptUnit, int size, String path, boolean kept,
                              UnaryOperator<String> redact) {
        ClusterKey key = new ClusterKey(size, keptUnit);
        synchronized (clusters) {
            TreeMap<ClusterKey, Members> m = clusters.computeIfAbsent(stage, k -> new TreeMap<>());
            Members members = m.get(key);
            if (members == null) {
                if (m.size() >= CLUSTERS && key.compareTo(m.lastKey()) >= 0) {
                    return;
                }
                members = new Members(redact.apply(keptUnit));
                m.put(key, members);
                if (m.size() > CLUSTERS) {
                    m.pollLastEntry();
                }
            }
            members.add(path, kept);
        }
    }

    /** Adds {@code other}'s samples (a partial of the same run); the result is the same in any merge order. */
    public void merge(RemovalSamples other) {
        synchronized (removed) {
            other.removed.forEach((bucket, m) -> m.forEach((k, r) ->
                    put(removed.computeIfAbsent(bucket, x -> new TreeMap<>()), k, r)));
        }
        synchronized (clusters) {
            other.clusters.forEach((stage, m) -> {
                TreeMap<ClusterKey, Members> mine = clusters.computeIfAbsent(stage, k -> new TreeMap<>());
                m.forEach((k, members) -> mine.computeIfAbsent(k, x -> new Members(members.shownUnit)).addAll(members));
                while (mine.size() > CLUSTERS) {
                    mine.pollLastEntry();
                }
            });
        }
    }

    /** The examples, by stage then {@code action:rule} (both sorted), smallest (id, repository, path) first. */
    public Map<String, Map<String, List<Removed>>> removed() {
        Map<String, Map<String, List<Removed>>> out = new TreeMap<>();
        synchronized (removed) {
            removed.forEach((bucket, m) -> {
                String[] p = bucket.split("\u0000", 2);
                out.computeIfAbsent(p[0], k -> new TreeMap<>()).put(p[1], List.copyOf(m.values()));
            });
        }
        return out;
    }

    /** Per cluster stage (sorted), its largest clusters, largest first. */
    public Map<String, List<LargestCluster>> largestClusters() {
        Map<String, List<LargestCluster>> out = new TreeMap<>();
        synchronized (clusters) {
            clusters.forEach((stage, m) -> {
                List<LargestCluster> list = new ArrayList<>();
                m.forEach((k, members) -> list.add(new LargestCluster(stage, members.shownUnit, k.size(), members.keptPath,
                        List.copyOf(members.paths))));
                out.put(stage, list);
            });
        }
        return out;
    }

    /** The first {@value #SNIPPET_LINES} lines of {@code text}, at most {@value #SNIPPET_CHARS} chars. */
    static String snippet(String text) {
        int pos = 0;
        for (int line = 0; line < SNIPPET_LINES && pos < text.length(); line++) {
            int nl = text.indexOf('\n', pos);
            pos = nl < 0 ? text.length() : nl + 1;
        }
        String s = text.substring(0, Math.min(pos, SNIPPET_CHARS));
        // Never cut a surrogate pair in half.
        if (!s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
