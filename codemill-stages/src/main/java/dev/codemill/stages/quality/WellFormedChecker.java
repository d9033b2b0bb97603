package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code well_formed}: the file parses, and indents consistently.
 * <ul>
 *   <li><b>parse</b> (tree only): error ratio = (bytes under outermost {@code ERROR} nodes + one per
 *       {@code MISSING} node) / file bytes; sub-score 1 up to {@code tolerated_error_ratio}, above it
 *       {@code 0.5 * (1 - min(1, ratio / max_error_ratio))}: a syntax error halves the sub-score at
 *       once, so the constitution's tier cap on {@code well_formed} applies (it must cap the tier,
 *       not nudge the score). A tolerance and not "any ERROR node" because tree-sitter flags valid
 *       files (tree-sitter-python on form feeds, see {@code shared/LIBRARIES.md}).</li>
 *   <li><b>indent</b>: over code lines (lines of kind code in {@code LineLexer}), lines whose
 *       indentation has a space before a tab are <em>mixed</em>; lines indented with a tab and
 *       lines indented with at least two spaces are counted, the smaller count over both is the
 *       minority share. Sub-score {@code 1 - min(1, (mixed + minority share) / max_mixed_indent)}.</li>
 * </ul>
 * Score: the smaller sub-score. Critiques: the first 5 syntax errors, the first 5 mixed lines, and
 * the first minority-indented line.
 */
public final class WellFormedChecker implements Checker {
    @Override
    public String name() {
        return "well_formed";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("max_error_ratio", "tolerated_error_ratio", "max_mixed_indent");
    }

    @Override
    public Set<String> messages() {
        return Set.of("syntax_error", "missing", "mixed_line", "mixed_file");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        List<Critique> out = new ArrayList<>();
        String lang = f.language();
        double parseScore = 1.0;
        String measure = "";
        SyntaxTree t = f.tree();
        if (t != null) {
            long err = t.errorBytes();
            double ratio = t.bytes().length == 0 ? 0.0 : (double) err / t.bytes().length;
            double max = p.threshold("max_error_ratio", lang);
            double tolerated = p.threshold("tolerated_error_ratio", lang);
            parseScore = ratio <= tolerated ? 1.0 : max <= 0 ? 0.0 : 0.5 * (1.0 - Math.min(1.0, ratio / max));
            measure = "error_ratio=" + Fmt.f(ratio) + " ";
            syntaxErrors(t, p, out);
        }
        Indent ind = new Indent();
        ind.scan(f.lines(), f.lineCounts(), p, out);
        int code = ind.code;
        int mixed = ind.mixed;
        int tabs = ind.tabs;
        int spaces = ind.spaces;
        int firstTab = ind.firstTab;
        int firstSpace = ind.firstSpace;
        int minority = Math.min(tabs, spaces);
        double minorityShare = minority == 0 ? 0.0 : (double) minority / (tabs + spaces);
        double mixedShare = code == 0 ? 0.0 : (double) mixed / code;
        double maxMixed = p.threshold("max_mixed_indent", lang);
        double bad = mixedShare + minorityShare;
        double indentScore = bad == 0 ? 1.0 : maxMixed <= 0 ? 0.0 : 1.0 - Math.min(1.0, bad / maxMixed);
        if (minority > 0) {
            int at = tabs < spaces ? firstTab : firstSpace;
            out.add(new Critique(p.id(), at, 1, p.message("mixed_file", "value", tabs, "count", spaces)));
        }
        measure += "tab_lines=" + tabs + " space_lines=" + spaces + " mixed_lines=" + mixed;
        out.sort(Fmt.BY_POSITION);
        return new CheckResult(Math.min(parseScore, indentScore), t != null ? "tree" : "text", measure, out);
    }

    /** The first 5 {@code ERROR} (outermost) and {@code MISSING} nodes, critiqued into {@code out} (apart from {@link #check} for the JIT). */
    private static void syntaxErrors(SyntaxTree t, Principle p, List<Critique> out) {
        int shown = 0;
        int i = 0;
        while (i < t.size() && shown < 5) {
            if (t.isError(i)) {
                syntaxError(t, i, p, out);
                shown++;
                i = t.lastDescendant(i) + 1;
            } else {
                if (t.isMissing(i)) {
                    missing(t, i, p, out);
                    shown++;
                }
                i++;
            }
        }
    }

    private static void syntaxError(SyntaxTree t, int i, Principle p, List<Critique> out) {
        int len = t.end(i) - t.start(i);
        out.add(new Critique(p.id(), t.line(t.start(i)), t.column(t.start(i)), p.message("syntax_error", "value", len)));
    }

    private static void missing(SyntaxTree t, int i, Principle p, List<Critique> out) {
        out.add(new Critique(p.id(), t.line(t.start(i)), t.column(t.start(i)), p.message("missing", "name", t.type(i))));
    }

    /**
     * The indentation figures over the code lines (one pass; the first 5 mixed lines critiqued).
     * Its own class so that the JIT compiles the line loop apart from {@link #check}.
     */
    private static final class Indent {
        int code;
        int mixed;
        int tabs;
        int spaces;
        int firstTab;
        int firstSpace;
        private int mixedShown;

        void scan(List<String> lines, LineCounts lc, Principle p, List<Critique> out) {
            int n = lines.size();
            for (int ln = 1; ln <= n; ln++) {
                if (ln <= lc.lines() && lc.kind(ln) != LineCounts.Kind.CODE) {
                    continue;
                }
                line(lines.get(ln - 1), ln, p, out);
            }
        }

        private void line(String l, int ln, Principle p, List<Critique> out) {
            int ws = 0;
            boolean sawSpace = false;
            boolean spaceBeforeTab = false;
            int len = l.length();
            while (ws < len) {
                char c = l.charAt(ws);
                if (c == ' ') {
                    sawSpace = true;
                } else if (c == '\t') {
                    if (sawSpace) {
                        spaceBeforeTab = true;
                    }
                } else {
                    break;
                }
                ws++;
            }
            if (ws == len) {
                return;
            }
            code++;
            if (spaceBeforeTab) {
                mixed++;
                if (mixedShown++ < 5) {
                    mixedLine(ln, p, out);
                }
            }
            if (ws > 0 && l.charAt(0) == '\t') {
                if (tabs++ == 0) {
                    firstTab = ln;
                }
            } else if (ws >= 2) {
                if (spaces++ == 0) {
                    firstSpace = ln;
                }
            }
        }

        private static void mixedLine(int ln, Principle p, List<Critique> out) {
            out.add(new Critique(p.id(), ln, 1, p.message("mixed_line")));
        }
    }
}
