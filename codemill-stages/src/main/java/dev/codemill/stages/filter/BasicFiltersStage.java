package dev.codemill.stages.filter;

import dev.codemill.stages.analysis.text.TextShape;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.GeneratedDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The StarCoder-style heuristic filters: drops a document on the <b>first</b> failing rule, in
 * this order (specific labels first, so that a minified bundle is reported as {@code minified}
 * and not as a long line):
 * <ol>
 *   <li>{@code empty} — no code point other than whitespace (an empty {@code __init__.py}); without
 *       this rule such files would be reported as {@code low_alnum_fraction} 0;</li>
 *   <li>{@code generated} — {@link Keys#IS_GENERATED} when an earlier {@code vendor} stage set it
 *       (value = its evidence; the repository's {@code .gitattributes} can mark or unmark a file
 *       there); otherwise the same rules applied here: a generated file name or path, a generator
 *       marker in the header region, or a source-map reference at the end of a JS/CSS file
 *       ({@link GeneratedDetector});</li>
 *   <li>{@code minified} — {@link TextShape#looksMinified()}: line-shape statistics measured after
 *       masking long literals, data URIs and base64 runs; never mean line length alone;</li>
 *   <li>{@code base64_blob} — share of code points in data URIs/base64 runs above
 *       {@code max_base64_fraction} (default 1.0: off);</li>
 *   <li>{@code max_line_length} — longest line, code points, raw (nothing masked) &gt; limit;</li>
 *   <li>{@code avg_line_length} — mean line length, code points, measured <b>outside</b> long
 *       string literals, data URIs and base64 runs ({@link TextShape}) &gt; limit, so that a
 *       hand-written file with one long literal is kept (case C11);</li>
 *   <li>{@code low_alnum_fraction} — Unicode letters/digits per code point
 *       ({@link Character#isLetterOrDigit(int)}) &lt; {@code alphanum_fraction} (case C12);</li>
 *   <li>{@code min_chars} / {@code max_chars} — size in code points, for languages of linguist type
 *       {@code data} and languages whose override names these keys;</li>
 *   <li>{@code min_comment_fraction} / {@code max_comment_fraction} — BigCode's comment ratio:
 *       comment code points ({@link Keys#COMMENT_CHARS}, set by an earlier {@code stats} stage:
 *       comment text with its markers, Python docstrings included, string literals never) / all
 *       code points of the text. This is the definition of the bigcode-dataset preprocessing
 *       README ("the comment to code ratio of a file by counting the number of characters in
 *       comments over the total number of characters in the file"; thresholds 0.01 and 0.8, used
 *       for SantaCoder's Python, Java and JavaScript; Allal et al. 2023). Applies only to linguist
 *       type {@code programming} with an exact count: "not applicable" (passed) when the
 *       annotation is absent (language without a lexer entry, or no stats stage).</li>
 * </ol>
 * A document without text (not decoded) is quarantined with rule {@code not_decoded}. Kept
 * documents pass unchanged; this stage sets no annotations.
 *
 * <p>Defaults: max line 1000, mean line 100, alphanumeric fraction 0.25 (Codex, Chen et al.
 * 2021; StarCoder, Li et al. 2023, §3); JSON/YAML 100–5000 characters (StarCoder §3);
 * comment ratio off unless configured (SantaCoder, Allal et al. 2023, used 0.01–0.8; the built-in
 * default recipe sets its own limits; see {@link FilterThresholds}).
 */
public final class BasicFiltersStage implements DocStage, Explainable {
    /** Recipe type. */
    public static final String NAME = "basic_filters";

    public static final String RULE_EMPTY = "empty";
    public static final String RULE_GENERATED = "generated";
    public static final String RULE_MINIFIED = "minified";
    public static final String RULE_BASE64_BLOB = "base64_blob";
    public static final String RULE_MAX_LINE_LENGTH = "max_line_length";
    public static final String RULE_AVG_LINE_LENGTH = "avg_line_length";
    /** Rule name from case C12 (the parameter is {@code alphanum_fraction}). */
    public static final String RULE_LOW_ALNUM = "low_alnum_fraction";
    public static final String RULE_MIN_CHARS = "min_chars";
    public static final String RULE_MAX_CHARS = "max_chars";
    public static final String RULE_MIN_COMMENT = "min_comment_fraction";
    public static final String RULE_MAX_COMMENT = "max_comment_fraction";

    /** Value of a check that does not apply to a document. */
    public static final String NOT_APPLICABLE = "n/a";

    private static final String MINIFIED_LIMIT = "long_line_share>=0.5 & ws_ratio<0.12 & ident_share>=0.15 & cp_per_token<=8"
            + " & 2 of {ws_ratio<0.05, mean_ident<4, indented<0.1, tokens_per_long_line>=100}";

    private final LanguageThresholds thresholds;
    private final GeneratedDetector generated;

    public BasicFiltersStage(LanguageThresholds thresholds, GeneratedDetector generated) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.generated = Objects.requireNonNull(generated, "generated");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (!doc.isDecoded()) {
            out.quarantine(doc, Verdict.of("not_decoded", "basic_filters needs decoded text; run the decode stage first"));
            return;
        }
        if (doc.text() != null && passesAll(doc)) {
            out.keep(doc); // no check's detail text is built for a document every rule passes
            return;
        }
        for (Check c : explain(doc)) {
            if (!c.passed()) {
                out.drop(doc, c.toVerdict());
                return;
            }
        }
        out.keep(doc);
    }

    /**
     * Whether every rule of {@link #explain} passes, judged by the same conditions without building
     * the checks' values and detail texts (string formatting is most of a passing document's cost
     * after the line shape). False sends the document through {@link #explain}, which then decides,
     * so a false here can never drop a document that {@code explain} passes.
     */
    private boolean passesAll(Document doc) {
        String text = doc.text();
        String language = doc.get(Keys.LANGUAGE);
        String type = doc.get(Keys.LANGUAGE_TYPE);
        FilterThresholds t = thresholds.forLanguage(language, type);
        TextShape shape = TextShape.measure(text);
        if (shape.nonBlankLines() == 0) {
            return false;
        }
        if (t.generated()) {
            Boolean isGenerated = doc.get(Keys.IS_GENERATED);
            if (isGenerated != null ? isGenerated : generated.find(doc.source().path(), text).isPresent()) {
                return false;
            }
        }
        if (t.minified() && shape.looksMinified()) {
            return false;
        }
        if (t.maxBase64Fraction() < 1.0 && !(shape.blobFraction() <= t.maxBase64Fraction())) {
            return false;
        }
        if (!(shape.maxLineLength() <= t.maxLineLength())
                || !(shape.maskedAvgLineLength() <= t.avgLineLength())
                || !(shape.alnumFraction() >= t.alphanumFraction())) {
            return false;
        }
        long size = shape.codePoints();
        if (t.sizeRule() && !(size >= t.minChars() && size <= t.maxChars())) {
            return false;
        }
        Long commentChars = doc.get(Keys.COMMENT_CHARS);
        if ("programming".equals(type) && commentChars != null && size != 0) {
            double ratio = (double) commentChars / size;
            return ratio >= t.minCommentFraction() && ratio <= t.maxCommentFraction();
        }
        return true;
    }

    /** Every rule's check in the order {@link #process} applies them, passed or not. */
    @Override
    public List<Check> explain(Document doc) {
        String text = doc.text();
        if (text == null) {
            return List.of(Check.fail("not_decoded", NOT_APPLICABLE, "decoded text", "the document has no decoded text"));
        }
        String language = doc.get(Keys.LANGUAGE);
        String type = doc.get(Keys.LANGUAGE_TYPE);
        FilterThresholds t = thresholds.forLanguage(language, type);
        String lang = language == null ? "unknown language" : language;
        TextShape shape = TextShape.measure(text);
        List<Check> checks = new ArrayList<>(12);

        // 0. empty
        long blankLines = shape.numLines() - shape.nonBlankLines();
        checks.add(shape.nonBlankLines() == 0
                ? Check.fail(RULE_EMPTY, shape.codePoints(), "some non-whitespace",
                        "empty document: " + shape.codePoints() + " code points, all whitespace (" + blankLines + " blank lines)")
                : Check.pass(RULE_EMPTY, shape.codePoints(), "some non-whitespace", "document has content"));

        // 1. generated
        if (!t.generated()) {
            checks.add(notApplicable(RULE_GENERATED, "no generated marker", "disabled for " + lang));
        } else if (doc.get(Keys.IS_GENERATED) != null) {
            // the vendor stage already judged it with the same rules plus the repository's .gitattributes
            String ev = doc.get(Keys.GENERATED_EVIDENCE);
            if (doc.get(Keys.IS_GENERATED)) {
                // is_generated may come without evidence (an input's own column, another tool's annotation)
                checks.add(Check.fail(RULE_GENERATED, ev == null ? "is_generated" : ev, "no generated marker",
                        "generated file (is_generated): " + (ev == null ? "no evidence recorded" : clip(ev))));
            } else {
                checks.add(Check.pass(RULE_GENERATED, "none", "no generated marker",
                        ev == null ? "is_generated false: no generated file name or marker" : "is_generated false: " + clip(ev)));
            }
        } else {
            Optional<GeneratedDetector.Evidence> ev = generated.find(doc.source().path(), text);
            if (ev.isPresent()) {
                GeneratedDetector.Evidence e = ev.get();
                checks.add(Check.fail(RULE_GENERATED, e.value(), "no generated marker",
                        "generated file: " + e.kind().replace('_', ' ') + " matches '" + e.pattern() + "' (" + clip(e.text()) + ")"));
            } else {
                checks.add(Check.pass(RULE_GENERATED, "none", "no generated marker", "no generated file name or marker"));
            }
        }

        // 2. minified
        if (!t.minified()) {
            checks.add(notApplicable(RULE_MINIFIED, MINIFIED_LIMIT, "disabled for " + lang));
        } else if (shape.looksMinified()) {
            checks.add(Check.fail(RULE_MINIFIED, shape.minifiedSignals(), MINIFIED_LIMIT,
                    "minified: " + shape.longLines() + " line(s) over " + TextShape.LONG_LINE
                            + " code points (long literals and blobs left out) hold most of the code, with few blanks"));
        } else {
            checks.add(Check.pass(RULE_MINIFIED, shape.minifiedSignals(), MINIFIED_LIMIT, "line shape of hand-written code"));
        }

        // 3. base64_blob
        double blob = shape.blobFraction();
        if (t.maxBase64Fraction() >= 1.0) {
            checks.add(new Check(RULE_BASE64_BLOB, true, Check.format(blob), "<= 1 (off)", "rule off (max_base64_fraction 1)"));
        } else {
            checks.add(check(blob <= t.maxBase64Fraction(), RULE_BASE64_BLOB, blob, "<= " + Check.format(t.maxBase64Fraction()),
                    "share of code points inside data URIs and base64 runs"));
        }

        // 4. max_line_length
        checks.add(check(shape.maxLineLength() <= t.maxLineLength(), RULE_MAX_LINE_LENGTH, shape.maxLineLength(),
                "<= " + t.maxLineLength(), "longest line in code points"));

        // 5. avg_line_length (outside long literals and blobs)
        double avg = shape.maskedAvgLineLength();
        checks.add(check(avg <= t.avgLineLength(), RULE_AVG_LINE_LENGTH, avg, "<= " + Check.format(t.avgLineLength()),
                "mean line length in code points outside long string literals, data URIs and base64 runs (raw mean "
                        + Check.format(shape.avgLineLength()) + ", " + shape.numLines() + " lines)"));

        // 6. alphanumeric fraction
        double alnum = shape.alnumFraction();
        checks.add(check(alnum >= t.alphanumFraction(), RULE_LOW_ALNUM, alnum, ">= " + Check.format(t.alphanumFraction()),
                shape.codePoints() == 0 ? "empty document"
                        : "Unicode letters and digits per code point (" + shape.alnum() + "/" + shape.codePoints() + ")"));

        // 7. size
        if (!t.sizeRule()) {
            String why = "size limits apply to data files only (" + lang + ", type " + (type == null ? "unknown" : type) + ")";
            checks.add(notApplicable(RULE_MIN_CHARS, ">= " + t.minChars(), why));
            checks.add(notApplicable(RULE_MAX_CHARS, "<= " + t.maxChars(), why));
        } else {
            long size = shape.codePoints();
            checks.add(check(size >= t.minChars(), RULE_MIN_CHARS, size, ">= " + t.minChars(),
                    lang + " file size in code points (too small)"));
            checks.add(check(size <= t.maxChars(), RULE_MAX_CHARS, size, "<= " + t.maxChars(),
                    lang + " file size in code points (too large)"));
        }

        // 8. comment fraction (BigCode: comment characters / all characters)
        Long commentChars = doc.get(Keys.COMMENT_CHARS);
        String minLimit = ">= " + Check.format(t.minCommentFraction());
        String maxLimit = "<= " + Check.format(t.maxCommentFraction());
        if (!"programming".equals(type)) {
            String why = "comment ratio applies to programming languages only (type " + (type == null ? "unknown" : type) + ")";
            checks.add(notApplicable(RULE_MIN_COMMENT, minLimit, why));
            checks.add(notApplicable(RULE_MAX_COMMENT, maxLimit, why));
        } else if (commentChars == null || shape.codePoints() == 0) {
            String why = commentChars == null
                    ? "no comment_chars annotation (the stats stage sets it only for languages it lexes exactly; " + lang + ")"
                    : "empty document";
            checks.add(notApplicable(RULE_MIN_COMMENT, minLimit, why));
            checks.add(notApplicable(RULE_MAX_COMMENT, maxLimit, why));
        } else {
            double ratio = (double) commentChars / shape.codePoints();
            String detail = "comment code points / all code points = " + commentChars + "/" + shape.codePoints();
            checks.add(check(ratio >= t.minCommentFraction(), RULE_MIN_COMMENT, ratio, minLimit, detail));
            checks.add(check(ratio <= t.maxCommentFraction(), RULE_MAX_COMMENT, ratio, maxLimit, detail));
        }
        return List.copyOf(checks);
    }

    private static Check check(boolean passed, String rule, Object value, String limit, String what) {
        String detail = what + ": " + Check.format(value) + (passed ? ", within " : ", violates ") + limit;
        return passed ? Check.pass(rule, value, limit, detail) : Check.fail(rule, value, limit, detail);
    }

    private static Check notApplicable(String rule, String limit, String why) {
        return new Check(rule, true, NOT_APPLICABLE, limit, "not applicable: " + why);
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
