package dev.codemill.stages.filter;

import dev.codemill.stage.Params;
import java.util.List;

/**
 * The limits {@link BasicFiltersStage} applies to one language. The same names are the
 * top-level recipe parameters and the keys of a per-language override.
 *
 * @param maxLineLength      longest line allowed, code points (StarCoder: 1000)
 * @param avgLineLength      mean line length allowed, code points, measured outside long literals
 *                           and blobs (StarCoder: 100)
 * @param alphanumFraction   minimum share of Unicode letters/digits per code point (StarCoder: 0.25)
 * @param minCommentFraction minimum comment code points / all code points of the text (BigCode's
 *                           comment ratio, bigcode-dataset preprocessing README: "the number of
 *                           characters in comments over the total number of characters in the
 *                           file"); default 0 (off). SantaCoder (Allal et al. 2023) used 0.01; on real
 *                           code it drops every comment-free file (11 % of CPython, 22 % of npm JS)
 * @param maxCommentFraction maximum of the same ratio; default 1 (off). SantaCoder used 0.8, which
 *                           drops 42 % of JDK 25's Java files (GPL header plus Javadoc)
 * @param minChars           minimum size in code points of a file the size rule applies to (StarCoder JSON/YAML: 100)
 * @param maxChars           maximum size in code points (StarCoder JSON/YAML: 5000)
 * @param sizeRule           whether {@code min_chars}/{@code max_chars} apply to this language
 *                           (true for linguist type {@code data}, or when an override names either key)
 * @param minified           whether the {@code minified} rule runs
 * @param generated          whether the {@code generated} rule runs
 * @param maxBase64Fraction  maximum share of code points inside data URIs/base64 runs (rule
 *                           {@code base64_blob}); 1.0 turns the rule off (default)
 */
public record FilterThresholds(long maxLineLength, double avgLineLength, double alphanumFraction,
                               double minCommentFraction, double maxCommentFraction, long minChars, long maxChars,
                               boolean sizeRule, boolean minified, boolean generated, double maxBase64Fraction) {

    public static final String MAX_LINE_LENGTH = "max_line_length";
    public static final String AVG_LINE_LENGTH = "avg_line_length";
    public static final String ALPHANUM_FRACTION = "alphanum_fraction";
    public static final String MIN_COMMENT_FRACTION = "min_comment_fraction";
    public static final String MAX_COMMENT_FRACTION = "max_comment_fraction";
    public static final String MIN_CHARS = "min_chars";
    public static final String MAX_CHARS = "max_chars";
    public static final String MINIFIED = "minified";
    public static final String GENERATED = "generated";
    public static final String MAX_BASE64_FRACTION = "max_base64_fraction";

    /** Every key a threshold set (top level or per-language override) may carry. */
    public static final List<String> KEYS = List.of(MAX_LINE_LENGTH, AVG_LINE_LENGTH, ALPHANUM_FRACTION,
            MIN_COMMENT_FRACTION, MAX_COMMENT_FRACTION, MIN_CHARS, MAX_CHARS, MINIFIED, GENERATED, MAX_BASE64_FRACTION);

    /**
     * The built-in defaults: StarCoder values; the comment ratio is off (0..1), set
     * {@code min_comment_fraction: 0.01, max_comment_fraction: 0.8} for SantaCoder's filter (the
     * built-in default recipe sets per-language limits for Python, Java and JavaScript).
     */
    public static final FilterThresholds DEFAULTS = new FilterThresholds(1000, 100.0, 0.25, 0.0, 1.0, 100, 5000,
            false, true, true, 1.0);

    /**
     * Reads every threshold key present in {@code p} over {@code this}; keys absent from
     * {@code p} keep this set's values. Wrong types and out-of-range values throw
     * {@link dev.codemill.stage.RecipeException} naming the key (through {@link Params}).
     */
    public FilterThresholds readFrom(Params p) {
        long maxLine = p.integer(MAX_LINE_LENGTH, maxLineLength, 1, Long.MAX_VALUE);
        double avg = p.number(AVG_LINE_LENGTH, avgLineLength, 0.0, Double.MAX_VALUE);
        double alnum = p.number(ALPHANUM_FRACTION, alphanumFraction, 0.0, 1.0);
        double minComment = p.number(MIN_COMMENT_FRACTION, minCommentFraction, 0.0, 1.0);
        double maxComment = p.number(MAX_COMMENT_FRACTION, maxCommentFraction, 0.0, 1.0);
        long min = p.integer(MIN_CHARS, minChars, 0, Long.MAX_VALUE);
        long max = p.integer(MAX_CHARS, maxChars, 0, Long.MAX_VALUE);
        boolean mini = p.bool(MINIFIED, minified);
        boolean gen = p.bool(GENERATED, generated);
        double blob = p.number(MAX_BASE64_FRACTION, maxBase64Fraction, 0.0, 1.0);
        // only keys given together in one mapping are compared: an override may lower max_chars
        // below the default min_chars on purpose (its effect is then "drop every file")
        if (p.has(MIN_COMMENT_FRACTION) && p.has(MAX_COMMENT_FRACTION) && minComment > maxComment) {
            throw p.error(MIN_COMMENT_FRACTION, "(" + minComment + ") is above " + MAX_COMMENT_FRACTION + " (" + maxComment + ")");
        }
        if (p.has(MIN_CHARS) && p.has(MAX_CHARS) && min > max) {
            throw p.error(MIN_CHARS, "(" + min + ") is above " + MAX_CHARS + " (" + max + ")");
        }
        return new FilterThresholds(maxLine, avg, alnum, minComment, maxComment, min, max,
                sizeRule, mini, gen, blob);
    }

    /** A copy with the size rule switched on or off. */
    public FilterThresholds withSizeRule(boolean on) {
        return new FilterThresholds(maxLineLength, avgLineLength, alphanumFraction, minCommentFraction,
                maxCommentFraction, minChars, maxChars, on, minified, generated, maxBase64Fraction);
    }
}
