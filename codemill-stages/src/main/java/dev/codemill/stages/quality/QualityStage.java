package dev.codemill.stages.quality;

import dev.codemill.model.Document;
import dev.codemill.model.Key;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores every document against a written {@link Constitution} and annotates it:
 * {@link Keys#QUALITY_SCORE}, {@link Keys#QUALITY_TIER}, {@code quality_<id>} (Double, one per
 * principle that applies; absent when a principle does not apply, e.g. {@code small_units}
 * without a grammar), {@link Keys#QUALITY_CRITIQUES} (at most {@code maxCritiques}, in line
 * order) and {@link Keys#QUALITY_PARSED}.
 *
 * <p>Drops (annotated, so the ledger row and {@code explain} show the figures) when the score is
 * below {@code dropBelow} (rule {@code quality_score}) or a principle's sub-score is below its
 * {@code minSubscores} entry (rule {@code quality_<id>}); a principle that does not apply passes.
 * A document without decoded text is quarantined ({@code not_decoded}). Thread-safe.
 */
public final class QualityStage implements DocStage, Explainable {
    /** Recipe type. */
    public static final String NAME = "quality";
    /** Rule name for the score threshold. */
    public static final String RULE_SCORE = "quality_score";

    private final QualityScorer scorer;
    private final double dropBelow;
    private final Map<String, Double> minSubscores;
    private final int maxCritiques;

    /**
     * @param dropBelow    drop when the score is below this (0: never)
     * @param minSubscores principle id → minimum sub-score (ids must exist in the constitution)
     * @param maxCritiques cap on stored critiques
     */
    public QualityStage(QualityScorer scorer, double dropBelow, Map<String, Double> minSubscores, int maxCritiques) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.dropBelow = dropBelow;
        this.minSubscores = new LinkedHashMap<>(minSubscores);
        this.maxCritiques = maxCritiques;
    }

    /** The annotation key of a principle's sub-score. */
    public static Key<Double> subscoreKey(String principleId) {
        return Key.of("quality_" + principleId, Double.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    public QualityScorer scorer() {
        return scorer;
    }

    /** Scores a document's text (path and language from its source and annotations). */
    public QualityReport report(Document doc) {
        return scorer.score(doc.text(), doc.source().path(), doc.get(Keys.LANGUAGE), doc.get(Keys.REPO_HAS_TESTS),
                doc.get(Keys.TESTED_BY));
    }

    /** The document with every quality annotation of {@code r} set. */
    public Document annotate(Document doc, QualityReport r) {
        Document d = doc.with(Keys.QUALITY_SCORE, round(r.score())).with(Keys.QUALITY_TIER, r.tier())
                .with(Keys.QUALITY_PARSED, r.parsed());
        for (Map.Entry<String, CheckResult> e : r.results().entrySet()) {
            if (e.getValue().score() != null) {
                d = d.with(subscoreKey(e.getKey()), round(e.getValue().score()));
            }
        }
        List<String> critiques = new ArrayList<>();
        for (Critique c : r.critiques()) {
            if (critiques.size() >= maxCritiques) {
                break;
            }
            critiques.add(c.toString());
        }
        return d.with(Keys.QUALITY_CRITIQUES, List.copyOf(critiques));
    }

    /** Rounded to 4 decimals so that stored values match what {@code explain} prints. */
    static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (!doc.isDecoded()) {
            out.quarantine(doc, Verdict.of("not_decoded", "quality needs decoded text; run the decode stage first"));
            return;
        }
        QualityReport r = report(doc);
        Document annotated = annotate(doc, r);
        for (Check c : thresholdChecks(r)) {
            if (!c.passed()) {
                out.drop(annotated, c.toVerdict());
                return;
            }
        }
        out.keep(annotated);
    }

    private List<Check> thresholdChecks(QualityReport r) {
        List<Check> checks = new ArrayList<>();
        double score = round(r.score());
        String detail = "quality score " + Check.format(score) + " (tier " + r.tier() + ")";
        if (dropBelow > 0) {
            checks.add(score < dropBelow ? Check.fail(RULE_SCORE, score, ">= " + Check.format(dropBelow), detail)
                    : Check.pass(RULE_SCORE, score, ">= " + Check.format(dropBelow), detail));
        }
        for (Map.Entry<String, Double> e : minSubscores.entrySet()) {
            CheckResult cr = r.results().get(e.getKey());
            String rule = "quality_" + e.getKey();
            String limit = ">= " + Check.format(e.getValue());
            if (cr == null || cr.score() == null) {
                checks.add(Check.pass(rule, "n/a", limit, e.getKey() + " does not apply: " + (cr == null ? "" : cr.measure())));
            } else {
                double s = round(cr.score());
                String d = e.getKey() + " " + Check.format(s) + " (" + cr.measure() + ")";
                checks.add(s < e.getValue() ? Check.fail(rule, s, limit, d) : Check.pass(rule, s, limit, d));
            }
        }
        return checks;
    }

    /**
     * The drop rules first (as {@link #process} applies them), then one informational check per
     * principle ({@code quality_<id>}: sub-score, basis, measures, weight) and one per critique
     * (rule {@code critique}, value {@code line:col}).
     */
    @Override
    public List<Check> explain(Document doc) {
        if (doc.text() == null) {
            return List.of(Check.fail("not_decoded", "n/a", "decoded text", "the document has no decoded text"));
        }
        QualityReport r = report(doc);
        List<Check> checks = thresholdChecks(r);
        checks.add(Check.pass(RULE_SCORE, round(r.score()), "", "tier " + r.tier() + ", "
                + (r.parsed() ? "parsed with tree-sitter" : "no syntax tree (" + r.parseDetail() + "): lexer-level scan and text")));
        for (Principle p : scorer.constitution().principles()) {
            CheckResult cr = r.results().get(p.id());
            String value = cr.score() == null ? "n/a" : Check.format(round(cr.score()));
            checks.add(new Check("quality_" + p.id(), true, value, "weight " + Check.format(p.weight()),
                    "[" + cr.basis() + "] " + cr.measure() + (cr.critiques().isEmpty() ? "" : "; " + cr.critiques().size() + " critiques")));
        }
        for (Critique c : r.critiques()) {
            checks.add(new Check("critique", true, c.line() + ":" + c.column(), c.principle(), c.message()));
        }
        return checks;
    }
}
