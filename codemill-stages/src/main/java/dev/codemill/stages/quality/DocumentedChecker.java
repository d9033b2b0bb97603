package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code documented}: public definitions carry a doc comment, and the file has a header.
 * <ul>
 *   <li><b>definitions</b> (tree only): named functions, methods and classes not nested inside a
 *       function, at least {@code min_unit_lines} lines long, public by the language's rule
 *       ({@link LanguageRules#visibility()}). Documented when the body starts with a docstring
 *       (Python, PEP 257) or the previous named sibling (decorators/attributes skipped) is a
 *       comment ending at most one blank line above, starting with one of the language's doc
 *       prefixes ({@code /**} Javadoc/JSDoc/KDoc/PHPDoc, {@code ///} Rust/C#) — any comment for
 *       Go, C, C++ and Ruby, whose doc tools (godoc, Doxygen, RDoc) take the comment above.</li>
 *   <li><b>header</b>: the first non-blank line (after a shebang or encoding line) is a comment or
 *       a docstring.</li>
 *   <li><b>doc density</b> (languages whose documentation the line lexer sees: Python docstrings,
 *       {@code /**} doc comments): doc lines / code lines, sub-score {@code min(1, density /
 *       min_doc_density)}; it makes documentation of private and package-private code count, so
 *       that removing any documentation lowers the score (issue 13: 10 % of JDK files lost only
 *       Javadoc of non-public members and kept their score).</li>
 * </ul>
 * Score: {@code (1 - header_weight - doc_weight) * documented share + header_weight * header +
 * doc_weight * doc density} (share 1 when there is no public definition or no tree; doc_weight 0
 * for languages without a visible doc convention).
 */
public final class DocumentedChecker implements Checker {
    @Override
    public String name() {
        return "documented";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("min_unit_lines", "header_weight", "doc_weight", "min_doc_density");
    }

    @Override
    public Set<String> messages() {
        return Set.of("undocumented", "no_header");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        String lang = f.language();
        List<Critique> out = new ArrayList<>();
        int headerLine = header(f);
        boolean header = headerLine <= 0;
        if (!header && headerLine > 0) {
            out.add(new Critique(p.id(), headerLine, 1, p.message("no_header")));
        }
        double hw = p.threshold("header_weight", lang);
        SyntaxTree t = f.tree();
        int total = 0;
        int documented = 0;
        if (t != null) {
            int[] counts = definitions(t, f.rules(), (int) p.threshold("min_unit_lines", lang), p, out);
            total = counts[0];
            documented = counts[1];
        }
        double share = total == 0 ? 1.0 : (double) documented / total;
        LanguageRules lr = LanguageRules.of(lang);
        boolean docsVisible = lr != null && (lr.docstrings() || lr.docPrefixes().contains("/**"));
        double dw = docsVisible ? p.threshold("doc_weight", lang) : 0.0;
        long docLines = docsVisible ? CommentedChecker.docLines(f).cardinality() : 0;
        long code = f.lineCounts().code();
        double minDensity = p.threshold("min_doc_density", lang);
        double docDensity = code == 0 ? 1.0 : (double) docLines / code;
        double densityScore = minDensity <= 0 ? 1.0 : Math.min(1.0, docDensity / minDensity);
        double score = (1 - hw - dw) * share + hw * (header ? 1.0 : 0.0) + dw * densityScore;
        out.sort(Fmt.BY_POSITION);
        String measure = "documented=" + documented + "/" + total + " header=" + header
                + (docsVisible ? " doc_density=" + Fmt.f(docDensity) : "");
        return new CheckResult(score, t != null ? "tree" : "text", measure, out);
    }

    /**
     * The public definitions of the tree and the documented ones among them, {total, documented};
     * each undocumented one critiqued into {@code out}. The loop over the nodes is a method of its
     * own and the work on a definition another ({@link #definition}), so that the JIT compiles the
     * loop apart from the rare, heavier checks.
     */
    private static int[] definitions(SyntaxTree t, LanguageRules r, int minLines, Principle p, List<Critique> out) {
        int[] counts = new int[2];
        TypeMask functions = TypeMask.of(r.functions(), t);
        TypeMask anonymous = TypeMask.of(Units.ANONYMOUS, t);
        TypeMask classes = TypeMask.of(r.classes(), t);
        for (int n = 0; n < t.size(); n++) {
            boolean fn = Units.isFunction(t, functions, n) && !anonymous.has(t, n);
            boolean cls = classes.has(t, n) && t.named(n);
            if (!fn && !cls) {
                continue;
            }
            definition(t, r, n, fn, minLines, p, out, counts);
        }
        return counts;
    }

    /** One function or class node of {@link #definitions}: counted into {@code counts} when public and long enough. */
    private static void definition(SyntaxTree t, LanguageRules r, int n, boolean fn, int minLines, Principle p, List<Critique> out,
                                   int[] counts) {
        if (t.endLine(n) - t.startLine(n) + 1 < minLines || Units.insideFunction(t, r, n)) {
            return;
        }
        String name = Units.name(t, r, n);
        if (name == null || !isPublic(t, r, n, name)) {
            return;
        }
        counts[0]++;
        if (hasDoc(t, r, n)) {
            counts[1]++;
        } else {
            int at = Units.nameNode(t, r, n);
            int pos = at >= 0 ? t.start(at) : t.start(n);
            out.add(new Critique(p.id(), t.line(t.start(n)), t.column(pos),
                    p.message("undocumented", "kind", fn ? "function" : "class", "name", name)));
        }
    }

    /** -1 when the file has a header (or is empty: 0 then), else the first non-blank line. */
    static int header(FileContext f) {
        List<String> lines = f.lines();
        LineCounts lc = f.lineCounts();
        for (int ln = 1; ln <= lines.size(); ln++) {
            String s = lines.get(ln - 1).strip();
            if (s.isEmpty() || (ln == 1 && s.startsWith("#!")) || (ln <= 2 && s.startsWith("#") && s.contains("coding"))
                    || s.equals("<?php") || s.equals("<?")) {
                continue;
            }
            boolean comment;
            if (lc.exact()) {
                comment = lc.kind(ln) == LineCounts.Kind.COMMENT;
            } else {
                comment = s.startsWith("#") || s.startsWith("//") || s.startsWith("/*") || s.startsWith("--")
                        || s.startsWith(";") || s.startsWith("<!--") || s.startsWith("%") || s.startsWith("(*");
            }
            return comment ? -1 : ln;
        }
        return 0;
    }

    private static boolean isPublic(SyntaxTree t, LanguageRules r, int n, String name) {
        String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        switch (r.visibility()) {
            case "underscore":
                return !bare.startsWith("_");
            case "capital":
                return !bare.isEmpty() && Character.isUpperCase(bare.codePointAt(0));
            case "keyword":
                return modifiers(t, n).matches("(?s).*\\b(public|protected)\\b.*") || inInterface(t, n);
            case "not_private":
                return !modifiers(t, n).matches("(?s).*\\bprivate\\b.*");
            case "not_static":
                return !modifiers(t, n).matches("(?s).*\\bstatic\\b.*") && !bare.startsWith("_");
            case "pub":
                return t.childOfType(n, "visibility_modifier") >= 0;
            case "exported":
                return !bare.startsWith("_") && !bare.startsWith("#")
                        && (t.parent(n) >= 0 && (t.type(t.parent(n)).equals("export_statement")
                        || t.type(t.parent(n)).equals("class_body")));
            default:
                return true;
        }
    }

    private static boolean inInterface(SyntaxTree t, int n) {
        int p = t.parent(n);
        return p >= 0 && t.type(p).equals("interface_body");
    }

    /** Text of the modifier children of a definition (lower case), empty when none. */
    private static String modifiers(SyntaxTree t, int n) {
        StringBuilder sb = new StringBuilder();
        for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
            String ty = t.type(c);
            if (ty.contains("modifier") || ty.equals("storage_class_specifier")) {
                sb.append(t.text(c)).append(' ');
            }
            if ("name".equals(t.field(c)) || "body".equals(t.field(c))) {
                break;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean hasDoc(SyntaxTree t, LanguageRules r, int n) {
        if (r.docstrings()) {
            int body = t.child(n, "body");
            if (body >= 0) {
                for (int c = t.firstChild(body); c >= 0; c = t.nextSibling(c)) {
                    if (!t.named(c) || r.comments().contains(t.type(c))) {
                        continue;
                    }
                    int s = t.firstChild(c);
                    return t.type(c).equals("expression_statement") && s >= 0 && t.type(s).equals("string");
                }
            }
            return false;
        }
        int anchor = Units.docAnchor(t, n);
        int prev = Units.previousNamed(t, anchor);
        if (prev < 0 || !r.comments().contains(t.type(prev))) {
            return false;
        }
        if (t.endLine(prev) < t.startLine(firstDecoration(t, prev, anchor)) - 2) {
            return false;
        }
        if (r.docPrefixes().isEmpty()) {
            return true;
        }
        String text = t.text(prev);
        for (String pre : r.docPrefixes()) {
            if (text.startsWith(pre)) {
                return !(pre.equals("/**") && text.startsWith("/**/"));
            }
        }
        return false;
    }

    private static int firstDecoration(SyntaxTree t, int comment, int anchor) {
        int s = t.nextSibling(comment);
        while (s >= 0 && s != anchor && !t.named(s)) {
            s = t.nextSibling(s);
        }
        return s >= 0 ? s : anchor;
    }
}
