package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code small_units}: every function is short, shallow, simple and takes few
 * parameters. Per function (lambdas and closures included; a nested function is its own unit and
 * is left out of its parent's nesting and complexity):
 * <ul>
 *   <li>lines: last line - first line + 1, limit {@code max_lines};</li>
 *   <li>nesting: deepest chain of nesting constructs ({@link LanguageRules#nesting()}; an
 *       {@code if} that is the {@code else} branch of another adds nothing), limit
 *       {@code max_nesting};</li>
 *   <li>cyclomatic complexity: 1 + decision points ({@link LanguageRules#branches()} and the
 *       short-circuit operators {@code && || and or}; McCabe 1976), limit {@code max_complexity};</li>
 *   <li>parameters ({@code self}/{@code cls} excluded), limit {@code max_parameters};</li>
 *   <li>(tree) inverted guards: an {@code if} whose {@code else} branch is a single
 *       {@code return}/{@code raise}/{@code throw}/{@code break}/{@code continue} while its own
 *       branch holds the longer main path (two lines or more) — the shape
 *       Fowler's "Replace Nested Conditional with Guard Clauses" removes; each one multiplies the
 *       unit score by {@code 1 / (1 + guard_cost)}.</li>
 * </ul>
 * Unit score: the product over the first four of {@code min(1, limit / value)}; file score:
 * {@code (1 - sqrt(shortfall)) / (1 + depth_cost * mean_depth)} (see {@link #result}) where shortfall is the mean of {@code 1 - unit score} weighted by unit
 * lines (1 when the file has no function): the square root keeps one bad function in a long file
 * visible (a unit holding 1 % of the lines at unit score 0.5 costs 0.07 instead of 0.005).
 * Defaults: 80 lines (the example), nesting 3 (Checkstyle's NestedIfDepth counts from 1
 * and PMD's AvoidDeeplyNestedIfStmts flags 3; guard clauses turned into nested ifs must show),
 * 6 parameters (Checkstyle ParameterNumber order of magnitude), complexity 15 (SonarQube's
 * default cognitive limit; McCabe suggested 10). Without a tree the same measures come from
 * {@link StructureScan} (basis {@code scan}: brace/indentation depth, keyword-found functions).
 */
public final class SmallUnitsChecker implements Checker {
    @Override
    public String name() {
        return "small_units";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("max_lines", "max_nesting", "max_complexity", "max_parameters", "depth_cost", "guard_cost");
    }

    @Override
    public Set<String> messages() {
        return Set.of("too_long", "too_deep", "too_complex", "too_many_parameters", "inverted_guard");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        SyntaxTree t = f.tree();
        if (t == null) {
            return scanned(f, p);
        }
        LanguageRules r = f.rules();
        String lang = f.language();
        double maxLines = p.threshold("max_lines", lang);
        double maxNest = p.threshold("max_nesting", lang);
        double maxCc = p.threshold("max_complexity", lang);
        double maxParams = p.threshold("max_parameters", lang);
        double guardCost = p.threshold("guard_cost", lang);
        List<Critique> out = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        int units = 0;
        int worstLines = 0;
        int worstNest = 0;
        int worstCc = 0;
        Walk w = new Walk(t, r);
        TypeMask functions = w.functions;
        double depthWeighted = 0;
        for (int fn = 0; fn < t.size(); fn++) {
            if (!Units.isFunction(t, functions, fn)) {
                continue;
            }
            units++;
            int lines = t.endLine(fn) - t.startLine(fn) + 1;
            w.unit(t, r, fn);
            int params = Units.paramCount(t, r, fn);
            double s = ratio(maxLines, lines) * ratio(maxNest, w.nest) * ratio(maxCc, w.cc) * ratio(maxParams, params)
                    / (1.0 + guardCost * w.guards);
            if (w.guards > 0 || lines > maxLines || w.nest > maxNest || w.cc > maxCc || params > maxParams) {
                critiques(out, t, r, fn, p, w, lines, params, maxLines, maxNest, maxCc, maxParams);
            }
            weighted += s * lines;
            weights += lines;
            depthWeighted += (w.depthCount == 0 ? 0.0 : (double) w.depthSum / w.depthCount) * lines;
            worstLines = Math.max(worstLines, lines);
            worstNest = Math.max(worstNest, w.nest);
            worstCc = Math.max(worstCc, w.cc);
        }
        // shortfall: the line-weighted mean of (1 - unit score); its square root makes one bad
        // function in a long file count (1 % of the lines at unit score 0.5 costs 0.07, not 0.005)
        return result(p, lang, weighted, weights, depthWeighted, out,
                "units=" + units + " max_lines=" + worstLines + " max_nesting=" + worstNest + " max_complexity=" + worstCc, "tree");
    }

    /** The critiques of one unit over a limit (apart from {@link #check}: the JIT compiles the message formatting on its own). */
    private static void critiques(List<Critique> out, SyntaxTree t, LanguageRules r, int fn, Principle p, Walk w, int lines,
                                  int params, double maxLines, double maxNest, double maxCc, double maxParams) {
        String name = Units.name(t, r, fn);
        String shown = name == null ? "<anonymous>" : name;
        int line = t.line(t.start(fn));
        int col = t.column(t.start(fn));
        if (w.guards > 0) {
            out.add(new Critique(p.id(), line, col, p.message("inverted_guard", "name", shown)));
        }
        if (lines > maxLines) {
            out.add(new Critique(p.id(), line, col, p.message("too_long", "name", shown, "value", lines, "limit", (long) maxLines)));
        }
        if (w.nest > maxNest) {
            out.add(new Critique(p.id(), line, col, p.message("too_deep", "name", shown, "value", w.nest, "limit", (long) maxNest)));
        }
        if (w.cc > maxCc) {
            out.add(new Critique(p.id(), line, col, p.message("too_complex", "name", shown, "value", w.cc, "limit", (long) maxCc)));
        }
        if (params > maxParams) {
            out.add(new Critique(p.id(), line, col,
                    p.message("too_many_parameters", "name", shown, "value", params, "limit", (long) maxParams)));
        }
    }

    /**
     * The walk over one function's nodes (nested functions skipped): nesting, decision points,
     * inverted guards and the depth sum of its named nodes. One instance per file, its depth
     * array reused from unit to unit; its own class so that the JIT compiles this loop apart from
     * the per-file loop in {@link #check}.
     */
    private static final class Walk {
        /** {@code if_statement}, the one node type whose inverted-guard shape is checked. */
        private static final Set<String> IF = Set.of("if_statement");

        private final TypeMask functions;
        private final TypeMask nestingTypes;
        private final TypeMask branches;
        private final TypeMask logical;
        private final TypeMask ifs;
        private int[] depth = new int[0];
        int nest;
        int cc;
        int guards;
        long depthSum;
        int depthCount;

        Walk(SyntaxTree t, LanguageRules r) {
            functions = TypeMask.of(r.functions(), t);
            nestingTypes = TypeMask.of(r.nesting(), t);
            branches = TypeMask.of(r.branches(), t);
            logical = TypeMask.of(LanguageRules.LOGICAL_OPERATORS, t);
            ifs = TypeMask.of(IF, t);
        }

        void unit(SyntaxTree t, LanguageRules r, int fn) {
            int last = t.lastDescendant(fn);
            if (depth.length < last - fn + 1) {
                depth = new int[Math.max(last - fn + 1, depth.length * 2)];
            }
            nest = 0;
            cc = 1;
            guards = 0;
            depthSum = 0;
            depthCount = 0;
            depth[0] = 0;
            int i = fn + 1;
            while (i <= last) {
                if (Units.isFunction(t, functions, i)) {
                    int skip = t.lastDescendant(i);
                    i = skip + 1;
                    continue;
                }
                int par = t.parent(i);
                int d = depth[par - fn];
                if (nestingTypes.has(t, i) && !isElseIf(t, i)) {
                    d++;
                }
                depth[i - fn] = d;
                boolean named = t.named(i);
                if (named) {
                    depthSum += d;
                    depthCount++;
                }
                if (d > nest) {
                    nest = d;
                }
                if (named ? branches.has(t, i) : logical.has(t, i)) {
                    cc++;
                }
                if (ifs.has(t, i) && invertedGuard(t, r, i)) {
                    guards++;
                }
                i++;
            }
        }
    }

    /** The same measures on {@link StructureScan}'s functions (basis {@code scan}). */
    private CheckResult scanned(FileContext f, Principle p) {
        String lang = f.language();
        double maxLines = p.threshold("max_lines", lang);
        double maxNest = p.threshold("max_nesting", lang);
        double maxCc = p.threshold("max_complexity", lang);
        double maxParams = p.threshold("max_parameters", lang);
        List<Critique> out = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        double depthWeighted = 0;
        int worstLines = 0;
        int worstNest = 0;
        int worstCc = 0;
        List<StructureScan.Unit> units = f.scan().units();
        for (StructureScan.Unit u : units) {
            double s = ratio(maxLines, u.lines()) * ratio(maxNest, u.nesting()) * ratio(maxCc, u.complexity())
                    * ratio(maxParams, u.parameters());
            if (u.lines() > maxLines) {
                out.add(new Critique(p.id(), u.line(), 1, p.message("too_long", "name", u.name(), "value", u.lines(), "limit", (long) maxLines)));
            }
            if (u.nesting() > maxNest) {
                out.add(new Critique(p.id(), u.line(), 1, p.message("too_deep", "name", u.name(), "value", u.nesting(), "limit", (long) maxNest)));
            }
            if (u.complexity() > maxCc) {
                out.add(new Critique(p.id(), u.line(), 1,
                        p.message("too_complex", "name", u.name(), "value", u.complexity(), "limit", (long) maxCc)));
            }
            if (u.parameters() > maxParams) {
                out.add(new Critique(p.id(), u.line(), 1,
                        p.message("too_many_parameters", "name", u.name(), "value", u.parameters(), "limit", (long) maxParams)));
            }
            weighted += s * u.lines();
            weights += u.lines();
            depthWeighted += u.meanDepth() * u.lines();
            worstLines = Math.max(worstLines, u.lines());
            worstNest = Math.max(worstNest, u.nesting());
            worstCc = Math.max(worstCc, u.complexity());
        }
        return result(p, lang, weighted, weights, depthWeighted, out,
                "units=" + units.size() + " max_lines=" + worstLines + " max_nesting=" + worstNest + " max_complexity=" + worstCc, "scan");
    }

    /**
     * {@code (1 - sqrt(shortfall)) / (1 + depth_cost * mean_depth)}: shortfall is the line-weighted
     * mean of {@code 1 - unit score}; mean_depth the line-weighted mean over units of the mean
     * nesting depth of their nodes (tree) or code lines (scan), so that every level of nesting
     * costs, also below {@code max_nesting} (a guard clause turned into an {@code if}/{@code else}
     * moves the rest of the function one level down).
     */
    private static CheckResult result(Principle p, String lang, double weighted, double weights, double depthWeighted,
                                      List<Critique> out, String measure, String basis) {
        double meanDepth = weights == 0 ? 0.0 : depthWeighted / weights;
        double limits = weights == 0 ? 1.0 : 1.0 - Math.sqrt(Math.max(0.0, 1.0 - weighted / weights));
        double score = limits / (1.0 + p.threshold("depth_cost", lang) * meanDepth);
        out.sort(Fmt.BY_POSITION);
        return new CheckResult(score, basis, measure + " mean_depth=" + Fmt.f(meanDepth), out);
    }

    private static double ratio(double limit, int value) {
        return value <= limit ? 1.0 : limit <= 0 ? 0.0 : limit / value;
    }

    /**
     * An {@code if} with an {@code else} (not {@code else if}) that holds a single jump statement,
     * while the {@code if} branch holds the longer main path (at least two lines, more than the
     * jump's). When the main path also ends in a jump this is pylint's {@code no-else-return}.
     */
    static boolean invertedGuard(SyntaxTree t, LanguageRules r, int n) {
        int cons = t.child(n, "consequence");
        int alt = t.child(n, "alternative");
        if (cons < 0 || alt < 0 || t.nextSibling(alt) >= 0 && "alternative".equals(t.field(t.nextSibling(alt)))) {
            return false; // if / elif / else chains are a choice among cases, not a guard
        }
        String at = t.type(alt);
        if (at.equals("elif_clause") || at.equals("if_statement")) {
            return false;
        }
        int altBody = alt;
        if (at.equals("else_clause") || at.equals("else")) {
            altBody = t.child(alt, "body");
            if (altBody < 0) {
                altBody = lastNamed(t, r, alt);
            }
        }
        List<Integer> alts = statements(t, r, altBody);
        if (alts.size() != 1 || !r.jumps().contains(t.type(alts.get(0)))) {
            return false;
        }
        List<Integer> main = statements(t, r, cons);
        if (main.isEmpty()) {
            return false;
        }
        int mainLines = t.endLine(main.get(main.size() - 1)) - t.startLine(main.get(0)) + 1;
        int exitLines = t.endLine(alts.get(0)) - t.startLine(alts.get(0)) + 1;
        return mainLines >= 2 && mainLines > exitLines;
    }

    /** The statements of a block (named children that are not comments), or the node itself when it is no block. */
    private static List<Integer> statements(SyntaxTree t, LanguageRules r, int node) {
        List<Integer> out = new ArrayList<>();
        if (node < 0) {
            return out;
        }
        String ty = t.type(node);
        if (!ty.equals("block") && !ty.equals("statement_block") && !ty.equals("compound_statement")) {
            if (!(ty.equals("else_clause") || ty.equals("else"))) {
                out.add(node);
            }
            return out;
        }
        for (int c = t.firstChild(node); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !r.comments().contains(t.type(c))) {
                out.add(c);
            }
        }
        return out;
    }

    private static int lastNamed(SyntaxTree t, LanguageRules r, int node) {
        int last = -1;
        for (int c = t.firstChild(node); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !r.comments().contains(t.type(c))) {
                last = c;
            }
        }
        return last;
    }

    /** An {@code if} in the else branch of another {@code if} ({@code else if} chains are flat). */
    private static boolean isElseIf(SyntaxTree t, int n) {
        int p = t.parent(n);
        if (p < 0) {
            return false;
        }
        if ("alternative".equals(t.field(n))) {
            return true;
        }
        String pt = t.type(p);
        if (pt.equals("else_clause") || pt.equals("else")) {
            // the if must be the else clause's only statement
            int named = 0;
            for (int c = t.firstChild(p); c >= 0; c = t.nextSibling(c)) {
                if (t.named(c)) {
                    named++;
                }
            }
            return named == 1;
        }
        return false;
    }
}
