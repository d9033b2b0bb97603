package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code commented}: comment density inside a healthy band, and comments that are prose, not
 * disabled code. Text-level (measured on {@code LineLexer}'s line classification, the same one as
 * the {@code comment_lines} annotation); not applicable when the language has no comment syntax
 * entry.
 * <ul>
 *   <li>density = comment lines / (comment + code lines); band sub-score {@code density / min_density}
 *       below {@code min_density}; above {@code max_density} only comments that are not
 *       documentation count (docstrings, {@code /**} doc comments), {@code 1 - (plain - max) / (1 - max)},
 *       so that removing documentation never raises the score. Defaults follow SantaCoder's comment
 *       filter band (0.01–0.8, Allal et al. 2023) narrowed to what curated code shows. Below the
 *       band the sub-score falls linearly to {@code band_floor} (a file without comments), not to 0,
 *       so that commented-out code pasted into an uncommented file still lowers it; lines of
 *       commented-out code do not count as comments in the density.</li>
 *   <li>commented-out code: blocks of consecutive comment lines (documentation excluded) with at
 *       least {@code min_commented_run} code-like lines and no more prose lines than code-like ones
 *       (inner comments and empty comment lines are neutral); a line is code-like when its text
 *       after the comment marker (and without a trailing line comment) ends in {@code ; { }},
 *       starts like a statement ({@code if (}, {@code return}, {@code else:}, {@code import }, an
 *       assignment …), is an annotation or decorator, a {@code case} label, a continuation
 *       ({@code && …}) or closing brackets;
 *       a commented-out docstring (triple quotes and the lines between them inside the comment
 *       lines) is code too; an isolated code-like line is usually prose and does not count. The share of run lines
 *       over comment lines that are not documentation, above {@code max_commented_code}, is
 *       subtracted from the score; each run is critiqued.</li>
 * </ul>
 */
public final class CommentedChecker implements Checker {
    /** The comment marker rule (the specification {@link #withoutMarker} implements by one scan). */
    static final Pattern MARKER = Pattern.compile("^\\s*(?://+|/\\*+|\\*+/?|#+|--|;+|%+|<!--)\\s?");
    static final Pattern CODE_LIKE = Pattern.compile(
            "^(?:.*[;{}]|(?:if|for|while|return|import|from|def|class|var|let|const|func|fn|print|printf|System\\.out)\\b.*[(:;{)]"
                    + "|(?:return|raise|yield|throw|pass|break|continue|else|elif|try|except|finally)\\b(?:\\s.*|:.*)?"
                    + "|[A-Za-z_][\\w.\\[\\]]*\\s*(?:[+\\-*/]?=)\\s*[^=\\s].*|[A-Za-z_][\\w.]*\\(.*\\)\\s*;?"
                    // annotations/decorators, case labels, continuation lines, closing brackets
                    + "|@[A-Za-z_][\\w.]*(?:\\(.*\\))?|(?:case\\b.*|default\\s*):|(?:&&|\\|\\||\\.|\\+|\\?)\\s*\\S.*|[)\\]}]+[;,:]?)$");
    /** A trailing line comment after code ({@code x = 1  # why}), dropped before matching. */
    private static final Pattern TRAILING = Pattern.compile("\\s+(?://|#)\\s.*$");
    /**
     * An inner comment inside a commented-out block ({@code # # note}, {@code // // note}) or an
     * empty comment line (the specification {@link #neutral} implements by one scan).
     */
    static final Pattern NEUTRAL = Pattern.compile("^(?:(?://+|#+).*)?$");

    @Override
    public String name() {
        return "commented";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("min_density", "max_density", "max_commented_code", "min_commented_run", "band_floor");
    }

    @Override
    public Set<String> messages() {
        return Set.of("too_few", "too_many", "commented_code");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        LineCounts lc = f.lineCounts();
        if (!lc.exact()) {
            return CheckResult.notApplicable("no comment syntax known for " + f.language());
        }
        String lang = f.language();
        long comment = lc.comment();
        long code = lc.code();
        if (comment + code == 0) {
            return new CheckResult(1.0, "text", "no code", List.of());
        }
        java.util.BitSet doc = docLines(f);
        long docLines = doc.cardinality();
        double min = p.threshold("min_density", lang);
        double max = p.threshold("max_density", lang);
        List<Critique> out = new ArrayList<>();
        List<String> lines = f.lines();
        int minRun = (int) p.threshold("min_commented_run", lang);
        int n = (int) Math.min(lines.size(), lc.lines());
        int codeLike = commentedCode(lines, lc, doc, n, minRun, p, out);
        // commented-out code is not commentary: it does not count in the density
        long counted = comment - codeLike + code;
        double density = counted <= 0 ? 0.0 : (double) (comment - codeLike) / counted;
        double plain = counted <= 0 ? 0.0 : (double) Math.max(0, comment - docLines - codeLike) / counted;
        double band = 1.0;
        double floor = p.threshold("band_floor", lang);
        if (density < min) {
            band = min <= 0 ? 1.0 : floor + (1.0 - floor) * density / min;
            out.add(new Critique(p.id(), 1, 1, p.message("too_few", "value", density, "limit", min)));
        } else if (plain > max) {
            band = max >= 1 ? 1.0 : 1.0 - (plain - max) / (1.0 - max);
            out.add(new Critique(p.id(), 1, 1, p.message("too_many", "value", plain, "limit", max)));
        }
        long prose = comment - docLines;
        double ccShare = prose <= 0 ? 0.0 : (double) codeLike / prose;
        double score = Math.max(0.0, band - Math.max(0.0, ccShare - p.threshold("max_commented_code", lang)));
        out.sort(Fmt.BY_POSITION);
        return new CheckResult(score, "text", "density=" + Fmt.f(density) + " doc_lines=" + docLines
                + " commented_code_share=" + Fmt.f(ccShare), out);
    }

    /**
     * Finds the runs of commented-out code among lines {@code 1..n} (documentation lines in
     * {@code doc} excluded), critiques each into {@code out} and returns their lines. Its own
     * method (and the run and line work in {@link Runs}), with one reused matcher per pattern, so
     * that the JIT compiles each loop apart from {@link #check}.
     */
    private static int commentedCode(List<String> lines, LineCounts lc, java.util.BitSet doc, int n, int minRun, Principle p,
                                     List<Critique> out) {
        Runs runs = new Runs();
        int codeLike = 0;
        int ln = 1;
        while (ln <= n) {
            if (lc.kind(ln) != LineCounts.Kind.COMMENT || doc.get(ln)) {
                ln++;
                continue;
            }
            int start = ln;
            ln = runs.run(lines, lc, doc, n, ln);
            if (minRun > 0 && runs.hits >= minRun && runs.hits >= runs.prose) {
                codeLike += critique(runs, start, ln, p, out);
            }
        }
        return codeLike;
    }

    /** Critiques the run of commented-out code {@code start..end-1}; returns its lines (prose lines left out). */
    private static int critique(Runs runs, int start, int end, Principle p, List<Critique> out) {
        int lines0 = end - start - runs.prose;
        out.add(new Critique(p.id(), runs.firstHit, 1, p.message("commented_code", "value", lines0)));
        return lines0;
    }

    /** One block of consecutive comment lines at a time: its code-like ({@link #hits}) and prose lines. */
    private static final class Runs {
        private static final int NEUTRAL_LINE = 0;
        private static final int HIT = 1;
        private static final int PROSE = 2;
        private final Matcher trailing = TRAILING.matcher("");
        private final Matcher codeLikeLine = CODE_LIKE.matcher("");
        private boolean inQuote;
        int firstHit;
        int hits;
        int prose;

        /** Scans the block of comment lines from {@code ln}; returns the line after it. */
        int run(List<String> lines, LineCounts lc, java.util.BitSet doc, int n, int ln) {
            firstHit = ln;
            hits = 0;
            prose = 0;
            inQuote = false;
            for (; ln <= n && lc.kind(ln) == LineCounts.Kind.COMMENT && !doc.get(ln); ln++) {
                int kind = classify(lines.get(ln - 1));
                if (kind == NEUTRAL_LINE) {
                    continue;
                }
                if (kind == HIT) {
                    if (hits++ == 0) {
                        firstHit = ln;
                    }
                } else {
                    prose++;
                }
            }
            return ln;
        }

        /** One comment line: {@link #HIT} (code-like or inside a commented-out docstring), {@link #PROSE} or {@link #NEUTRAL_LINE}. */
        private int classify(String line) {
            String s = withoutMarker(line).strip();
            if (s.endsWith("*/")) {
                s = s.substring(0, s.length() - 2).strip();
            }
            // a commented-out docstring: its quotes and the lines between them belong to the code
            int quotes = count(s, "\"\"\"") + count(s, "\'\'\'");
            boolean hit = quotes > 0 || inQuote;
            if (quotes % 2 == 1) {
                inQuote = !inQuote;
            }
            if (!hit && neutral(s)) {
                return NEUTRAL_LINE;
            }
            // TRAILING needs "//" or "#": without either, no match (and no regex run)
            String bare = mayHoldTrailing(s) ? withoutFirst(trailing, s) : s;
            hit |= bare.length() >= 1 && bare.length() < 300 && mayBeCode(bare) && codeLikeLine.reset(bare).matches();
            return hit ? HIT : PROSE;
        }
    }

    /**
     * {@code m.reset(s).replaceFirst("")} without its {@code StringBuilder}: the text before and
     * after the first match, {@code s} itself when there is none.
     */
    static String withoutFirst(Matcher m, String s) {
        if (!m.reset(s).find()) {
            return s;
        }
        int start = m.start();
        int end = m.end();
        return start == 0 ? s.substring(end) : s.substring(0, start).concat(s.substring(end));
    }

    /**
     * {@code withoutFirst(MARKER.matcher(""), line)} by one scan: leading {@code \\s} chars, then
     * the first alternative of {@code //+ | /\*+ | \*+/? | #+ | -- | ;+ | %+ | <!--} that matches
     * (each greedy: what follows, {@code \\s?}, always matches), then one optional {@code \\s}
     * char; the line itself when no marker follows the leading blanks.
     */
    static String withoutMarker(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && regexSpace(line.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return line;
        }
        char c = line.charAt(i);
        char next = i + 1 < n ? line.charAt(i + 1) : 0;
        int j;
        if (c == '/' && (next == '/' || next == '*')) {
            j = run(line, i + 2, next);
        } else if (c == '*') {
            j = run(line, i + 1, '*');
            if (j < n && line.charAt(j) == '/') {
                j++;
            }
        } else if (c == '#' || c == ';' || c == '%') {
            j = run(line, i + 1, c);
        } else if (c == '-' && next == '-') {
            j = i + 2;
        } else if (c == '<' && line.startsWith("<!--", i)) {
            j = i + 4;
        } else {
            return line;
        }
        if (j < n && regexSpace(line.charAt(j))) {
            j++;
        }
        return line.substring(j);
    }

    /** The end of the run of {@code c} starting at {@code from}. */
    private static int run(String s, int from, char c) {
        int j = from;
        while (j < s.length() && s.charAt(j) == c) {
            j++;
        }
        return j;
    }

    /** {@code \\s} of {@link Pattern} (no UNICODE_CHARACTER_CLASS): space, tab, LF, VT, FF, CR. */
    private static boolean regexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * {@code NEUTRAL.matcher(s).matches()} by one scan: empty, or starting with {@code //} or
     * {@code #} and holding no line terminator that {@code .} stops at ({@code \n \r \u0085
     * \u2028 \u2029}; {@code $} before a final one does not end a whole-input match).
     */
    static boolean neutral(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (!(s.startsWith("//") || s.charAt(0) == '#')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** First words of {@code CODE_LIKE}'s third alternative (a statement that needs nothing after it). */
    private static final String[] BARE_STATEMENTS = {"return", "raise", "yield", "throw", "pass", "break", "continue", "else",
        "elif", "try", "except", "finally"};

    /**
     * A necessary condition of {@code CODE_LIKE.matcher(s).matches()} (a non-empty {@code s}), so
     * that most prose lines skip the regex: each alternative of the rule needs one of a last char
     * in {@code ; { } ( ) :}, a first char in {@code @ & | . + ? ) ] }}, an {@code =} or
     * {@code (} somewhere (assignment, call), or one of {@link #BARE_STATEMENTS} first.
     */
    static boolean mayBeCode(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == ';' || last == '{' || last == '}' || last == '(' || last == ')' || last == ':') {
            return true;
        }
        char first = s.charAt(0);
        if (first == '@' || first == '&' || first == '|' || first == '.' || first == '+' || first == '?' || first == ')'
                || first == ']' || first == '}') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' || c == '(') {
                return true;
            }
        }
        for (String w : BARE_STATEMENTS) {
            if (s.startsWith(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} holds {@code //} or {@code #}, which every match of {@code TRAILING} holds. */
    private static boolean mayHoldTrailing(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '#' || (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            c++;
        }
        return c;
    }

    /** Comment lines that are documentation: Python docstrings (LineLexer) and {@code /**} doc comments (Javadoc, JSDoc, KDoc, PHPDoc). */
    static java.util.BitSet docLines(FileContext f) {
        LineCounts lc = f.lineCounts();
        java.util.BitSet doc = new java.util.BitSet();
        for (int d : lc.docstringLines()) {
            if (d <= lc.lines() && lc.kind(d) == LineCounts.Kind.COMMENT) {
                doc.set(d);
            }
        }
        List<String> lines = f.lines();
        int n = (int) Math.min(lines.size(), lc.lines());
        boolean in = false;
        for (int ln = 1; ln <= n; ln++) {
            if (lc.kind(ln) != LineCounts.Kind.COMMENT) {
                in = false;
                continue;
            }
            String s = lines.get(ln - 1).strip();
            if (!in && s.startsWith("/**") && !s.startsWith("/**/")) {
                in = true;
                s = s.substring(3);
            }
            if (in) {
                doc.set(ln);
                if (s.contains("*/")) {
                    in = false;
                }
            }
        }
        return doc;
    }
}
