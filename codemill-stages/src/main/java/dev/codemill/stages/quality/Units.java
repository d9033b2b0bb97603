package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.Set;

/** Helpers on syntax-tree units (functions, classes) shared by the tree checkers. */
public final class Units {
    /** Function node types that are anonymous by nature (lambdas, closures, blocks). */
    public static final Set<String> ANONYMOUS = Set.of("lambda", "lambda_expression", "arrow_function", "function_expression",
            "closure_expression", "func_literal", "anonymous_function", "lambda_literal", "block", "do_block", "function");

    private static final Set<String> DECORATIONS = Set.of("decorator", "attribute_item", "attribute_list", "annotation",
            "marker_annotation", "inner_attribute_item");

    private Units() {
    }

    public static boolean isFunction(SyntaxTree t, LanguageRules r, int n) {
        return r.functions().contains(t.type(n)) && t.named(n);
    }

    /** {@link #isFunction(SyntaxTree, LanguageRules, int)} with {@code functions} = {@code TypeMask.of(r.functions(), t)}. */
    static boolean isFunction(SyntaxTree t, TypeMask functions, int n) {
        return functions.has(t, n) && t.named(n);
    }

    /** Whether node {@code n} lies inside a function (its own node excluded). */
    public static boolean insideFunction(SyntaxTree t, LanguageRules r, int n) {
        for (int p = t.parent(n); p >= 0; p = t.parent(p)) {
            if (isFunction(t, r, p)) {
                return true;
            }
        }
        return false;
    }

    /** The declared name of a function or class node, or null (anonymous). */
    public static String name(SyntaxTree t, LanguageRules r, int n) {
        int id = nameNode(t, r, n);
        if (id >= 0) {
            return t.text(id);
        }
        // const foo = () => …  /  foo = lambda: …
        int p = t.parent(n);
        if (p >= 0 && (t.type(p).equals("variable_declarator") || t.type(p).equals("assignment")
                || t.type(p).equals("pair") || t.type(p).equals("property_declaration"))) {
            int nm = t.child(p, "name");
            if (nm < 0) {
                nm = t.child(p, "left");
            }
            if (nm < 0) {
                nm = t.child(p, "key");
            }
            if (nm >= 0 && t.end(nm) - t.start(nm) < 200) {
                return t.text(nm);
            }
        }
        return null;
    }

    /** The identifier node naming a definition, or -1. */
    public static int nameNode(SyntaxTree t, LanguageRules r, int n) {
        int nm = t.child(n, "name");
        if (nm >= 0) {
            return nm;
        }
        int decl = t.child(n, "declarator");
        int guard = 0;
        while (decl >= 0 && guard++ < 16) {
            String ty = t.type(decl);
            if (ty.equals("identifier") || ty.equals("field_identifier") || ty.equals("qualified_identifier")
                    || ty.equals("destructor_name") || ty.equals("operator_name")) {
                return decl;
            }
            int next = t.child(decl, "declarator");
            if (next < 0) {
                next = t.child(decl, "name");
            }
            decl = next;
        }
        for (int c = t.firstChild(n); c >= 0; c = t.nextSibling(c)) {
            if (t.type(c).equals("simple_identifier") || (t.type(c).equals("type_identifier") && t.type(n).equals("class_declaration"))) {
                return c; // Kotlin: no fields
            }
            if (t.type(c).equals("function_value_parameters") || t.type(c).equals("function_body")) {
                break;
            }
        }
        return -1;
    }

    /** The parameter list node of a function, or -1. */
    public static int paramList(SyntaxTree t, LanguageRules r, int n) {
        int p = t.child(n, "parameters");
        if (p >= 0) {
            return p;
        }
        int body = t.child(n, "body");
        int stop = body >= 0 ? body : t.lastDescendant(n) + 1;
        for (int i = n + 1; i < stop && i < t.size(); i++) {
            if (r.paramLists().contains(t.type(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Number of declared parameters ({@code self}/{@code cls} and C's {@code (void)} excluded). */
    public static int paramCount(SyntaxTree t, LanguageRules r, int n) {
        int list = paramList(t, r, n);
        if (list < 0) {
            return 0;
        }
        int count = 0;
        boolean first = true;
        for (int c = t.firstChild(list); c >= 0; c = t.nextSibling(c)) {
            if (!t.named(c) || r.comments().contains(t.type(c))) {
                continue;
            }
            String ty = t.type(c);
            if (first && ty.equals("identifier")) {
                String s = t.text(c);
                if (s.equals("self") || s.equals("cls")) {
                    first = false;
                    continue;
                }
            }
            first = false;
            if (ty.equals("parameter_declaration") && t.child(c, "declarator") < 0 && t.text(c).strip().equals("void")) {
                continue;
            }
            if (ty.equals("parameter_declaration") || ty.equals("variadic_parameter_declaration")) {
                int names = 0;
                for (int g = t.firstChild(c); g >= 0; g = t.nextSibling(g)) {
                    if ("name".equals(t.field(g))) {
                        names++;
                    }
                }
                count += Math.max(1, names);
            } else {
                count++;
            }
        }
        return count;
    }

    /** The node whose previous siblings hold a definition's doc comment (decorators, exports skipped). */
    public static int docAnchor(SyntaxTree t, int n) {
        int a = n;
        int p = t.parent(a);
        while (p >= 0 && (t.type(p).equals("decorated_definition") || t.type(p).equals("export_statement")
                || t.type(p).equals("template_declaration"))) {
            a = p;
            p = t.parent(a);
        }
        return a;
    }

    /** The named sibling before {@code n} (decorations skipped), or -1. */
    public static int previousNamed(SyntaxTree t, int n) {
        int p = t.parent(n);
        if (p < 0) {
            return -1;
        }
        int prev = -1;
        for (int c = t.firstChild(p); c >= 0 && c != n; c = t.nextSibling(c)) {
            if (t.named(c) && !DECORATIONS.contains(t.type(c))) {
                prev = c;
            }
        }
        return prev;
    }
}
