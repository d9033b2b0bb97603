package dev.codemill.bench.quality;

import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Degrades a real Python or Java file in exactly one dimension, on its tree-sitter tree, so that
 * the result still parses (checked by {@link QualityPairs}: a degraded copy with more error bytes
 * than the original is discarded). Empty when the dimension has nothing to act on in the file
 * (no guard clause to invert, no function to rename in …).
 */
final class Degrader {
    /**
     * The six single-dimension degradations, and ALL: the six applied one after the other (those
     * that apply), the "junk" side of the curated-versus-junk AUC set.
     */
    enum Dimension {
        NAMES, NODOC, NESTING, SWALLOW, DEAD, COMMENTED, ALL
    }

    private static final int MAX_NODES = 4_000_000;
    private static final String LETTERS = "abcdfghpqrstuvwABCDFGHPQRSW";

    private final String language;
    private final boolean py;

    Degrader(String language) {
        this.language = language;
        this.py = language.equals("Python");
    }

    Optional<String> degrade(String text, Dimension d, int variant) {
        return switch (d) {
            case NAMES -> names(text);
            case NODOC -> nodoc(text);
            case NESTING -> nesting(text);
            case SWALLOW -> swallow(text);
            case DEAD -> dead(text, variant);
            case COMMENTED -> commented(text);
            case ALL -> all(text, variant);
        };
    }

    private Optional<String> all(String text, int variant) {
        String cur = text;
        boolean any = false;
        for (Dimension d : Dimension.values()) {
            if (d == Dimension.ALL) {
                continue;
            }
            Optional<String> next;
            try {
                next = degrade(cur, d, variant);
            } catch (RuntimeException e) {
                next = Optional.empty();
            }
            if (next.isPresent()) {
                cur = next.get();
                any = true;
            }
        }
        return any ? Optional.of(cur) : Optional.empty();
    }

    private SyntaxTree parse(String text) {
        return Parsers.parse(text, language, MAX_NODES).orElseThrow();
    }

    private boolean isFunction(SyntaxTree t, int n) {
        String ty = t.type(n);
        return py ? ty.equals("function_definition") : ty.equals("method_declaration") || ty.equals("constructor_declaration");
    }

    private int enclosingFunction(SyntaxTree t, int n) {
        for (int p = t.parent(n); p >= 0; p = t.parent(p)) {
            if (isFunction(t, p) || (!py && t.type(p).equals("lambda_expression")) || (py && t.type(p).equals("lambda"))) {
                return isFunction(t, p) ? p : -1;
            }
            if (t.type(p).contains("class")) {
                return -1;
            }
        }
        return -1;
    }

    private boolean comment(SyntaxTree t, int n) {
        String ty = t.type(n);
        return ty.equals("comment") || ty.equals("line_comment") || ty.equals("block_comment");
    }

