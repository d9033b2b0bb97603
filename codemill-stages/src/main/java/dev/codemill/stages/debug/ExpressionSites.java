package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.List;
import java.util.Map;

/** Site finders of the expression operators: comparisons, boolean operators, bounds, literals, type errors. */
final class ExpressionSites {
    static final Map<String, String> FLIP = Map.ofEntries(Map.entry("<", ">="), Map.entry(">=", "<"),
            Map.entry(">", "<="), Map.entry("<=", ">"), Map.entry("==", "!="), Map.entry("!=", "=="),
            Map.entry("===", "!=="), Map.entry("!==", "==="), Map.entry("in", "not in"), Map.entry("not in", "in"),
            Map.entry("is", "is not"), Map.entry("is not", "is"));
    static final Map<String, String> BOOLEAN = Map.of("&&", "||", "||", "&&", "and", "or", "or", "and");
    static final Map<String, String> BOUND = Map.of("<", "<=", "<=", "<", ">", ">=", ">=", ">");

    private ExpressionSites() {
    }

    /** Operator tokens (direct anonymous children) of comparison nodes mapped through {@code table}. */
    static void operators(Operator op, SyntaxTree t, java.util.Set<String> nodeTypes, Map<String, String> table,
                          List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            if (!nodeTypes.contains(t.type(i))) {
                continue;
            }
            for (int c : Nodes.children(t, i)) {
                String ty = t.type(c);
                if (!t.named(c) && table.containsKey(ty)) {
                    out.add(new Mutant(op, t.start(c), t.end(c), table.get(ty), "'" + t.text(c) + "' -> '" + table.get(ty) + "'"));
                }
            }
        }
    }

    static void flipComparison(SyntaxTree t, Lang lang, List<Mutant> out) {
        operators(Operator.FLIP_COMPARISON, t, lang.comparison, FLIP, out);
    }

    static void flipBoolean(SyntaxTree t, Lang lang, List<Mutant> out) {
        operators(Operator.FLIP_BOOLEAN, t, lang.booleanOp, BOOLEAN, out);
    }

    /** Strict ↔ non-strict bounds, and (Python) the integer arguments of {@code range(…)} ± 1. */
    static void offByOne(SyntaxTree t, Lang lang, List<Mutant> out) {
        operators(Operator.OFF_BY_ONE, t, lang.comparison, BOUND, out);
        if (lang != Lang.PYTHON) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (!t.type(i).equals("call") || t.child(i, "function") < 0 || !t.text(t.child(i, "function")).equals("range")) {
                continue;
            }
            int args = t.child(i, "arguments");
            if (args < 0) {
                continue;
            }
            for (int a : Nodes.namedChildren(t, args)) {
                Long v = decimal(t.text(a));
                if (t.type(a).equals("integer") && v != null) {
                    String r = Long.toString(v + 1);
                    out.add(new Mutant(Operator.OFF_BY_ONE, t.start(a), t.end(a), r, "range bound " + v + " -> " + r));
                }
            }
        }
    }

    static Long decimal(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    /** Integer + 1, a non-empty plain string emptied, a boolean negated; docstrings and import specifiers are left alone. */
    static void changeLiteral(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            String ty = t.type(i);
            String text = t.text(i);
            if (lang.integer.contains(ty)) {
                Long v = decimal(text);
                if (v != null) {
                    out.add(new Mutant(Operator.CHANGE_LITERAL, t.start(i), t.end(i), Long.toString(v + 1), text + " -> " + (v + 1)));
                }
            } else if (lang.string.contains(ty) && text.length() > 2 && !docstring(t, i) && !Nodes.inside(t, i, lang.imports)) {
                char q = text.charAt(0);
                if ((q == '"' || q == '\'') && text.charAt(text.length() - 1) == q && !text.startsWith("\"\"\"")
                        && !text.startsWith("'''")) {
                    out.add(new Mutant(Operator.CHANGE_LITERAL, t.start(i), t.end(i), "" + q + q, "string emptied"));
                }
            } else if ((ty.equals("true") || ty.equals("false")) && t.parent(i) >= 0) {
                String neg = switch (text) {
                    case "True" -> "False";
                    case "False" -> "True";
                    case "true" -> "false";
                    case "false" -> "true";
                    default -> null;
                };
                if (neg != null) {
                    out.add(new Mutant(Operator.CHANGE_LITERAL, t.start(i), t.end(i), neg, text + " -> " + neg));
                }
            }
        }
    }

    private static boolean docstring(SyntaxTree t, int node) {
        int p = t.parent(node);
        return p >= 0 && t.type(p).equals("expression_statement") && Nodes.namedChildren(t, p).size() == 1;
    }

    /**
     * Java: an {@code int}/{@code long}/{@code double} local initialised with a string
     * ({@code "N"} for a literal N, else {@code String.valueOf(…)}); Python: an integer operand of
     * {@code + - *} written as a string; JavaScript: {@code let} made {@code const} for a variable
     * assigned again later.
     */
    static void typeError(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int i = 0; i < t.size(); i++) {
            String ty = t.type(i);
            if (lang == Lang.JAVA && ty.equals("local_variable_declaration")) {
                int type = t.child(i, "type");
                if (type < 0 || !List.of("int", "long", "double").contains(t.text(type))) {
                    continue;
                }
                for (int d : Nodes.namedChildren(t, i)) {
                    int v = t.type(d).equals("variable_declarator") ? t.child(d, "value") : -1;
                    if (v >= 0) {
                        String r = decimal(t.text(v)) != null ? "\"" + t.text(v) + "\"" : "String.valueOf(" + t.text(v) + ")";
                        out.add(new Mutant(Operator.TYPE_ERROR, t.start(v), t.end(v), r, t.text(type) + " initialised with a String"));
                    }
                }
            } else if (lang == Lang.PYTHON && ty.equals("binary_operator")) {
                int opNode = t.child(i, "operator");
                if (opNode < 0 || !List.of("+", "-", "*").contains(t.text(opNode))) {
                    continue;
                }
                for (int side : new int[] {t.child(i, "left"), t.child(i, "right")}) {
                    if (side >= 0 && t.type(side).equals("integer") && decimal(t.text(side)) != null) {
                        out.add(new Mutant(Operator.TYPE_ERROR, t.start(side), t.end(side), "'" + t.text(side) + "'",
                                "int operand of '" + t.text(opNode) + "' made a str"));
                    }
                }
            } else if (lang == Lang.JAVASCRIPT && ty.equals("lexical_declaration")) {
                int kw = t.firstChild(i);
                if (kw < 0 || !t.text(kw).equals("let")) {
                    continue;
                }
                for (int d : Nodes.namedChildren(t, i)) {
                    int name = t.type(d).equals("variable_declarator") ? t.child(d, "name") : -1;
                    if (name >= 0 && t.type(name).equals("identifier") && reassigned(t, t.text(name), t.end(i))) {
                        out.add(new Mutant(Operator.TYPE_ERROR, t.start(kw), t.end(kw), "const",
                                "let -> const; '" + t.text(name) + "' is assigned again"));
                        break;
                    }
                }
            }
        }
    }

    private static boolean reassigned(SyntaxTree t, String name, int after) {
        for (int i = 0; i < t.size(); i++) {
            if (t.start(i) < after) {
                continue;
            }
            String ty = t.type(i);
            int target = ty.equals("assignment_expression") || ty.equals("augmented_assignment_expression")
                    ? t.child(i, "left") : ty.equals("update_expression") ? t.child(i, "argument") : -1;
            if (target >= 0 && t.type(target).equals("identifier") && t.text(target).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
