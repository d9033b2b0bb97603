package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores one file against a {@link Constitution}: parses it when the language has a grammar (and
 * the file is at most {@code maxParseBytes} UTF-8 bytes and parses within the time budget), runs
 * every principle's checker (without a tree, {@code small_units} and {@code readable_names} use the
 * lexer-level {@link StructureScan}), and takes the weighted mean of the sub-scores that apply;
 * the tier is capped by {@link Constitution#caps()}. Never throws on any text: a checker that
 * fails (a bug) yields "n/a" for its principle, a parser that fails leaves the text-level checks.
 * Thread-safe.
 */
public final class QualityScorer {
    /** Default parse limit: 1 MB of UTF-8, about 0.3–0.7 s of tree-sitter time (LIBRARIES.md: 1.5–2.9 MB/s). */
    public static final long DEFAULT_MAX_PARSE_BYTES = 1_000_000;
    private static final int MAX_NODES = 4_000_000;

    /**
     * Default per-document parse budget: 0, none. A wall-clock budget makes the score depend on
     * the machine's load (a document parsed in 2.1 s on a busy core loses its tree), so outputs
     * would differ between runs; {@code max_parse_bytes} is the deterministic bound. Set it only
     * where a bounded latency matters more than reproducible scores.
     */
    public static final long DEFAULT_MAX_PARSE_MILLIS = 0;

    private final Constitution constitution;
    private final boolean parse;
    private final long maxParseBytes;
    private final long maxParseNanos;

    public QualityScorer(Constitution constitution, boolean parse, long maxParseBytes) {
        this(constitution, parse, maxParseBytes, DEFAULT_MAX_PARSE_MILLIS);
    }

    /**
     * @param parse          use tree-sitter where a grammar exists
     * @param maxParseBytes  larger files are not parsed (UTF-8 bytes)
     * @param maxParseMillis per-document budget for parse and tree copy: a document whose parse
     *                       took longer drops its tree and the tree checkers run on the lexer-level
     *                       {@link StructureScan} instead, so no document pays the tree walks on
     *                       top of a slow parse (0: no budget)
     */
    public QualityScorer(Constitution constitution, boolean parse, long maxParseBytes, long maxParseMillis) {
        this.constitution = Objects.requireNonNull(constitution, "constitution");
        this.parse = parse;
        this.maxParseBytes = maxParseBytes;
        this.maxParseNanos = maxParseMillis <= 0 ? Long.MAX_VALUE : maxParseMillis * 1_000_000L;
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
        if (parse && Parsers.supports(language) && withinParseBytes(text)) {
            long t0 = System.nanoTime();
            try {
                tree = Parsers.parse(text, language, MAX_NODES).orElse(null);
            } catch (RuntimeException | LinkageError e) {
                tree = null;
            }
            if (System.nanoTime() - t0 > maxParseNanos) {
                tree = null; // over the time budget: lexer-level structure only
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
        List<String> order = constitution.principles().stream().map(Principle::id).toList();
        critiques.sort(Comparator.comparingInt(Critique::line).thenComparingInt(Critique::column)
                .thenComparingInt(c -> order.indexOf(c.principle())).thenComparing(Critique::message));
        return new QualityReport(score, constitution.tier(score, results), tree != null, results, critiques);
    }

    /**
     * {@code utf8Length(text) <= maxParseBytes}, counting only where the char count cannot decide:
     * every char is 1 to 3 UTF-8 bytes in {@link #utf8Length} (a surrogate 2), so more chars than
     * the limit never fit and a third of the limit always does (issue 20: the count was a full
     * pass over every parsed file).
     */
    private boolean withinParseBytes(String text) {
        long chars = text.length();
        if (chars > maxParseBytes) {
            return false;
        }
        return 3 * chars <= maxParseBytes || utf8Length(text) <= maxParseBytes;
    }

    private static long utf8Length(String s) {
        if (s.length() > 4 * 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** UTF-8 bytes of a text (exposed for throughput figures). */
    public static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