    private List<Integer> namedChildren(SyntaxTree t, int n) {
        List<Integer> out = new ArrayList<>();
        for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !comment(t, c)) {
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ names -> single letters

    /** Parameters and locals of every function renamed to single letters (attributes, fields, keywords untouched). */
    private Optional<String> names(String text) {
        SyntaxTree t = parse(text);
        byte[] b = t.bytes();
        Map<Integer, Map<String, String>> perFunction = new HashMap<>();
        for (int n = 0; n < t.size(); n++) {
            if (!t.type(n).equals("identifier")) {
                continue;
            }
            int fn = enclosingFunction(t, n);
            if (fn < 0 || !declares(t, n)) {
                continue;
            }
            String name = t.text(n);
            if (name.length() <= 1 || name.equals("self") || name.equals("cls")) {
                continue;
            }
            Map<String, String> map = perFunction.computeIfAbsent(fn, k -> new HashMap<>());
            if (!map.containsKey(name) && map.size() < LETTERS.length()) {
                map.put(name, String.valueOf(LETTERS.charAt(map.size())));
            }
        }
        if (perFunction.isEmpty()) {
            return Optional.empty();
        }
        ByteEdits e = new ByteEdits(b);
        for (int n = 0; n < t.size(); n++) {
            if (!t.type(n).equals("identifier") || member(t, n)) {
                continue;
            }
            for (int fn = enclosingFunction(t, n); fn >= 0; fn = enclosingFunction(t, fn)) {
                Map<String, String> map = perFunction.get(fn);
                String to = map == null ? null : map.get(t.text(n));
                if (to != null) {
                    e.replace(t.start(n), t.end(n), to);
                    break;
                }
            }
        }
        return e.isEmpty() ? Optional.empty() : Optional.of(e.apply());
    }

    private boolean declares(SyntaxTree t, int n) {
        int p = t.parent(n);
        String pt = t.type(p);
        String f = t.field(n);
        if (py) {
            return pt.equals("parameters") || pt.equals("lambda_parameters") || pt.equals("list_splat_pattern")
                    || pt.equals("dictionary_splat_pattern")
                    || (pt.equals("typed_parameter") && t.firstChild(p) == n)
                    || ((pt.equals("default_parameter") || pt.equals("typed_default_parameter")) && "name".equals(f))
                    || (pt.equals("assignment") && "left".equals(f))
                    || (pt.equals("for_statement") && "left".equals(f))
                    || (pt.equals("pattern_list") && t.type(t.parent(p)).equals("for_statement"));
        }
        return (pt.equals("formal_parameter") || pt.equals("variable_declarator") || pt.equals("catch_formal_parameter")
                || pt.equals("enhanced_for_statement")) && "name".equals(f)
                && !t.type(t.parent(p)).equals("field_declaration");
    }

    /** An identifier naming a member or keyword argument, not a local. */
    private boolean member(SyntaxTree t, int n) {
        int p = t.parent(n);
        String f = t.field(n);
        String pt = t.type(p);
        if (py) {
            return (pt.equals("attribute") && "attribute".equals(f)) || (pt.equals("keyword_argument") && "name".equals(f));
        }
        return (pt.equals("field_access") && "field".equals(f)) || (pt.equals("method_invocation") && "name".equals(f))
                || pt.equals("method_reference");
    }

    // ------------------------------------------------------------------ docs removed

    private Optional<String> nodoc(String text) {
        SyntaxTree t = parse(text);
        byte[] b = t.bytes();
        ByteEdits e = new ByteEdits(b);
        for (int n = 0; n < t.size(); n++) {
            if (py) {
                int p = t.parent(n);
                if (p < 0 || !t.type(n).equals("expression_statement") || !(t.type(p).equals("block") || t.type(p).equals("module"))) {
                    continue;
                }
                List<Integer> kids = namedChildren(t, p);
                if (kids.isEmpty() || kids.get(0) != n) {
                    continue;
                }
                int s = t.firstChild(n);
                if (s < 0 || !(t.type(s).equals("string") || t.type(s).equals("concatenated_string")) || t.nextSibling(s) >= 0) {
                    continue;
                }
                if (!t.type(p).equals("module") && !isFunction(t, t.parent(p)) && !t.type(t.parent(p)).equals("class_definition")) {
                    continue;
                }
                String rest = kids.size() == 1 ? ByteEdits.indent(b, t.start(n)) + "pass\n" : "";
                removeLines(e, b, t.start(n), t.end(n), rest);
            } else if (t.type(n).equals("block_comment") && t.text(n).startsWith("/**") && !t.text(n).startsWith("/**/")) {
                removeLines(e, b, t.start(n), t.end(n), "");
            }
        }
        return e.isEmpty() ? Optional.empty() : Optional.of(e.apply());
    }

    private static void removeLines(ByteEdits e, byte[] b, int start, int end, String with) {
        if (ByteEdits.startsLine(b, start) && ByteEdits.endsLine(b, end)) {
            e.replace(ByteEdits.lineStart(b, start), ByteEdits.lineEnd(b, end), with);
        } else {
            e.replace(start, end, with.isEmpty() ? "" : with.strip());
        }
    }

    // ------------------------------------------------------------------ guard clauses -> nesting

    /** Every guard clause ({@code if c: return}) followed by more statements becomes {@code if not c: rest else: return}. */
    private Optional<String> nesting(String text) {
        String cur = text;
        int done = 0;
        while (done < 24) {
            SyntaxTree t = parse(cur);
            int g = firstGuard(t);
            if (g < 0) {
                break;
            }
            cur = invert(t, g);
            done++;
        }
        return done == 0 ? Optional.empty() : Optional.of(cur);
    }

    private int firstGuard(SyntaxTree t) {
        for (int n = 0; n < t.size(); n++) {
            if (!t.type(n).equals("if_statement") || t.child(n, "alternative") >= 0 || enclosingFunction(t, n) < 0) {
                continue;
            }
            int p = t.parent(n);
            if (!t.type(p).equals("block")) {
                continue;
            }
            if (jump(t, t.child(n, "consequence")) < 0) {
                continue;
            }
            List<Integer> sib = namedChildren(t, p);
            int at = sib.indexOf(n);
            if (at < 0 || at == sib.size() - 1) {
                continue;
            }
            if (py && !ByteEdits.startsLine(t.bytes(), t.start(n))) {
                continue;
            }
            return n;
        }
        return -1;
    }

    /** The single jump statement of a guard's consequence, or -1. */
    private int jump(SyntaxTree t, int cons) {
        if (cons < 0) {
            return -1;
        }
        int stmt = cons;
        if (t.type(cons).equals("block")) {
            List<Integer> kids = namedChildren(t, cons);
            if (kids.size() != 1) {
                return -1;
            }
            stmt = kids.get(0);
        }
        String ty = t.type(stmt);
        return ty.equals("return_statement") || ty.equals("raise_statement") || ty.equals("throw_statement")
                || ty.equals("continue_statement") || ty.equals("break_statement") ? stmt : -1;
    }

    private String invert(SyntaxTree t, int g) {
        byte[] b = t.bytes();
        int p = t.parent(g);
        List<Integer> sib = namedChildren(t, p);
        int last = sib.get(sib.size() - 1);
        int cond = t.child(g, "condition");
        String c = t.text(cond);
        int stmt = jump(t, t.child(g, "consequence"));
        String jumpText = t.text(stmt);
        ByteEdits e = new ByteEdits(b);
        if (py) {
            String ind = ByteEdits.indent(b, t.start(g));
            int restStart = ByteEdits.lineEnd(b, t.end(g) - 1);
            int restEnd = ByteEdits.lineEnd(b, t.end(last) - 1);
            String rest = ByteEdits.text(b, restStart, restEnd);
            if (!rest.endsWith("\n")) {
                rest += "\n";
            }
            String out = ind + "if not (" + c + "):\n" + ByteEdits.indentLines(rest, "    ") + ind + "else:\n"
                    + ByteEdits.indentLines(jumpText.strip() + "\n", ind + "    ");
            e.replace(ByteEdits.lineStart(b, t.start(g)), restEnd, out);
        } else {
            String ind = ByteEdits.indent(b, t.start(g));
            String rest = ByteEdits.text(b, t.end(g), t.end(last));
            String out = "if (!" + c + ") {" + rest.replace("\n", "\n    ") + "\n" + ind + "} else {\n" + ind + "    " + jumpText + "\n" + ind + "}";
            e.replace(t.start(g), t.end(last), out);
        }
        return e.apply();
    }

    // ------------------------------------------------------------------ swallowed exception added

    /** One simple statement in a function body wrapped in {@code try: … except: pass} / an empty {@code catch}. */
    private Optional<String> swallow(String text) {
        SyntaxTree t = parse(text);
        List<Integer> cands = simpleStatements(t, true);
        if (cands.isEmpty()) {
            return Optional.empty();
        }
        int s = cands.get(cands.size() / 2);
        byte[] b = t.bytes();
        ByteEdits e = new ByteEdits(b);
        String ind = ByteEdits.indent(b, t.start(s));
        if (py) {
            int ls = ByteEdits.lineStart(b, t.start(s));
            int le = ByteEdits.lineEnd(b, t.end(s) - 1);
            String body = ByteEdits.text(b, ls, le);
            e.replace(ls, le, ind + "try:\n" + ByteEdits.indentLines(body.endsWith("\n") ? body : body + "\n", "    ")
                    + ind + "except:\n" + ind + "    pass\n");
        } else {
            e.replace(t.start(s), t.end(s), "try {\n" + ind + "    " + t.text(s) + "\n" + ind + "} catch (Exception ex) {\n" + ind + "}");
        }
        return Optional.of(e.apply());
    }

    /** Single-line expression statements (calls, assignments) directly in a function body block, in order. */
    private List<Integer> simpleStatements(SyntaxTree t, boolean anyBlock) {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < t.size(); n++) {
            if (!t.type(n).equals("expression_statement") || t.startLine(n) != t.endLine(n)) {
                continue;
            }
            int p = t.parent(n);
            if (!t.type(p).equals("block") || enclosingFunction(t, n) < 0 || (!anyBlock && !isFunction(t, t.parent(p)))) {
                continue;
            }
            int c = t.firstChild(n);
            if (c < 0 || t.type(c).equals("string") || !ByteEdits.startsLine(t.bytes(), t.start(n))
                    || !ByteEdits.endsLine(t.bytes(), t.end(n))) {
                continue;
            }
            out.add(n);
        }
        return out;
    }

