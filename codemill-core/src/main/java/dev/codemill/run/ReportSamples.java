package dev.codemill.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the HTML report needs beyond the stage counters, gathered from the kept documents as they
 * are written:
 * <ul>
 *   <li>stats.json {@code metrics.kept}: {@code quality_score.LANGUAGE.B} (documents whose
 *       quality score is in [B, B + 0.1), B = 0.0 … 0.9, 1.0 falls in 0.9), {@code quality_tier.T}
 *       and {@code license_type.T} document counts (only documents with the annotation: a run
 *       without quality or licence stages adds no counter);</li>
 *   <li>{@code examples.json}: per quality tier the {@value #PER_TIER} kept documents with the
 *       smallest ids among the short ones ({@value #MIN_CHARS}–{@value #MAX_CHARS} chars), with
 *       score, critiques and the first {@value #EXCERPT_LINES} lines; smallest ids make the
 *       choice independent of thread count and input order; then {@code removed} (per stage and
 *       {@code action:rule}, examples of removed documents) and {@code largest_clusters} (per
 *       cluster stage), both from {@link dev.codemill.metrics.RemovalSamples} (snake_case
 *       fields of its records).</li>
 * </ul>
 * Not thread-safe: called from the writing loop only.
 */
final class ReportSamples {
    /** Stage name of the counters in stats.json's {@code metrics}. */
    static final String METRICS = "kept";
    static final int PER_TIER = 3;
    static final int MIN_CHARS = 200;
    static final int MAX_CHARS = 2500;
    static final int EXCERPT_LINES = 40;
    static final int MAX_CRITIQUES = 8;

    private final RunStats stats;
    private final Map<String, TreeMap<String, Document>> byTier = new TreeMap<>();

    ReportSamples(RunStats stats) {
        this.stats = stats;
    }

    void add(Document d) {
        Double score = d.get(Keys.QUALITY_SCORE);
        String language = d.annotations().getOr(Keys.LANGUAGE, "unknown");
        if (score != null) {
            int bucket = (int) Math.min(9, Math.max(0, Math.floor(score * 10)));
            stats.metric(METRICS, "quality_score." + language + "." + (bucket / 10.0), 1);
        }
        String tier = d.get(Keys.QUALITY_TIER);
        if (tier != null) {
            stats.metric(METRICS, "quality_tier." + tier, 1);
        }
        String license = d.get(Keys.LICENSE_TYPE);
        if (license != null) {
            stats.metric(METRICS, "license_type." + license, 1);
        }
        offer(d);
    }

    /**
     * Considers {@code d} for examples.json only (no counters): a runner that counted the metrics
     * where the documents were written ({@link PartitionWrite}) offers each partition's
     * {@link #candidates()} here; the choice (smallest ids) does not depend on the order.
     */
    void offer(Document d) {
        String tier = d.get(Keys.QUALITY_TIER);
        if (tier != null && d.isDecoded() && d.text().length() >= MIN_CHARS && d.text().length() <= MAX_CHARS) {
            TreeMap<String, Document> best = byTier.computeIfAbsent(tier, k -> new TreeMap<>());
            best.put(d.id().value(), d);
            if (best.size() > PER_TIER) {
                best.pollLastEntry();
            }
        }
    }

    /** The documents chosen so far, tiers in order (at most {@value #PER_TIER} per tier). */
    List<Document> candidates() {
        List<Document> out = new ArrayList<>();
        byTier.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** {@code examples.json}: the rule and per tier its examples. */
    byte[] examplesJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", "per quality tier, the " + PER_TIER + " kept documents of " + MIN_CHARS + "-" + MAX_CHARS
                + " chars with the smallest ids; excerpt = first " + EXCERPT_LINES + " lines");
        Map<String, Object> tiers = new LinkedHashMap<>();
        byTier.forEach((tier, docs) -> {
            List<Object> list = new ArrayList<>();
            for (Document d : docs.values()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", d.id().value());
                e.put("repo_name", d.source().repoName());
                e.put("path", d.source().path());
                e.put("language", d.get(Keys.LANGUAGE));
                e.put("quality_score", d.get(Keys.QUALITY_SCORE));
                e.put("chars", d.text().length());
                List<String> critiques = d.annotations().getOr(Keys.QUALITY_CRITIQUES, List.of());
                e.put("critiques", critiques.subList(0, Math.min(MAX_CRITIQUES, critiques.size())));
                e.put("excerpt", excerpt(d.text()));
                list.add(e);
            }
            tiers.put(tier, list);
        });
        m.put("tiers", tiers);
        m.put("removed_rule", "per stage and rule, the " + dev.codemill.metrics.RemovalSamples.PER_RULE
                + " removed documents with the smallest ids; snippet = first " + dev.codemill.metrics.RemovalSamples.SNIPPET_LINES
                + " lines (at most " + dev.codemill.metrics.RemovalSamples.SNIPPET_CHARS
                + " chars), only of text the redact stage has cleaned");
        m.put("removed", stats.samples().removed());
        m.put("largest_clusters", stats.samples().largestClusters());
        try {
            return new ObjectMapper().setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialize", e);
        }
    }

    /** The first {@value #EXCERPT_LINES} lines of {@code text} (line ends kept), or all of it. */
    static String excerpt(String text) {
        int pos = 0;
        for (int line = 0; line < EXCERPT_LINES; line++) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                return text;
            }
            pos = nl + 1;
        }
        return text.substring(0, pos);
    }
}
