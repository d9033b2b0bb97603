package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Site finders of the statement and call operators: null checks, returns, imports, arguments. */
final class StatementSites {
    /** {@code X is None}, {@code X == null}, {@code null !== X}…: group 1 or 3 the operator. */
    private static final Pattern NULL_TEST = Pattern.compile(
            "^\\(?\\s*(?:[\\w.]+\\s*(is not|is|===|!==|==|!=)\\s*(?:None|null)|(?:None|null)\\s*(===|!==|==|!=|is not|is)\\s*[\\w.]+)\\s*\\)?$");

    private StatementSites() {
    }

    /**
     * An {@code if} without else whose condition tests one name against None/null: an equality
     * guard ({@code if x is None: …}) is deleted, an inequality guard gets {@code True}/{@code (true)}
     * as condition (its body then runs for None too).
     */
    static void removeNullCheck(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.type(i).equals("if_statement") || t.child(i, "alternative") >= 0) {
                continue;
            }
            int cond = t.child(i, "condition");
            if (cond < 0) {
                continue;
            }
            Matcher m = NULL_TEST.matcher(t.text(cond));
            if (!m.matches()) {
                continue;
            }
            String op = m.group(1) != null ? m.group(1) : m.group(2);
            boolean equality = op.equals("is") || op.equals("==") || op.equals("===");
            if (equality) {
                out.add(Nodes.deleteStatement(Operator.REMOVE_NULL_CHECK, t, lang, i, "guard '" + t.text(cond) + "' deleted"));
            } else {
                String always = lang == Lang.PYTHON ? "True" : "(true)";
                out.add(new Mutant(Operator.REMOVE_NULL_CHECK, t.start(cond), t.end(cond), always,
                        "check '" + t.text(cond) + "' replaced by " + always));
            }
        }
    }

    /** A return with a value: Java deletes it, Python and JavaScript keep the value as an expression statement. */
    static void removeReturn(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            if (!t.type(i).equals("return_statement")) {
                continue;
            }
            List<Integer> value = Nodes.namedChildren(t, i);
            if (value.isEmpty()) {
                continue;
            }
            if (lang == Lang.JAVA) {
                out.add(Nodes.deleteStatement(Operator.REMOVE_RETURN, t, lang, i, "return deleted"));
            } else {
                int v = value.get(0);
                String expr = t.text(v);
                if (lang == Lang.JAVASCRIPT && (expr.startsWith("{") || expr.startsWith("function") || expr.startsWith("class"))) {
                    continue;
                }
                out.add(new Mutant(Operator.REMOVE_RETURN, t.start(i), t.start(v), "", "'return' dropped, value kept"));
            }
        }
    }

    /** A top-level import statement deleted (Python {@code from __future__} imports excepted). */
    static void deleteImport(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            if (lang.imports.contains(t.type(i)) && t.parent(i) == 0 && !t.type(i).equals("future_import_statement")) {
                out.add(Nodes.deleteStatement(Operator.DELETE_IMPORT, t, lang, i, "'" + t.text(i).strip() + "' deleted"));
            }
        }
    }

    /** One argument removed (with its comma), for every argument of every call. */
    static void removeArgument(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            List<Integer> args = arguments(t, lang, i);
            for (int k = 0; k < args.size(); k++) {
                int a = args.get(k);
                int s;
                int e;
                if (k + 1 < args.size()) {
                    s = t.start(a);
                    e = t.start(args.get(k + 1));
                } else if (k > 0) {
                    s = t.end(args.get(k - 1));
                    e = t.end(a);
                } else {
                    s = t.start(a);
                    e = t.end(a);
                }
                out.add(new Mutant(Operator.REMOVE_ARGUMENT, s, e, "", "argument " + (k + 1) + " of " + args.size()
                        + " ('" + t.text(a) + "') removed"));
            }
        }
    }

    /** Two adjacent arguments with different text swapped. */
    static void swapArguments(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            List<Integer> args = arguments(t, lang, i);
            for (int k = 0; k + 1 < args.size(); k++) {
                int a = args.get(k);
                int b = args.get(k + 1);
                if (t.text(a).equals(t.text(b))) {
                    continue;
                }
                String between = new String(t.bytes(), t.end(a), t.start(b) - t.end(a), java.nio.charset.StandardCharsets.UTF_8);
                out.add(new Mutant(Operator.SWAP_ARGUMENTS, t.start(a), t.end(b), t.text(b) + between + t.text(a),
                        "arguments " + (k + 1) + " and " + (k + 2) + " swapped"));
            }
        }
    }

    /** The argument nodes of a call node, else empty. */
    private static List<Integer> arguments(SyntaxTree t, Lang lang, int node) {
        if (!lang.call.contains(t.type(node))) {
            return List.of();
        }
        int args = t.child(node, "arguments");
        if (args < 0 || !t.type(args).equals(lang.arguments)) {
            return List.of();
        }
        return Nodes.namedChildren(t, args);
    }
}
