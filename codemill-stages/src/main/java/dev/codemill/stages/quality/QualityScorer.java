package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.ParseBudget;
import dev.codemill.stages.analysis.syntax.ParseResult;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores one file against a {@link Constitution}: parses it when the language has a grammar within
 * a deterministic {@link ParseBudget} (UTF-8 bytes, tree nodes, tree depth: the same text gets
 * the same tree or the same fallback on any machine), runs every principle's checker (without a
 * tree, {@code small_units} and {@code readable_names} use the lexer-level {@link StructureScan}),
 * and takes the weighted mean of the sub-scores that apply; the tier is capped by
 * {@link Constitution#caps()}. {@link QualityReport#parseDetail()} says why a document has no tree.
 * Never throws on any text: a checker that fails (a bug) yields "n/a" for its principle, a parser
 * that fails leaves the text-level checks. Thread-safe.
 */
public final class QualityScorer {
    /** Default parse limit: 1 MB of UTF-8, about 0.3–0.7 s of tree-sitter time (LIBRARIES.md: 1.5–2.9 MB/s). */
    public static final long DEFAULT_MAX_PARSE_BYTES = ParseBudget.DEFAULT.maxBytes();

    /**
     * Default per-document CPU-time budget: 0, none. A time budget makes the score depend on the
     * machine's load (a document parsed in 2.1 s on a busy core loses its tree), so outputs would
     * differ between runs; the {@link ParseBudget} (bytes, nodes, depth) is the deterministic bound.
     * Set it only where a bounded latency matters more than reproducible scores.
     */
    public static final long DEFAULT_MAX_PARSE_MILLIS = 0;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Constitution constitution;
    private final boolean parse;
    private final ParseBudget budget;
    private final long maxParseNanos;
    /** Critiques by line, column, principle (constitution order), message; built once, not per document. */
    private final Comparator<Critique> critiqueOrder;

    public QualityScorer(Constitution constitution, boolean parse, long maxParseBytes) {
        this(constitution, parse, ParseBudget.DEFAULT.withMaxBytes(maxParseBytes), DEFAULT_MAX_PARSE_MILLIS);
    }

    public QualityScorer(Constitution constitution, boolean parse, long maxParseBytes, long maxParseMillis) {
        this(constitution, parse, ParseBudget.DEFAULT.withMaxBytes(maxParseBytes), maxParseMillis);
    }

    /**
     * @param parse          use tree-sitter where a grammar exists
     * @param budget         deterministic bounds: a text over {@code maxBytes}, a tree over
     *                       {@code maxNodes} or deeper than {@code maxDepth} is scored without its
     *                       tree (scan and text level)
     * @param maxParseMillis per-document CPU-time budget for parse and tree copy (thread CPU): a
     *                       document whose parse took longer drops its tree (0: none, the default;
     *                       not deterministic)
     */
    public QualityScorer(Constitution constitution, boolean parse, ParseBudget budget, long maxParseMillis) {
        this.constitution = Objects.requireNonNull(constitution, "constitution");
        this.parse = parse;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.maxParseNanos = maxParseMillis <= 0 ? Long.MAX_VALUE : maxParseMillis * 1_000_000L;
        List<String> order = constitution.principles().stream().map(Principle::id).toList();
        this.critiqueOrder = Comparator.comparingInt(Critique::line).thenComparingInt(Critique::column)
                .thenComparingInt((Critique c) -> order.indexOf(c.principle())).thenComparing(Critique::message);
    }

    public Constitution constitution() {
        return constitution;
    }

    /**
     * @param text     decoded text
     * @param path     path in the repository ({@code /}-separated; may be empty)
     * @param language linguist name or null
     */
    public QualityReport score(String text, String path, String language) {
        return score(text, path, language, null, null);
    }

    /**
     * As {@link #score(String, String, String)}, with what the {@code repo_tests} stage found.
     *
     * @param repoHasTests whether the repository has tests, or null (unknown: file-level {@code tested} only)
     * @param testedBy     a test covering this file, or null
     */
    public QualityReport score(String text, String path, String language, Boolean repoHasTests, String testedBy) {
        SyntaxTree tree = null;
        String detail;
        if (!parse) {
            detail = "parse: false";
        } else if (!Parsers.supports(language)) {
            detail = "no grammar for " + language;
        } else {
            long t0 = maxParseNanos == Long.MAX_VALUE ? 0 : THREADS.getCurrentThreadCpuTime();
            ParseResult r;
            try {
                r = Parsers.parseBounded(text, language, budget);
                tree = r.tree();
                detail = tree != null ? "" : "over the parse budget: " + r.detail();
            } catch (RuntimeException | LinkageError e) {
                tree = null;
                detail = "parser failed: " + e;
            }
            if (tree != null && maxParseNanos != Long.MAX_VALUE && THREADS.getCurrentThreadCpuTime() - t0 > maxParseNanos) {
                tree = null;
                detail = "over the parse budget: parse took more than max_parse_millis " + maxParseNanos / 1_000_000 + " of CPU";
            }
        }
        FileContext file = new FileContext(text, path, language, tree).repository(repoHasTests, testedBy);
        Map<String, CheckResult> results = new LinkedHashMap<>();
        List<Critique> critiques = new ArrayList<>();
        double sum = 0;
        double weights = 0;
        for (Principle p : constitution.principles()) {
            CheckResult r;
            try {
                r = Checkers.byName(p.checker()).check(file, p);
            } catch (RuntimeException | StackOverflowError e) {
                r = CheckResult.notApplicable("checker failed: " + e);
            }
            results.put(p.id(), r);
            critiques.addAll(r.critiques());
            if (r.score() != null && p.weight() > 0) {
                sum += p.weight() * r.score();
                weights += p.weight();
            }
        }
        double score = weights == 0 ? 1.0 : sum / weights;
        if (critiques.size() > 1) {
            critiques.sort(critiqueOrder);
        }
        return new QualityReport(score, constitution.tier(score, results), tree != null, results, critiques, detail);
    }

    /** UTF-8 bytes of a text (exposed for throughput figures). */
    public static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
