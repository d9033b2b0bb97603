package dev.codemill.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one run, safe to update from many threads, written as {@code stats.json}.
 * Every number except wall time and throughput is a pure function of the input and recipe.
 *
 * <p>Counts: documents and bytes in (bytes = the file's size before decoding, or the UTF-8
 * size of a dump's text); per stage and rule the documents dropped, quarantined and modified;
 * per language and repository the kept documents, bytes and tokens. Documents that stages
 * {@linkplain dev.codemill.stage.Emitter#emit derived} (they carry {@link Keys#DERIVED_BY}) are
 * counted apart, under {@code derived}. The conservation laws
 * {@code documents_in = kept + dropped + quarantined + consumed} (input documents) and
 * {@code derived = kept + dropped + quarantined + consumed} (derived documents), for the main chain
 * and every {@linkplain #branch branch}, are checked by {@link #conservationHolds()}.
 * A change that writes several ledger rows counts its document once per distinct rule. Stages may
 * also add named counters ({@link #metric(String, String, long)}) and record configuration
 * warnings ({@link #warning}).
 */
public final class RunStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final LongAdder docsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder kept = new LongAdder();
    private final LongAdder keptBytes = new LongAdder();
    private final LongAdder keptTokens = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder quarantined = new LongAdder();
    private final LongAdder consumed = new LongAdder();
    private final DerivedTally derived = new DerivedTally();
    private final Map<String, LongAdder> byStageRule = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bytesByStageRule = new ConcurrentHashMap<>();
    private final Map<String, Group> byLanguage = new ConcurrentHashMap<>();
    private final Map<String, Group> byRepo = new ConcurrentHashMap<>();

    /** Per-group totals. */
    public static final class Group implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final LongAdder docs = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder tokens = new LongAdder();

        void add(Group other) {
            docs.add(other.docs.sum());
            bytes.add(other.bytes.sum());
            tokens.add(other.tokens.sum());
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("documents", docs.sum());
            m.put("bytes", bytes.sum());
            m.put("tokens", tokens.sum());
            return m;
        }
    }

    /**
     * Size of a document in bytes: its recorded file size, else (no size, or -1 for "unknown", as
     * readers record for a corrupt dump) its current content size.
     */
    public static long sizeOf(Document d) {
        Long len = d.get(Keys.LENGTH_BYTES);
        if (len != null && len >= 0) {
            return len;
        }
        if (d.isDecoded()) {
            return d.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return d.bytes().length;
    }

    private final Map<String, Map<Integer, Long>> clusterSizes = new ConcurrentHashMap<>();
    private final Map<String, Long> unionFindKeys = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> metrics = new ConcurrentHashMap<>();
    private final List<Map<String, String>> warnings = new CopyOnWriteArrayList<>();
    private final InputTally inputs = new InputTally();
    private final RemovalSamples samples = new RemovalSamples();

    /** Examples of removed documents and the largest clusters, for the report ({@code examples.json}). */
    public RemovalSamples samples() {
        return samples;
    }

    /**
     * One document a reader sent from {@code input} (its origin path): kept or dropped
     * ({@code quarantineRule} null) or quarantined by a reader rule. Feeds {@link #inputsLost()}.
     */
    public void inputOutcome(String input, String quarantineRule) {
        inputs.outcome(input, quarantineRule);
    }

    /** The fields and types of one dump file, for the schema-drift warnings ({@link #ingestWarnings()}). */
    public void inputSchema(String input, Map<String, String> fieldTypes) {
        inputs.schema(input, fieldTypes);
    }

    /**
     * Inputs lost whole: every document read from them was quarantined at ingest. Each is
     * {@code {input, documents, rules: {rule: count}}}, by input path; written as
     * {@code inputs_lost} in stats.json (always present, maybe empty).
     */
    public List<Map<String, Object>> inputsLost() {
        return inputs.lost();
    }

    /**
     * Warnings about the inputs found while reading them (schema drift between dump files), sorted;
     * written into stats.json {@code warnings} as stage {@code ingest} after the stages' warnings.
     */
    public List<String> ingestWarnings() {
        return inputs.drift();
    }

    /**
     * Adds {@code delta} to a stage's named counter (what {@code Emitter.count} forwards), written
     * as {@code metrics.STAGE.METRIC} in stats.json (stages and metrics in name order; the
     * {@code metrics} key is absent when no counter was ever touched).
     */
    public void metric(String stage, String metric, long delta) {
        metrics.computeIfAbsent(stage, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, k -> new LongAdder()).add(delta);
    }

    /** The sum of a counter, 0 when never touched. */
    public long metric(String stage, String metric) {
        Map<String, LongAdder> m = metrics.get(stage);
        LongAdder a = m == null ? null : m.get(metric);
        return a == null ? 0 : a.sum();
    }

    /**
     * Records a stage's configuration warning, written in call order as
     * {@code warnings: [{"stage": ..., "message": ...}]} (always present in stats.json, maybe empty).
     */
    public void warning(String stage, String message) {
        Map<String, String> w = new LinkedHashMap<>();
        w.put("stage", stage);
        w.put("message", message);
        warnings.add(java.util.Collections.unmodifiableMap(w));
    }

    /** The recorded warnings, in call order, as {@code {stage, message}} maps. */
    public List<Map<String, String>> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Records the clusters a cluster stage found: {@code sizes} maps a cluster size (units, ≥ 2)
     * to the number of clusters of that size; {@code linkedUnits} is the number of units with at
     * least one link (the union-find's size, 12 bytes each). Written as {@code clusters.STAGE} in
     * stats.json, with power-of-two buckets ({@code 2}, {@code 3-4}, {@code 5-8}, …).
     */
    public void clusters(String stage, Map<Integer, Long> sizes, long linkedUnits) {
        clusterSizes.put(stage, new java.util.TreeMap<>(sizes));
        unionFindKeys.put(stage, linkedUnits);
    }

    /**
     * Adds every count of {@code other} to this one (documents, bytes, decisions, metrics, kept
     * groups, clusters, warnings), for runners that gather one partial {@code RunStats} per task
     * (the Spark runner) and merge them on the driver. Counts are sums, so merge order does not
     * matter, except for warnings (appended in call order).
     */
    public void merge(RunStats other) {
        docsIn.add(other.docsIn.sum());
        bytesIn.add(other.bytesIn.sum());
        kept.add(other.kept.sum());
        keptBytes.add(other.keptBytes.sum());
        keptTokens.add(other.keptTokens.sum());
        dropped.add(other.dropped.sum());
        quarantined.add(other.quarantined.sum());
        consumed.add(other.consumed.sum());
        derived.merge(other.derived);
        other.byStageRule.forEach((k, v) -> byStageRule.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
        other.bytesByStageRule.forEach((k, v) -> bytesByStageRule.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
        other.byLanguage.forEach((k, g) -> byLanguage.computeIfAbsent(k, x -> new Group()).add(g));
        other.byRepo.forEach((k, g) -> byRepo.computeIfAbsent(k, x -> new Group()).add(g));
        other.metrics.forEach((stage, counters) -> counters.forEach((m, v) -> metric(stage, m, v.sum())));
        other.clusterSizes.forEach((stage, sizes) -> clusterSizes.put(stage, new TreeMap<>(sizes)));
        unionFindKeys.putAll(other.unionFindKeys);
        warnings.addAll(other.warnings);
        inputs.merge(other.inputs);
        samples.merge(other.samples);
    }

    public void documentIn(Document d) {
        docsIn.increment();
        bytesIn.add(sizeOf(d));
    }

    /**
     * A ledger decision: action is {@code drop}, {@code quarantine}, {@code consume},
     * {@code modify} or {@code derive} (a document a stage emitted); counted among the derived
     * documents when {@code d} carries {@link Keys#DERIVED_BY}.
     */
    public void decision(String stage, String rule, String action, Document d) {
        String key = stage + "\u0000" + action + "\u0000" + rule;
        byStageRule.computeIfAbsent(key, k -> new LongAdder()).increment();
        bytesByStageRule.computeIfAbsent(key, k -> new LongAdder()).add(sizeOf(d));
        boolean fromStage = isDerived(d);
        switch (action) {
            case "drop" -> count(fromStage, DerivedTally.DROPPED, dropped);
            case "quarantine" -> count(fromStage, DerivedTally.QUARANTINED, quarantined);
            case "consume" -> count(fromStage, DerivedTally.CONSUMED, consumed);
            case "derive" -> derived.add(DerivedTally.EMITTED);
            default -> {
            }
        }
    }

    private void count(boolean fromStage, int derivedCounter, LongAdder inputCounter) {
        if (fromStage) {
            derived.add(derivedCounter);
        } else {
            inputCounter.increment();
        }
    }

    private static boolean isDerived(Document d) {
        return d.annotations().get(Keys.DERIVED_BY) != null;
    }

    /**
     * Records the counts of branch {@code name} (fed from {@code from}), written under
     * {@code branches.NAME} in stats.json; its conservation laws join {@link #conservationHolds()}.
     */
    public void branch(String name, String from, RunStats b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("documents", b.documentCounts());
        m.put("derived", b.derived.toMap());
        m.put("conservation_holds", b.conservationHolds());
        derived.branch(name, m, b.conservationHolds());
    }

    /** Documents consumed as the material of derived documents (input documents only). */
    public long consumed() {
        return consumed.sum();
    }

    /** Documents stages emitted. */
    public long derivedDocuments() {
        return derived.get(DerivedTally.EMITTED);
    }

    /** Derived documents that reached the output. */
    public long derivedKept() {
        return derived.get(DerivedTally.KEPT);
    }

    private Map<String, Object> documentCounts() {
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("in", documentsIn());
        docs.put("kept", kept());
        docs.put("dropped", dropped());
        docs.put("quarantined", quarantined());
        docs.put("consumed", consumed());
        return docs;
    }

    /** The broken conservation laws as one sentence, for the error that refuses to publish a run. */
    public String conservationReport() {
        List<String> broken = new java.util.ArrayList<>();
        if (documentsIn() != kept() + dropped() + quarantined() + consumed()) {
            broken.add("documents_in " + documentsIn() + " != kept " + kept() + " + dropped " + dropped()
                    + " + quarantined " + quarantined() + " + consumed " + consumed());
        }
        broken.addAll(derived.broken());
        return String.join("; ", broken);
    }

    public void keptDocument(Document d) {
        if (isDerived(d)) {
            derived.add(DerivedTally.KEPT);
        } else {
            kept.increment();
        }
        keptBytes.add(sizeOf(d));
        keptTokens.add(d.annotations().getOr(Keys.NUM_TOKENS, 0L));
        add(byLanguage, d.annotations().getOr(Keys.LANGUAGE, "unknown"), d);
        add(byRepo, d.source().repoName(), d);
    }

    private static void add(Map<String, Group> map, String key, Document d) {
        Group g = map.computeIfAbsent(key, k -> new Group());
        g.docs.increment();
        g.bytes.add(sizeOf(d));
        g.tokens.add(d.annotations().getOr(Keys.NUM_TOKENS, 0L));
    }

    public long documentsIn() {
        return docsIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long kept() {
        return kept.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long quarantined() {
        return quarantined.sum();
    }

    public long keptTokens() {
        return keptTokens.sum();
    }

    public boolean conservationHolds() {
        return documentsIn() == kept() + dropped() + quarantined() + consumed() && derived.holds();
    }

    /** The stats as an ordered map (what {@code stats.json} holds). */
    public Map<String, Object> toMap(double wallSeconds, int threads, Map<String, Double> phaseSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documentCounts());
        m.put("derived", derived.toMap());
        Map<String, Object> bytes = new LinkedHashMap<>();
        bytes.put("in", bytesIn());
        bytes.put("kept", keptBytes.sum());
        m.put("bytes", bytes);
        m.put("tokens_kept", keptTokens());
        m.put("conservation_holds", conservationHolds());
        if (derived.branchesMap() != null) {
            m.put("branches", derived.branchesMap());
        }
        Map<String, Map<String, Map<String, Object>>> stages = new TreeMap<>();
        byStageRule.forEach((k, v) -> {
            String[] p = k.split("\u0000", 3);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("documents", v.sum());
            rule.put("bytes", bytesByStageRule.get(k).sum());
            stages.computeIfAbsent(p[0], s -> new TreeMap<>()).put(p[1] + ":" + p[2], rule);
        });
        m.put("decisions", stages);
        if (!metrics.isEmpty()) {
            Map<String, Map<String, Long>> out = new TreeMap<>();
            metrics.forEach((stage, counters) -> {
                Map<String, Long> c = new TreeMap<>();
                counters.forEach((k, v) -> c.put(k, v.sum()));
                out.put(stage, c);
            });
            m.put("metrics", out);
        }
        List<Map<String, String>> all = new java.util.ArrayList<>(warnings());
        for (String w : ingestWarnings()) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("stage", "ingest");
            one.put("message", w);
            all.add(one);
        }
        m.put("warnings", all);
        m.put("inputs_lost", inputsLost());
        if (!clusterSizes.isEmpty()) {
            Map<String, Object> clusters = new TreeMap<>();
            clusterSizes.forEach((stage, sizes) -> {
                Map<String, Object> summary = clusterSummary(sizes);
                long keys = unionFindKeys.getOrDefault(stage, 0L);
                summary.put("union_find_units", keys);
                summary.put("union_find_bytes", 12 * keys);
                clusters.put(stage, summary);
            });
            m.put("clusters", clusters);
        }
        m.put("languages", groups(byLanguage));
        m.put("repositories", groups(byRepo));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", threads);
        run.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        run.put("mb_per_second", wallSeconds > 0 ? Math.round(bytesIn() / 1e6 / wallSeconds * 100) / 100.0 : 0.0);
        run.put("files_per_second", wallSeconds > 0 ? Math.round(documentsIn() / wallSeconds * 10) / 10.0 : 0.0);
        Map<String, Object> phases = new LinkedHashMap<>();
        phaseSeconds.forEach((k, v) -> phases.put(k, Math.round(v * 1000) / 1000.0));
        run.put("phase_seconds", phases);
        m.put("run", run);
        return m;
    }

    private static Map<String, Object> clusterSummary(Map<Integer, Long> sizes) {
        long clusters = 0;
        long members = 0;
        int largest = 0;
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : sizes.entrySet()) {
            int size = e.getKey();
            clusters += e.getValue();
            members += (long) size * e.getValue();
            largest = Math.max(largest, size);
            int upper = Integer.highestOneBit(size - 1) << 1; // 2, 4, 8, ... (size ≥ 2)
            String bucket = size == 2 ? "2" : (upper / 2 + 1) + "-" + upper;
            histogram.merge(bucket, e.getValue(), Long::sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", clusters);
        m.put("documents_in_clusters", members);
        m.put("largest", largest);
        m.put("size_histogram", histogram);
        return m;
    }

    private static Map<String, Object> groups(Map<String, Group> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, g) -> out.put(k, g.toMap()));
        return out;
    }

    public byte[] toJson(double wallSeconds, int threads, Map<String, Double> phaseSeconds) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(toMap(wallSeconds, threads, phaseSeconds));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stats are plain maps and always serialize", e);
        }
    }
}
