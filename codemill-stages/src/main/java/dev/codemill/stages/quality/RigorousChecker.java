package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rigorous}: errors are handled, code is reachable, open work is not piling up.
 * <ul>
 *   <li>(tree) <b>empty catch</b>: an exception handler whose body has no statement (only
 *       {@code pass} counts as none); a body holding a comment is a documented, deliberate
 *       swallow and is not flagged (Checkstyle's EmptyCatchBlock default);</li>
 *   <li>(tree, Python) <b>bare except</b>: {@code except:} without an exception type (PEP 8);</li>
 *   <li>(tree) <b>unreachable</b>: a statement after one that never completes in the same block
 *       (labels and case/else branches excluded): {@code return}/{@code throw}/{@code break}/
 *       {@code continue}, an {@code if}/{@code else} whose every branch ends so, a {@code try}
 *       whose body and every handler end so ({@link #exits});</li>
 *   <li>(tree) <b>constant condition</b>: {@code if (false)}, {@code if False:}, {@code while 0:} …
 *       (literal false or 0): the body is dead code;</li>
 *   <li>(text) <b>TODO cluster</b>: more than {@code max_todos} {@code TODO}, {@code FIXME},
 *       {@code XXX} or {@code HACK} markers on comment lines.</li>
 * </ul>
 * Score: {@code 1 / (1 + issue_penalty * (empty catches + bare excepts + unreachable statements +
 * constant conditions) + todo_penalty * max(0, markers - max_todos))}: every further issue lowers it
 * (a subtraction floored at 0 stopped counting after four issues).
 */
public final class RigorousChecker implements Checker {
    private static final Pattern TODO = Pattern.compile("\\b(TODO|FIXME|XXX|HACK)\\b");
    private static final Set<String> BLOCKISH = Set.of("block", "statement_block", "compound_statement", "statement_list",
            "statements", "body_statement", "switch_block_statement_group", "case_statement", "switch_section",
            "expression_case", "default_case", "type_case", "then", "else", "constructor_body", "function_body",
            "module", "program", "source_file", "translation_unit");
    /** The node types {@link #constantFalse} looks at. */
    private static final Set<String> CONDITIONALS = Set.of("if_statement", "while_statement", "elif_clause");
    /** Statements besides jumps that may never complete ({@link #exits}). */
    private static final Set<String> IF_OR_TRY = Set.of("if_statement", "try_statement");
    private static final Set<String> BODIES = Set.of("block", "statement_block", "compound_statement", "statements", "then");

    @Override
    public String name() {
        return "rigorous";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("issue_penalty", "todo_penalty", "max_todos");
    }

    @Override
    public Set<String> messages() {
        return Set.of("empty_catch", "bare_except", "unreachable", "constant_condition", "todo_cluster");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        String lang = f.language();
        List<Critique> out = new ArrayList<>();
        int issues = 0;
        SyntaxTree t = f.tree();
        if (t != null) {
            issues = treeIssues(t, f.rules(), p, out);
        }
        int[] todo = todos(f);
        int todos = todo[0];
        int firstLine = todo[1];
        int firstCol = todo[2];
        double maxTodos = p.threshold("max_todos", lang);
        if (todos > maxTodos) {
            out.add(new Critique(p.id(), firstLine, firstCol, p.message("todo_cluster", "value", todos, "limit", (long) maxTodos)));
        }
        double score = 1.0 / (1.0 + p.threshold("issue_penalty", lang) * issues
                + p.threshold("todo_penalty", lang) * Math.max(0, todos - maxTodos));
        out.sort(Fmt.BY_POSITION);
        return new CheckResult(score, t != null ? "tree" : "text", "issues=" + issues + " todo_markers=" + todos, out);
    }

    /**
     * Empty catches, bare excepts, constant conditions and unreachable statements of the tree,
     * critiqued into {@code out}; returns their number. The loop over the nodes asks symbol-id
     * tables ({@link TypeMask}) and calls out to {@link #handler} and {@link #jump} only on a
     * candidate node, so that the JIT compiles the loop apart from the rare, heavier checks.
     */
    private static int treeIssues(SyntaxTree t, LanguageRules r, Principle p, List<Critique> out) {
        int issues = 0;
        TypeMask catches = TypeMask.of(r.catches(), t);
        TypeMask conditionals = TypeMask.of(CONDITIONALS, t);
        TypeMask jumpish = TypeMask.of(r.jumps(), t);
        TypeMask ifOrTry = TypeMask.of(IF_OR_TRY, t);
        for (int n = 0; n < t.size(); n++) {
            if (!t.named(n)) {
                continue;
            }
            if (catches.has(t, n)) {
                issues += handler(t, r, n, p, out);
            } else if (conditionals.has(t, n) && constantFalse(t, n)) {
                issues++;
                out.add(new Critique(p.id(), t.line(t.start(n)), t.column(t.start(n)),
                        p.message("constant_condition", "name", keyword(t.type(n)))));
            }
            if ((jumpish.has(t, n) || ifOrTry.has(t, n)) && exits(t, r, n, 0)) {
                issues += jump(t, r, n, p, out);
            }
        }
        return issues;
    }

    /** An exception handler: empty ({@code empty_catch}) and, for Python, bare ({@code bare_except}); the number of issues. */
    private static int handler(SyntaxTree t, LanguageRules r, int n, Principle p, List<Critique> out) {
        int issues = 0;
        if (emptyHandler(t, r, n)) {
            issues++;
            out.add(new Critique(p.id(), t.line(t.start(n)), t.column(t.start(n)), p.message("empty_catch")));
        }
        if (t.type(n).equals("except_clause") && bareExcept(t, r, n)) {
            issues++;
            out.add(new Critique(p.id(), t.line(t.start(n)), t.column(t.start(n)), p.message("bare_except")));
        }
        return issues;
    }

    /** A statement {@code n} that never completes: 1 when a statement follows it in the same block ({@code unreachable}), else 0. */
    private static int jump(SyntaxTree t, LanguageRules r, int n, Principle p, List<Critique> out) {
        int par = t.parent(n);
        if (par < 0 || !BLOCKISH.contains(t.type(par))) {
            return 0;
        }
        int next = t.nextSibling(n);
        while (next >= 0 && (!t.named(next) || r.comments().contains(t.type(next)))) {
            next = t.nextSibling(next);
        }
        if (next >= 0 && reachableKind(t.type(next))) {
            return 0;
        }
        if (next >= 0) {
            out.add(new Critique(p.id(), t.line(t.start(next)), t.column(t.start(next)),
                    p.message("unreachable", "name", keyword(t.type(n)))));
            return 1;
        }
        return 0;
    }

    /**
     * The {@code TODO}/{@code FIXME}/{@code XXX}/{@code HACK} markers on comment lines (code lines
     * without {@code //} or {@code #} skipped): {count, line of the first, its column}. The regex
     * (whose {@code \b} asks {@code Character.getType} per character) runs only on lines that hold
     * one of the four words: without one it cannot match.
     */
    private static int[] todos(FileContext f) {
        LineCounts lc = f.lineCounts();
        List<String> lines = f.lines();
        int todos = 0;
        int firstLine = 0;
        int firstCol = 0;
        for (int ln = 1; ln <= lines.size(); ln++) {
            String line = lines.get(ln - 1);
            if (lc.exact() && ln <= lc.lines() && lc.kind(ln) == LineCounts.Kind.CODE && !line.contains("//")
                    && !line.contains("#")) {
                continue;
            }
            if (!mayHoldMarker(line)) {
                continue;
            }
            Matcher m = TODO.matcher(line);
            while (m.find()) {
                if (todos++ == 0) {
                    firstLine = ln;
                    firstCol = f.column(ln, m.start());
                }
            }
        }
        return new int[] {todos, firstLine, firstCol};
    }

    /** Whether {@code line} contains one of the words {@link #TODO} matches (a necessary condition of a match). */
    static boolean mayHoldMarker(String line) {
        return line.contains("TODO") || line.contains("FIXME") || line.contains("XXX") || line.contains("HACK");
    }

    /** An {@code if}/{@code while} whose condition is the literal false ({@code false}, {@code False}, {@code 0}). */
    static boolean constantFalse(SyntaxTree t, int n) {
        String ty = t.type(n);
        if (!ty.equals("if_statement") && !ty.equals("while_statement") && !ty.equals("elif_clause")) {
            return false;
        }
        int c = t.child(n, "condition");
        while (c >= 0 && t.type(c).equals("parenthesized_expression")) {
            int inner = -1;
            for (int k = t.firstChild(c); k >= 0; k = t.nextSibling(k)) {
                if (t.named(k)) {
                    inner = k;
                }
            }
            c = inner;
        }
        if (c < 0) {
            return false;
        }
        String ct = t.type(c);
        return ct.equals("false") || (ct.equals("integer") || ct.equals("decimal_integer_literal") || ct.equals("number_literal"))
                && t.text(c).equals("0");
    }

    /**
     * Whether statement {@code n} never completes normally: a jump ({@link LanguageRules#jumps()}),
     * a block whose last statement never completes, an {@code if} with an {@code else} whose every
     * branch never completes, or a {@code try} whose body and every handler never complete.
     */
    static boolean exits(SyntaxTree t, LanguageRules r, int n, int depth) {
        if (n < 0 || depth > 64) {
            return false;
        }
        String ty = t.type(n);
        if (r.jumps().contains(ty)) {
            return true;
        }
        switch (ty) {
            case "block", "statement_block", "compound_statement", "else_clause", "else" -> {
                int last = -1;
                for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
                    if (t.named(c) && !r.comments().contains(t.type(c))) {
                        last = c;
                    }
                }
                return last >= 0 && exits(t, r, last, depth + 1);
            }
            case "if_statement", "elif_clause" -> {
                int cons = t.child(n, "consequence");
                if (!exits(t, r, cons, depth + 1)) {
                    return false;
                }
                boolean otherwise = false;
                for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
                    String f = t.field(c);
                    String ct = t.type(c);
                    if ("alternative".equals(f) || ct.equals("else_clause") || ct.equals("elif_clause")) {
                        if (!exits(t, r, ct.equals("else_clause") ? bodyOf(t, c) : c, depth + 1)) {
                            return false;
                        }
                        otherwise |= !ct.equals("elif_clause");
                    }
                }
                return otherwise || ty.equals("elif_clause");
            }
            case "try_statement" -> {
                int body = t.child(n, "body");
                if (!exits(t, r, body, depth + 1)) {
                    return false;
                }
                for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
                    if (r.catches().contains(t.type(c)) && !exits(t, r, bodyOf(t, c), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The block of a clause ({@code body} field, else its last named child). */
    private static int bodyOf(SyntaxTree t, int clause) {
        int b = t.child(clause, "body");
        if (b >= 0) {
            return b;
        }
        int last = -1;
        for (int c = t.firstChild(clause); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && t.type(c).contains("block")) {
                last = c;
            }
        }
        return last;
    }

    private static boolean reachableKind(String type) {
        return type.contains("label") || type.contains("case") || type.contains("else") || type.contains("elif")
                || type.contains("except") || type.contains("catch") || type.contains("finally") || type.contains("rescue")
                || type.contains("ensure") || type.contains("when") || type.contains("function") || type.contains("class")
                || type.contains("declaration") || type.contains("definition") || type.equals("preproc_call")
                || type.startsWith("preproc");
    }

    private static String keyword(String type) {
        int u = type.indexOf('_');
        return u > 0 ? type.substring(0, u) : type;
    }

    private static boolean emptyHandler(SyntaxTree t, LanguageRules r, int n) {
        int body = t.child(n, "body");
        if (body < 0) {
            for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
                if (BODIES.contains(t.type(c))) {
                    body = c;
                }
            }
        }
        if (body < 0) {
            // Kotlin catch_block / Ruby rescue without statements; a comment inside still counts as intent
            for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
                if (r.comments().contains(t.type(c))) {
                    return false;
                }
            }
            return t.type(n).equals("catch_block") || t.type(n).equals("rescue");
        }
        boolean comment = false;
        for (int c = t.firstChild(body); c >= 0; c = t.nextSibling(c)) {
            if (!t.named(c)) {
                continue;
            }
            if (r.comments().contains(t.type(c))) {
                comment = true;
            } else if (!t.type(c).equals("pass_statement")) {
                return false;
            }
        }
        // a comment after the block's last statement may hang outside it (Python): look at the handler's own children
        for (int c = t.firstChild(n); c >= 0 && !comment; c = t.nextSibling(c)) {
            comment = r.comments().contains(t.type(c));
        }
        return !comment;
    }

    private static boolean bareExcept(SyntaxTree t, LanguageRules r, int n) {
        for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !t.type(c).equals("block") && !r.comments().contains(t.type(c))) {
                return false;
            }
        }
        return true;
    }
}
