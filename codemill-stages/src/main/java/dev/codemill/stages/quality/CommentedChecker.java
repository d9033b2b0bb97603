package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 *       filter band (0.01–0.8, Allal et al. 2023) narrowed to what curated code shows.</li>
 *   <li>commented-out code: runs of at least {@code min_commented_run} comment lines (documentation
 *       excluded) whose text after the comment marker ends in {@code ; { }} or starts like a
 *       statement ({@code if (}, {@code return}, {@code else:}, {@code import }, an assignment …);
 *       a commented-out docstring (triple quotes and the lines between them inside the comment
 *       lines) is code too; an isolated code-like line is usually prose and does not count. The share of run lines
 *       over comment lines that are not documentation, above {@code max_commented_code}, is
 *       subtracted from the score; each run is critiqued.</li>
 * </ul>
 */
public final class CommentedChecker implements Checker {
    private static final Pattern MARKER = Pattern.compile("^\\s*(?://+|/\\*+|\\*+/?|#+|--|;+|%+|<!--)\\s?");
    private static final Pattern CODE_LIKE = Pattern.compile(
            "^(?:.*[;{}]|(?:if|for|while|return|import|from|def|class|var|let|const|func|fn|print|printf|System\\.out)\\b.*[(:;{)]"
                    + "|(?:return|raise|yield|throw|pass|break|continue|else|elif|try|except|finally)\\b(?:\\s.*|:.*)?"
                    + "|[A-Za-z_][\\w.\\[\\]]*\\s*(?:[+\\-*/]?=)\\s*[^=\\s].*|[A-Za-z_][\\w.]*\\(.*\\)\\s*;?)$");

    @Override
    public String name() {
        return "commented";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("min_density", "max_density", "max_commented_code", "min_commented_run");
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
        double density = (double) comment / (comment + code);
        double plain = (double) (comment - docLines) / (comment + code);
        double min = p.threshold("min_density", lang);
        double max = p.threshold("max_density", lang);
        List<Critique> out = new ArrayList<>();
        double band = 1.0;
        if (density < min) {
            band = min <= 0 ? 1.0 : density / min;
            out.add(new Critique(p.id(), 1, 1, p.message("too_few", "value", density, "limit", min)));
        } else if (plain > max) {
            band = max >= 1 ? 1.0 : 1.0 - (plain - max) / (1.0 - max);
            out.add(new Critique(p.id(), 1, 1, p.message("too_many", "value", plain, "limit", max)));
        }
        List<String> lines = f.lines();
        int codeLike = 0;
        int run = 0;
        int runStart = 0;
        int minRun = (int) p.threshold("min_commented_run", lang);
        int n = (int) Math.min(lines.size(), lc.lines());
        boolean inQuote = false;
        for (int ln = 1; ln <= n + 1; ln++) {
            boolean hit = false;
            if (ln <= n && lc.kind(ln) == LineCounts.Kind.COMMENT && !doc.get(ln)) {
                String s = MARKER.matcher(lines.get(ln - 1)).replaceFirst("").strip();
                if (s.endsWith("*/")) {
                    s = s.substring(0, s.length() - 2).strip();
                }
                hit = s.length() >= 3 && s.length() < 300 && CODE_LIKE.matcher(s).matches();
                // a commented-out docstring: its quotes and the lines between them belong to the code
                int quotes = count(s, "\"\"\"") + count(s, "'''");
                if (quotes > 0 || inQuote) {
                    hit = true;
                }
                if (quotes % 2 == 1) {
                    inQuote = !inQuote;
                }
            } else {
                inQuote = false;
            }
            if (hit) {
                if (run++ == 0) {
                    runStart = ln;
                }
            } else {
                if (run >= minRun && minRun > 0) {
                    out.add(new Critique(p.id(), runStart, 1, p.message("commented_code", "value", run)));
                    codeLike += run;
                }
                run = 0;
            }
        }
        long prose = comment - docLines;
        double ccShare = prose <= 0 ? 0.0 : (double) codeLike / prose;
        double score = band - Math.max(0.0, ccShare - p.threshold("max_commented_code", lang));
        out.sort(Fmt.BY_POSITION);
        return new CheckResult(score, "text", "density=" + Fmt.f(density) + " doc_lines=" + docLines
                + " commented_code_share=" + Fmt.f(ccShare), out);
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
