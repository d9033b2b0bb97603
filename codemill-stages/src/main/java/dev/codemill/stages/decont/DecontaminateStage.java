package dev.codemill.stages.decont;

import dev.codemill.model.Document;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark decontamination: drops a document that contains a benchmark item's solution, prompt
 * or test. Three tests, in this order, the first that fires decides (see {@link BenchmarkIndex}
 * for the exact normalisation):
 * <ol>
 *   <li><b>exact substring</b> (BigCode): a part's whole whitespace-normalised token sequence
 *       occurs in the document;</li>
 *   <li><b>literal n-gram share</b> (DeepSeek-Coder): the share of the part's distinct
 *       {@code n}-grams found in the document is at least {@code threshold};</li>
 *   <li><b>identifier-normalised n-gram share</b> (when {@code identifiers} is on): the share
 *       of a solution's or test's n-grams after renaming every non-keyword identifier to a
 *       placeholder numbered by first occurrence in its n-gram is at least
 *       {@code identifier_threshold}, so that renamed variables do not hide a copied solution.</li>
 * </ol>
 * A dropped document gets the ledger verdict rule {@value #RULE}, value = the share (1 for an
 * exact substring), limit = the threshold of the deciding pass, and a detail naming item, part, share, pass and
 * benchmark file, e.g. {@code HumanEval/12 (solution, 10-gram share 0.83,
 * identifier-normalised) in HumanEval.jsonl.gz}. Kept documents are unchanged (no annotation).
 *
 * <p>Without benchmarks the stage keeps everything; {@link #explain} says so and
 * {@link #warnings()} returns {@link #WARNING_NO_BENCHMARKS}, which a run records under
 * {@code warnings} in stats.json and {@code codemill run} prints to stderr. A document without decoded text is quarantined with rule {@code not_decoded}.
 */
public final class DecontaminateStage implements DocStage, Explainable {
    /** Recipe type. */
    public static final String NAME = "decontaminate";
    /** Ledger rule of a dropped document. */
    public static final String RULE = "benchmark_contamination";
    /** Explain rule names of the three tests. */
    public static final String CHECK_SUBSTRING = "benchmark_substring";
    public static final String CHECK_NGRAMS = "benchmark_ngram_share";
    public static final String CHECK_IDENTIFIERS = "benchmark_ngram_share_identifiers";
    /** Explain rule when no benchmark is configured. */
    public static final String CHECK_NO_BENCHMARKS = "benchmarks";

    private final BenchmarkIndex index;   // null: no benchmarks, keep everything
    private final double threshold;
    private final double identifierThreshold;
    private final boolean identifiers;
    private final long minChars;

    /**
     * @param index       the benchmark index, or null when no benchmark is configured
     * @param threshold   minimum literal n-gram share (0, 1] that drops a document
     * @param identifierThreshold minimum identifier-normalised n-gram share (0, 1] that drops a document
     * @param identifiers whether to run the identifier-normalised pass
     * @param minChars    minimum normalised length of an indexed part (reported in explain)
     */
    public DecontaminateStage(BenchmarkIndex index, double threshold, double identifierThreshold, boolean identifiers,
                              long minChars) {
        this.index = index;
        this.threshold = threshold;
        this.identifierThreshold = identifierThreshold;
        this.identifiers = identifiers;
        this.minChars = minChars;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The index, or null when the stage has no benchmarks. */
    public BenchmarkIndex index() {
        return index;
    }

    /** The warning of a stage without benchmarks ({@link #warnings()}). */
    public static final String WARNING_NO_BENCHMARKS = "no benchmarks given: stage skipped, nothing is removed "
            + "(pass --benchmarks PATH to codemill run, or set the stage's benchmarks: [PATH...] in the recipe)";

    /** One warning ({@link #WARNING_NO_BENCHMARKS}) when the stage has no benchmarks, else none. */
    @Override
    public List<String> warnings() {
        return index == null ? List.of(WARNING_NO_BENCHMARKS) : List.of();
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (index == null) {
            out.keep(doc);
            return;
        }
        if (!doc.isDecoded()) {
            out.quarantine(doc, Verdict.of("not_decoded", "decontaminate needs decoded text; run the decode stage first"));
            return;
        }
        CodeTokens tokens = CodeTokens.of(doc.text());
        BenchmarkIndex.Scan lit = index.scan(tokens, false);
        Verdict v = verdict(lit, false);
        if (v == null && identifiers) {
            v = verdict(index.scan(tokens, true), true);
        }
        if (v == null) {
            out.keep(doc);
        } else {
            out.drop(doc, v);
        }
    }

    /** The drop verdict of a scan, or null when it passes. */
    private Verdict verdict(BenchmarkIndex.Scan s, boolean identifierPass) {
        if (!identifierPass) {
            if (s.exact().part() != null) {
                return Verdict.of(RULE, detail(s.exact(), "exact substring"), 1.0, threshold);
            }
            if (s.literal().part() != null && s.literal().share() >= threshold) {
                return Verdict.of(RULE, detail(s.literal(), "literal"), s.literal().share(), threshold);
            }
            return null;
        }
        if (s.identifiers().part() != null && s.identifiers().share() >= identifierThreshold) {
            return Verdict.of(RULE, detail(s.identifiers(), "identifier-normalised"), s.identifiers().share(), identifierThreshold);
        }
        return null;
    }

    private String detail(BenchmarkIndex.Match m, String pass) {
        BenchmarkPart p = m.part();
        String how = m.exact()
                ? "exact substring of " + p.chars() + " chars after whitespace normalisation"
                : index.n() + "-gram share " + Check.format(m.share()) + ", " + pass;
        return p.itemId() + " (" + p.role() + ", " + how + ") in " + p.benchmark();
    }

    /**
     * One check per test, passed or not, each naming the best-matching item: substring (value:
     * normalised chars of the matched part, 0 when none; limit: {@code min_chars}), literal
     * n-gram share and identifier-normalised n-gram share (value: share; limit: threshold).
     */
    @Override
    public List<Check> explain(Document doc) {
        if (index == null) {
            return List.of(Check.pass(CHECK_NO_BENCHMARKS, 0, ">= 1 benchmark file",
                    "no benchmarks configured: decontamination skipped (set the stage's benchmarks or run with --benchmarks PATH)"));
        }
        if (!doc.isDecoded()) {
            return List.of(Check.fail("not_decoded", "n/a", "decoded text", "the document has no decoded text"));
        }
        CodeTokens tokens = CodeTokens.of(doc.text());
        BenchmarkIndex.Scan s = index.scan(tokens, identifiers);
        List<Check> checks = new ArrayList<>(3);
        BenchmarkIndex.Match e = s.exact();
        checks.add(e.part() == null
                ? Check.pass(CHECK_SUBSTRING, 0, minChars, "no benchmark part of >= " + minChars
                        + " normalised chars occurs whole in the document")
                : Check.fail(CHECK_SUBSTRING, e.part().chars(), minChars, detail(e, "exact substring")));
        checks.add(shareCheck(CHECK_NGRAMS, s.literal(), "literal", threshold));
        if (identifiers) {
            checks.add(shareCheck(CHECK_IDENTIFIERS, s.identifiers(), "identifier-normalised", identifierThreshold));
        }
        return checks;
    }

    private Check shareCheck(String rule, BenchmarkIndex.Match m, String pass, double limit) {
        if (m.part() == null) {
            return Check.pass(rule, 0.0, limit, "no benchmark " + index.n() + "-gram found (" + pass + ")");
        }
        BenchmarkIndex.Match shown = new BenchmarkIndex.Match(m.part(), m.share(), false);
        String d = "best: " + detail(shown, pass);
        return m.share() >= limit ? Check.fail(rule, m.share(), limit, d) : Check.pass(rule, m.share(), limit, d);
    }
}
