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
 * or test. Three tests (see {@link BenchmarkIndex} for the exact normalisation):
 * <ol>
 *   <li><b>exact substring</b> (BigCode): a part's whole whitespace-normalised token sequence
 *       occurs in the document;</li>
 *   <li><b>literal n-gram share</b> (DeepSeek-Coder): the share of the part's distinct
 *       {@code n}-grams found in the document is at least {@code threshold};</li>
 *   <li><b>identifier-abstracted n-gram share</b> (when {@code identifiers} is on): code only
 *       (comments, docstrings dropped), every identifier the text binds abstracted
 *       ({@link AbstractedTokens}); the share of a solution's, test's or program's n-grams found is
 *       at least {@code identifier_threshold} and at least {@code min_distinctive_ngrams}
 *       distinctive n-grams were found, so renamed variables (also in the docstring) and tabs do
 *       not hide a copied solution, while trivial solutions never flag a file.</li>
 * </ol>
 * A dropped document gets the ledger verdict rule {@value #RULE}, value = the share of the
 * strongest match (1 for an exact substring), limit = the threshold of its pass, and a detail that
 * names <em>every</em> matched item with its part, pass, share and benchmark file, strongest
 * first, e.g. {@code 2 items: mbpp/5 (solution, exact substring of 120 chars after whitespace
 * normalisation) in mbpp.jsonl; HumanEval/12 (program, 10-gram share 0.93, 41 distinctive,
 * identifier-abstracted) in HumanEval.jsonl.gz}. Kept documents are unchanged (no annotation).
 *
 * <p>The document's syntax (Python or C-like comments and strings) comes from its
 * {@code language} annotation, else its file name ({@link CodeLexer.Syntax#of}).
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
    /** Explain rule naming every matched item. */
    public static final String CHECK_ITEMS = "benchmark_items";
    /** Explain rule when no benchmark is configured. */
    public static final String CHECK_NO_BENCHMARKS = "benchmarks";

    private final java.util.function.Supplier<BenchmarkIndex> source; // null: no benchmarks, keep everything
    private volatile BenchmarkIndex loaded;
    private final double threshold;
    private final double identifierThreshold;
    private final boolean identifiers;
    private final long minChars;

    /**
     * @param index       the benchmark index, or null when no benchmark is configured
     * @param threshold   minimum literal n-gram share (0, 1] that drops a document
     * @param identifierThreshold minimum identifier-abstracted n-gram share (0, 1] that drops a document
     * @param identifiers whether to run the identifier-abstracted pass
     * @param minChars    minimum normalised length of an indexed part (reported in explain)
     */
    public DecontaminateStage(BenchmarkIndex index, double threshold, double identifierThreshold, boolean identifiers,
                              long minChars) {
        this(index == null ? null : () -> index, threshold, identifierThreshold, identifiers, minChars);
    }

    /**
     * A stage whose benchmark index is read on {@link #loadData()} or first use, not when built
     * (so that {@code codemill validate} reads no benchmark file).
     *
     * @param source loads the benchmark index (called once), or null when no benchmark is configured
     */
    public DecontaminateStage(java.util.function.Supplier<BenchmarkIndex> source, double threshold,
                              double identifierThreshold, boolean identifiers, long minChars) {
        this.source = source;
        this.threshold = threshold;
        this.identifierThreshold = identifierThreshold;
        this.identifiers = identifiers;
        this.minChars = minChars;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The index (read on first call), or null when the stage has no benchmarks. */
    public BenchmarkIndex index() {
        if (source == null) {
            return null;
        }
        BenchmarkIndex i = loaded;
        if (i == null) {
            synchronized (this) {
                i = loaded;
                if (i == null) {
                    i = source.get();
                    loaded = i;
                }
            }
        }
        return i;
    }

    /** Reads and indexes the benchmark files (once; see {@link dev.codemill.stage.Stage#loadData()}). */
    @Override
    public void loadData() {
        index();
    }

    /** The warning of a stage without benchmarks ({@link #warnings()}). */
    public static final String WARNING_NO_BENCHMARKS = "no benchmarks given: stage skipped, nothing is removed "
            + "(pass --benchmarks PATH to codemill run, or set the stage's benchmarks: [PATH...] in the recipe)";

    /** One warning ({@link #WARNING_NO_BENCHMARKS}) when the stage has no benchmarks, else none. */
    @Override
    public List<String> warnings() {
        return source == null ? List.of(WARNING_NO_BENCHMARKS) : List.of();
    }

    @Override
    public void process(Document doc, Emitter out) {
        BenchmarkIndex index = index();
        if (index == null) {
            out.keep(doc);
            return;
        }
        if (!doc.isDecoded()) {
            out.quarantine(doc, Verdict.of("not_decoded", "decontaminate needs decoded text; run the decode stage first"));
            return;
        }
        BenchmarkIndex.Scan s = scan(index, doc);
        if (s.hits().isEmpty()) {
            out.keep(doc);
        } else {
            BenchmarkIndex.Match best = s.hits().get(0);
            out.drop(doc, Verdict.of(RULE, itemsDetail(s.hits()), best.share(), limit(best)));
        }
    }

    private BenchmarkIndex.Scan scan(BenchmarkIndex index, Document doc) {
        CodeTokens tokens = CodeTokens.of(doc.text());
        AbstractedTokens abs = identifiers
                ? AbstractedTokens.of(doc.text(), CodeLexer.Syntax.of(doc.get(dev.codemill.model.Keys.LANGUAGE),
                        doc.source().fileName()))
                : null;
        return index.scan(tokens, abs, threshold, identifierThreshold);
    }

    private double limit(BenchmarkIndex.Match m) {
        return m.pass() == BenchmarkIndex.Pass.ABSTRACTED ? identifierThreshold : threshold;
    }

    /** Every matched item, strongest first, as one ledger detail. */
    private String itemsDetail(List<BenchmarkIndex.Match> hits) {
        StringBuilder sb = new StringBuilder();
        if (hits.size() > 1) {
            sb.append(hits.size()).append(" items: ");
        }
        for (int i = 0; i < hits.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(detail(hits.get(i)));
        }
        return sb.toString();
    }

    private String detail(BenchmarkIndex.Match m) {
        BenchmarkPart p = m.part();
        String how = m.exact()
                ? "exact substring of " + p.chars() + " chars after whitespace normalisation"
                : index().n() + "-gram share " + Check.format(m.share())
                        + (m.pass() == BenchmarkIndex.Pass.ABSTRACTED ? ", " + m.distinctive() + " distinctive" : "")
                        + ", " + m.pass().label();
        return p.itemId() + " (" + p.role() + ", " + how + ") in " + p.benchmark();
    }

    /**
     * One check per test, passed or not, each naming the best-matching item: substring (value:
     * normalised chars of the matched part, 0 when none; limit: {@code min_chars}), literal
     * n-gram share and identifier-abstracted n-gram share (value: share; limit: threshold), then
     * {@value #CHECK_ITEMS} (value: number of matched items, limit 0) naming every matched item.
     */
    @Override
    public List<Check> explain(Document doc) {
        BenchmarkIndex index = index();
        if (index == null) {
            return List.of(Check.pass(CHECK_NO_BENCHMARKS, 0, ">= 1 benchmark file",
                    "no benchmarks configured: decontamination skipped (set the stage's benchmarks or run with --benchmarks PATH)"));
        }
        if (!doc.isDecoded()) {
            return List.of(Check.fail("not_decoded", "n/a", "decoded text", "the document has no decoded text"));
        }
        BenchmarkIndex.Scan s = scan(index, doc);
        List<Check> checks = new ArrayList<>(4);
        BenchmarkIndex.Match e = s.exact();
        checks.add(e.part() == null
                ? Check.pass(CHECK_SUBSTRING, 0, minChars, "no benchmark part of >= " + minChars
                        + " normalised chars occurs whole in the document")
                : Check.fail(CHECK_SUBSTRING, e.part().chars(), minChars, detail(e)));
        checks.add(shareCheck(CHECK_NGRAMS, s.literal(), threshold, s.literal().share() >= threshold));
        if (identifiers) {
            BenchmarkIndex.Match a = s.abstracted();
            checks.add(shareCheck(CHECK_IDENTIFIERS, a, identifierThreshold,
                    a.share() >= identifierThreshold && a.distinctive() >= index.minDistinctive()));
        }
        checks.add(s.hits().isEmpty()
                ? Check.pass(CHECK_ITEMS, 0, 0, "no benchmark item matched")
                : Check.fail(CHECK_ITEMS, s.hits().size(), 0, itemsDetail(s.hits())));
        return checks;
    }

    private Check shareCheck(String rule, BenchmarkIndex.Match m, double limit, boolean fails) {
        if (m.part() == null) {
            return Check.pass(rule, 0.0, limit, "no benchmark " + index().n() + "-gram found");
        }
        String d = "best: " + detail(m);
        return fails ? Check.fail(rule, m.share(), limit, d) : Check.pass(rule, m.share(), limit, d);
    }
}
