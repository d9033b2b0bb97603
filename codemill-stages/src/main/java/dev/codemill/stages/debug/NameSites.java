package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Site finders of the name operators: a misspelt identifier, a wrong variable. */
final class NameSites {
    private static final Set<String> KEYWORDS = Set.of("if", "in", "is", "or", "and", "not", "for", "def", "del", "try",
            "int", "new", "var", "let", "do", "as", "of", "fi", "ni", "si", "ro", "dan", "nto", "ofr", "rof", "fro");

    private NameSites() {
    }

    /**
     * A later use of a name that occurs at least twice as an identifier (so the file defines it)
     * with two letters swapped (the 2nd and 3rd) or, when they are equal, the last letter dropped;
     * the new name occurs nowhere in the file. Names inside imports and names under 3 characters
     * are left alone.
     */
    static void misspell(SyntaxTree t, Lang lang, List<Mutant> out) {
        Map<String, List<Integer>> uses = new LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.type(i).equals("identifier")) {
                all.add(t.text(i));
                if (!Nodes.inside(t, i, lang.imports)) {
                    uses.computeIfAbsent(t.text(i), k -> new ArrayList<>()).add(i);
                }
            }
        }
        for (Map.Entry<String, List<Integer>> e : uses.entrySet()) {
            String name = e.getKey();
            if (name.length() < 3 || e.getValue().size() < 2) {
                continue;
            }
            String typo = typo(name);
            if (typo == null || all.contains(typo) || KEYWORDS.contains(typo)) {
                continue;
            }
            for (int k = 1; k < e.getValue().size(); k++) {
                int n = e.getValue().get(k);
                out.add(new Mutant(Operator.MISSPELL_IDENTIFIER, t.start(n), t.end(n), typo, name + " -> " + typo));
            }
        }
    }

    static String typo(String name) {
        if (name.charAt(1) != name.charAt(2) && Character.isLetter(name.charAt(1)) && Character.isLetter(name.charAt(2))) {
            return name.charAt(0) + "" + name.charAt(2) + name.charAt(1) + name.substring(3);
        }
        String cut = name.substring(0, name.length() - 1);
        return cut.length() >= 2 ? cut : null;
    }

    /** A variable of a function: its name, declared type (Java; "" elsewhere) and where its declaration ends. */
    private record Variable(String name, String type, int declared) {
    }

    /**
     * Inside a function, a use of a local variable or parameter replaced by another one declared
     * before the use: in Java only one of the same declared type; in Python and JavaScript any.
     */
    static void wrongVariable(SyntaxTree t, Lang lang, List<Mutant> out) {
        for (int f = 0; f < t.size(); f++) {
            if (!lang.functions.contains(t.type(f))) {
                continue;
            }
            Map<String, Variable> vars = variables(t, lang, f);
            if (vars.size() < 2) {
                continue;
            }
            Set<Integer> declNames = new HashSet<>();
            for (int i = f + 1; i <= t.lastDescendant(f); i++) {
                if (isDeclarationName(t, lang, i)) {
                    declNames.add(i);
                }
            }
            for (int i = f + 1; i <= t.lastDescendant(f); i++) {
                if (!t.type(i).equals("identifier") || declNames.contains(i) || !isPlainUse(t, lang, i)) {
                    continue;
                }
                Variable v = vars.get(t.text(i));
                if (v == null || t.start(i) < v.declared()) {
                    continue;
                }
                for (Variable w : vars.values()) {
                    if (!w.name().equals(v.name()) && w.type().equals(v.type()) && w.declared() <= t.start(i)) {
                        out.add(new Mutant(Operator.WRONG_VARIABLE, t.start(i), t.end(i), w.name(),
                                v.name() + " -> " + w.name() + (v.type().isEmpty() ? "" : " (both " + v.type() + ")")));
                    }
                }
            }
        }
    }

    private static Map<String, Variable> variables(SyntaxTree t, Lang lang, int f) {
        Map<String, Variable> vars = new LinkedHashMap<>();
        Map<String, String> seenType = new HashMap<>();
        for (int i = f + 1; i <= t.lastDescendant(f); i++) {
            if (!isDeclarationName(t, lang, i) || vars.containsKey(t.text(i))) {
                continue;
            }
            String type = "";
            if (lang == Lang.JAVA) {
                int owner = t.type(t.parent(i)).equals("variable_declarator") ? t.parent(t.parent(i)) : t.parent(i);
                int ty = owner >= 0 ? t.child(owner, "type") : -1;
                if (ty < 0) {
                    continue;
                }
                type = t.text(ty);
            }
            seenType.put(t.text(i), type);
            vars.put(t.text(i), new Variable(t.text(i), type, t.end(i)));
        }
        return vars;
    }

    /** The name node of a parameter, a declarator or (Python) a plain assignment target. */
    private static boolean isDeclarationName(SyntaxTree t, Lang lang, int i) {
        if (!t.type(i).equals("identifier")) {
            return false;
        }
        int p = t.parent(i);
        String pt = p >= 0 ? t.type(p) : "";
        String field = t.field(i);
        return switch (lang) {
            case JAVA -> (pt.equals("formal_parameter") || pt.equals("variable_declarator")
                    || pt.equals("catch_formal_parameter") || pt.equals("enhanced_for_statement")) && "name".equals(field);
            case PYTHON -> pt.equals("parameters") || ((pt.equals("default_parameter") || pt.equals("typed_parameter")
                    || pt.equals("typed_default_parameter")) && ("name".equals(field) || t.firstChild(p) == i))
                    || (pt.equals("assignment") && "left".equals(field));
            case JAVASCRIPT -> pt.equals("formal_parameters") || (pt.equals("variable_declarator") && "name".equals(field))
                    || (pt.equals("assignment_pattern") && "left".equals(field));
        };
    }

    /** An identifier read as a value: not a called name, attribute, keyword-argument name or assignment target. */
    private static boolean isPlainUse(SyntaxTree t, Lang lang, int i) {
        int p = t.parent(i);
        String pt = p >= 0 ? t.type(p) : "";
        String field = t.field(i);
        if ("function".equals(field) || "name".equals(field) || "attribute".equals(field) || "field".equals(field)
                || "left".equals(field) || "property".equals(field)) {
            return false;
        }
        return !pt.equals("keyword_argument") || !"name".equals(field);
    }
}
