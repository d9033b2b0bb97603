package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Which code runs when a Python or JavaScript file is run as a script ({@code python3 FILE},
 * {@code node FILE}): module-level code (Python's {@code if __name__ == "__main__":} block
 * included), and — to a fixed point — the body of every function whose name is called from code
 * that runs (a method counts when a call names it, {@code obj.name(…)}; calling a class runs its
 * {@code __init__}/{@code constructor}), and every anonymous function (lambda, callback, IIFE)
 * written in code that runs; where Python code that runs calls {@code main} ({@code unittest.main()}),
 * the {@code test*} methods and unittest's fixtures ({@code setUp}, …) too. A name-based over-approximation without types: it serves to prefer
 * mutation sites a run can reach, since a bug in a function nobody calls prints no error.
 */
final class Reach {
    private static final java.util.regex.Pattern UNITTEST = java.util.regex.Pattern.compile(
            "test.*|setUp|tearDown|setUpClass|tearDownClass|setUpModule|tearDownModule");
    private final SyntaxTree tree;
    private final Lang lang;
    /** Function nodes whose body runs. */
    private final BitSet reached = new BitSet();
    private final int[] functions;
    private final int[] enclosing;

    private Reach(SyntaxTree tree, Lang lang) {
        this.tree = tree;
        this.lang = lang;
        int n = 0;
        int[] f = new int[tree.size()];
        for (int i = 0; i < tree.size(); i++) {
            if (lang.functions.contains(tree.type(i))) {
                f[n++] = i;
            }
        }
        this.functions = java.util.Arrays.copyOf(f, n);
        // pre-order records: a parent precedes its children
        this.enclosing = new int[tree.size()];
        for (int i = 0; i < tree.size(); i++) {
            int p = i == 0 ? -1 : tree.parent(i);
            enclosing[i] = p < 0 || p >= i ? -1 : lang.functions.contains(tree.type(p)) ? p : enclosing[p];
        }
    }

    /** The reach of a parsed file of {@code lang}. */
    static Reach of(SyntaxTree tree, Lang lang) {
        Reach r = new Reach(tree, lang);
        r.solve();
        return r;
    }

    /** The innermost function node holding node {@code n} (not {@code n} itself), or -1. */
    private int enclosing(int n) {
        return enclosing[n];
    }

    private boolean runs(int node) {
        int f = enclosing(node);
        return f < 0 || reached.get(f);
    }

    /** A function's name: its own, or that of the variable, property or class member it is assigned to; null when anonymous. */
    private String name(int f) {
        int n = tree.child(f, "name");
        if (n >= 0) {
            return tree.text(n);
        }
        int p = tree.parent(f);
        if (p < 0) {
            return null;
        }
        String pt = tree.type(p);
        int target = switch (pt) {
            case "variable_declarator", "field_definition" -> tree.child(p, "name") >= 0 ? tree.child(p, "name") : tree.child(p, "property");
            case "assignment_expression", "assignment" -> tree.child(p, "left");
            case "pair" -> tree.child(p, "key");
            default -> -1;
        };
        return target < 0 ? null : last(tree.text(target));
    }

    private static String last(String dotted) {
        String s = dotted.strip();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? s : s.substring(dot + 1);
    }

    /** The called name of a call node ({@code f} of {@code f(x)}, {@code m} of {@code o.m(x)}, {@code C} of {@code new C()}), or null. */
    private String callee(int call) {
        int fn = tree.child(call, "function");
        if (fn < 0) {
            fn = tree.child(call, "constructor");
        }
        return fn < 0 ? null : last(tree.text(fn));
    }

    private void solve() {
        Set<String> called = new HashSet<>();
        Set<String> classes = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < tree.size(); i++) {
                if (lang.call.contains(tree.type(i)) && runs(i)) {
                    String c = callee(i);
                    if (c != null && called.add(c)) {
                        changed = true;
                    }
                }
            }
            for (int i = 0; i < tree.size(); i++) {
                String t = tree.type(i);
                if ((t.equals("class_definition") || t.equals("class_declaration") || t.equals("class")) && runs(i)) {
                    int n = tree.child(i, "name");
                    if (n >= 0 && called.contains(tree.text(n)) && classes.add(tree.text(n))) {
                        called.add("__init__");
                        called.add("__new__");
                        called.add("constructor");
                        changed = true;
                    }
                }
            }
            // unittest.main() (a call named main in code that runs) runs test* methods and the fixtures
            boolean unittest = lang == Lang.PYTHON && called.contains("main");
            for (int f : functions) {
                if (reached.get(f) || !runs(f)) {
                    continue;
                }
                String n = name(f);
                if (n == null || called.contains(n) || (unittest && UNITTEST.matcher(n).matches())) {
                    reached.set(f);
                    changed = true;
                }
            }
        }
    }

    /** Whether the bytes {@code [start, end)} lie in code that runs (their innermost function, if any, is reached). */
    boolean runs(int start, int end) {
        int best = -1;
        for (int f : functions) {
            if (tree.start(f) <= start && end <= tree.end(f) && (best < 0 || tree.start(f) >= tree.start(best))) {
                best = f;
            }
        }
        return best < 0 || reached.get(best);
    }
}