    // ------------------------------------------------------------------ dead code

    /**
     * Variant even: a copy of a statement of the same function pasted after the function's final
     * {@code return}; variant odd: the copy under {@code if False:} / {@code if (false)} before it.
     */
    private Optional<String> dead(String text, int variant) {
        SyntaxTree t = parse(text);
        byte[] b = t.bytes();
        List<Integer> simple = simpleStatements(t, false);
        for (int s : simple) {
            int block = t.parent(s);
            List<Integer> kids = namedChildren(t, block);
            int lastStmt = kids.get(kids.size() - 1);
            String ind = ByteEdits.indent(b, t.start(s));
            String copy = t.text(s);
            ByteEdits e = new ByteEdits(b);
            if (variant % 2 == 0) {
                if (!t.type(lastStmt).equals("return_statement") || !ByteEdits.endsLine(b, t.end(lastStmt))
                        || !ByteEdits.startsLine(b, t.start(lastStmt))) {
                    continue;
                }
                String rind = ByteEdits.indent(b, t.start(lastStmt));
                int at = ByteEdits.lineEnd(b, t.end(lastStmt) - 1);
                String nl = at > 0 && b[at - 1] == '\n' ? "" : "\n";
                e.insert(at, nl + rind + copy + "\n");
            } else {
                int at = ByteEdits.lineStart(b, t.start(s));
                e.insert(at, py ? ind + "if False:\n" + ind + "    " + copy + "\n" : ind + "if (false) {\n" + ind + "    " + copy + "\n" + ind + "}\n");
            }
            return Optional.of(e.apply());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ commented-out code pasted in

    /** A copy of a 5–25 line function pasted, commented out, before the next function. */
    private Optional<String> commented(String text) {
        SyntaxTree t = parse(text);
        byte[] b = t.bytes();
        List<Integer> fns = new ArrayList<>();
        for (int n = 0; n < t.size(); n++) {
            if (isFunction(t, n) && ByteEdits.startsLine(b, t.start(n))) {
                fns.add(n);
            }
        }
        for (int i = 0; i + 1 < fns.size(); i++) {
            int f = fns.get(i);
            int lines = t.endLine(f) - t.startLine(f) + 1;
            if (lines < 5 || lines > 25) {
                continue;
            }
            int target = fns.get(i + 1);
            if (t.startLine(target) <= t.endLine(f)) {
                continue;
            }
            String src = ByteEdits.text(b, ByteEdits.lineStart(b, t.start(f)), ByteEdits.lineEnd(b, t.end(f) - 1));
            String ind = ByteEdits.indent(b, t.start(target));
            String fInd = ByteEdits.indent(b, t.start(f));
            String marker = py ? "# " : "// ";
            StringBuilder sb = new StringBuilder();
            for (String line : src.split("\n", -1)) {
                if (line.isBlank()) {
                    continue;
                }
                String body = line.startsWith(fInd) ? line.substring(fInd.length()) : line.stripLeading();
                sb.append(ind).append(marker).append(body.stripTrailing()).append('\n');
            }
            int at = ByteEdits.lineStart(b, t.start(decorated(t, target)));
            ByteEdits e = new ByteEdits(b);
            e.insert(at, sb.toString());
            return Optional.of(e.apply());
        }
        return Optional.empty();
    }

    /** The decorated definition / annotated start of a function (decorators and doc comments stay attached below the paste). */
    private int decorated(SyntaxTree t, int fn) {
        int p = t.parent(fn);
        if (py && p >= 0 && t.type(p).equals("decorated_definition")) {
            return p;
        }
        int prev = -1;
        for (int c = p < 0 ? -1 : t.firstChild(p); c >= 0 && c != fn; c = t.nextSibling(c)) {
            prev = c;
        }
        return prev >= 0 && comment(t, prev) && t.endLine(prev) >= t.startLine(fn) - 1 ? prev : fn;
    }

    /** Names of the dimensions, lower case, for tables. */
    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            out.add(d.name().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

}
