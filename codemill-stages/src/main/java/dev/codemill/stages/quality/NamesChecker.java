package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code readable_names}: declared names are not single letters, and function names
 * follow one convention.
 * <ul>
 *   <li>declared names: identifiers under a {@code name}, {@code left}, {@code declarator} or
 *       {@code pattern} field, or directly in a parameter list; each distinct name counts once.
 *       A name of one code point that is a cased letter (an ideograph such as {@code 项} may be a whole word,
 *       case C12) is <em>short</em> unless it is conventional ({@link #CONVENTIONAL}:
 *       {@code i j k n m x y z e _ T K V}) or a loop variable. short share = short / declared;
 *       sub-score {@code 1 - min(1, share / max_short_share)}.</li>
 *   <li>convention: function names (leading/trailing underscores stripped) classified as
 *       snake_case, camelCase or PascalCase (a single lower-case word fits snake and camel);
 *       constructors and framework-imposed names ({@link #FRAMEWORK_NAMES}) are left out;
 *       the share fitting the language's style ({@link LanguageRules#convention()}; for
 *       {@code any}, the file's most common style) is the sub-score.</li>
 * </ul>
 * Score: the mean of both. Without a tree the same measures come from {@link StructureScan}
 * (parameters and assignment targets; basis {@code scan}).
 */
public final class NamesChecker implements Checker {
    /** Single-letter names accepted by convention (loop indices, coordinates, exceptions, type parameters). */
    public static final Set<String> CONVENTIONAL = Set.of("i", "j", "k", "n", "m", "x", "y", "z", "e", "_", "T", "K", "V");

    /** Names a framework imposes (unittest's hooks), not chosen by the file's author: left out of the convention share. */
    public static final Set<String> FRAMEWORK_NAMES = Set.of("setUp", "tearDown", "setUpClass", "tearDownClass", "setUpModule",
            "tearDownModule", "asyncSetUp", "asyncTearDown", "addCleanup", "doCleanups");

    private static final Set<String> NAME_FIELDS = Set.of("name", "left", "declarator", "pattern");

    @Override
    public String name() {
        return "readable_names";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("max_short_share");
    }

    @Override
    public Set<String> messages() {
        return Set.of("short_name", "convention");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        SyntaxTree t = f.tree();
        if (t == null) {
            return scanned(f, p);
        }
        LanguageRules r = f.rules();
        List<Critique> out = new ArrayList<>();
        int[] declaredShort = shortNames(t, r, p, out);
        int declared = declaredShort[0];
        int shortNames = declaredShort[1];
        double shortShare = declared == 0 ? 0.0 : (double) shortNames / declared;
        double maxShort = p.threshold("max_short_share", f.language());
        double shortScore = shortShare == 0 ? 1.0 : maxShort <= 0 ? 0.0 : 1.0 - Math.min(1.0, shortShare / maxShort);

        List<int[]> fnNodes = new ArrayList<>();
        List<String> fnNames = new ArrayList<>();
        List<Set<String>> styles = new ArrayList<>();
        Map<String, Integer> styleCount = new HashMap<>();
        functionStyles(t, r, fnNodes, fnNames, styles, styleCount);
        Set<String> expected = new HashSet<>();
        if (r.convention().equals("any")) {
            String best = null;
            int bestCount = -1;
            for (String s : List.of("snake", "camel", "pascal")) {
                int c = styleCount.getOrDefault(s, 0);
                if (c > bestCount) {
                    best = s;
                    bestCount = c;
                }
            }
            expected.add(best);
        } else {
            expected.addAll(List.of(r.convention().split("\\|")));
        }
        int fit = 0;
        for (int i = 0; i < fnNames.size(); i++) {
            boolean ok = false;
            for (String s : styles.get(i)) {
                if (expected.contains(s)) {
                    ok = true;
                }
            }
            if (ok) {
                fit++;
            } else {
                int nm = fnNodes.get(i)[0];
                out.add(new Critique(p.id(), t.line(t.start(nm)), t.column(t.start(nm)),
                        p.message("convention", "name", fnNames.get(i), "value", String.join("|", new java.util.TreeSet<>(expected)))));
            }
        }
        double convScore = fnNames.isEmpty() ? 1.0 : (double) fit / fnNames.size();
        out.sort(Fmt.BY_POSITION);
        String measure = "declared=" + declared + " short=" + shortNames + " functions=" + fnNames.size() + " conventional=" + fit;
        return new CheckResult((shortScore + convScore) / 2, "tree", measure, out);
    }

    /**
     * Declared names (each distinct text once) and the single-letter ones among them, critiqued
     * into {@code out}: {declared, short}. Each loop over the tree is a method of its own so that
     * the JIT compiles (and, after a deoptimization, recompiles) one loop at a time.
     */
    private static int[] shortNames(SyntaxTree t, LanguageRules r, Principle p, List<Critique> out) {
        Set<String> seen = new HashSet<>();
        int[] declaredShort = new int[2];
        TypeMask identifiers = TypeMask.of(r.identifiers(), t);
        TypeMask paramLists = TypeMask.of(r.paramLists(), t);
        for (int n = 0; n < t.size(); n++) {
            if (!identifiers.has(t, n) || t.end(n) - t.start(n) > 256) {
                continue;
            }
            identifier(t, r, n, paramLists, seen, p, out, declaredShort);
        }
        return declaredShort;
    }

    /** One identifier of {@link #shortNames}: counted into {@code declaredShort} when it declares a name not seen before. */
    private static void identifier(SyntaxTree t, LanguageRules r, int n, TypeMask paramLists, Set<String> seen, Principle p,
                                   List<Critique> out, int[] declaredShort) {
        int par = t.parent(n);
        boolean decl = (t.field(n) != null && NAME_FIELDS.contains(t.field(n)))
                || (par >= 0 && paramLists.has(t, par))
                || (par >= 0 && (t.type(par).equals("parameter") || t.type(par).equals("variable_declaration")));
        if (!decl) {
            return;
        }
        String name = t.text(n);
        if (!seen.add(name)) {
            return;
        }
        declaredShort[0]++;
        if (name.codePointCount(0, name.length()) == 1 && hasCase(name.codePointAt(0)) && !CONVENTIONAL.contains(name)
                && !inLoopHeader(t, r, n)) {
            declaredShort[1]++;
            out.add(new Critique(p.id(), t.line(t.start(n)), t.column(t.start(n)), p.message("short_name", "name", name)));
        }
    }

    /** The named functions (constructors and anonymous ones left out) whose names have a style, with their styles tallied. */
    private static void functionStyles(SyntaxTree t, LanguageRules r, List<int[]> fnNodes, List<String> fnNames,
                                       List<Set<String>> styles, Map<String, Integer> styleCount) {
        TypeMask functions = TypeMask.of(r.functions(), t);
        TypeMask anonymous = TypeMask.of(Units.ANONYMOUS, t);
        for (int n = 0; n < t.size(); n++) {
            if (!Units.isFunction(t, functions, n) || anonymous.has(t, n) || t.type(n).contains("constructor")) {
                continue;
            }
            functionStyle(t, r, n, fnNodes, fnNames, styles, styleCount);
        }
    }

    /** One named function of {@link #functionStyles} (apart from the loop: the JIT compiles the name and style work on its own). */
    private static void functionStyle(SyntaxTree t, LanguageRules r, int n, List<int[]> fnNodes, List<String> fnNames,
                                      List<Set<String>> styles, Map<String, Integer> styleCount) {
        int nm = Units.nameNode(t, r, n);
        if (nm < 0 || !r.identifiers().contains(t.type(nm)) && !t.type(nm).equals("field_identifier")) {
            return;
        }
        String name = t.text(nm);
        if (FRAMEWORK_NAMES.contains(name)) {
            return;
        }
        Set<String> st = styles(name);
        if (st.isEmpty()) {
            return;
        }
        fnNodes.add(new int[] {nm});
        fnNames.add(name);
        styles.add(st);
        for (String s : st) {
            styleCount.merge(s, 1, Integer::sum);
        }
    }

    /** The same measures on {@link StructureScan}'s declared names and functions (basis {@code scan}; convention: the file's dominant style). */
    private CheckResult scanned(FileContext f, Principle p) {
        StructureScan scan = f.scan();
        List<Critique> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int declared = 0;
        int shortNames = 0;
        for (StructureScan.Name nm : scan.names()) {
            String name = nm.name();
            if (!seen.add(name)) {
                continue;
            }
            declared++;
            if (name.codePointCount(0, name.length()) == 1 && hasCase(name.codePointAt(0)) && !CONVENTIONAL.contains(name) && !nm.loop()) {
                shortNames++;
                out.add(new Critique(p.id(), nm.line(), 1, p.message("short_name", "name", name)));
            }
        }
        double shortShare = declared == 0 ? 0.0 : (double) shortNames / declared;
        double maxShort = p.threshold("max_short_share", f.language());
        double shortScore = shortShare == 0 ? 1.0 : maxShort <= 0 ? 0.0 : 1.0 - Math.min(1.0, shortShare / maxShort);
        Map<String, Integer> styleCount = new HashMap<>();
        List<Set<String>> styles = new ArrayList<>();
        for (String fn : scan.functionNames()) {
            String bare = fn.contains(".") ? fn.substring(fn.lastIndexOf('.') + 1) : fn;
            Set<String> st = FRAMEWORK_NAMES.contains(bare) ? Set.of() : styles(bare);
            if (!st.isEmpty()) {
                styles.add(st);
                st.forEach(s -> styleCount.merge(s, 1, Integer::sum));
            }
        }
        String best = null;
        int bestCount = -1;
        for (String s : List.of("snake", "camel", "pascal")) {
            int c = styleCount.getOrDefault(s, 0);
            if (c > bestCount) {
                best = s;
                bestCount = c;
            }
        }
        int fit = 0;
        for (Set<String> st : styles) {
            fit += st.contains(best) ? 1 : 0;
        }
        double convScore = styles.isEmpty() ? 1.0 : (double) fit / styles.size();
        out.sort(Fmt.BY_POSITION);
        String measure = "declared=" + declared + " short=" + shortNames + " functions=" + styles.size() + " conventional=" + fit;
        return new CheckResult((shortScore + convScore) / 2, "scan", measure, out);
    }

    /** Letters with case (Latin, Greek, Cyrillic …): one of them is a letter, not a word; one ideograph (C12) may be a word. */
    private static boolean hasCase(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp);
    }

    private static boolean inLoopHeader(SyntaxTree t, LanguageRules r, int n) {
        int p = t.parent(n);
        for (int up = 0; up < 3 && p >= 0; up++, p = t.parent(p)) {
            if (r.loops().contains(t.type(p))) {
                return true;
            }
        }
        return false;
    }

    /** Styles a name fits: {@code snake}, {@code camel}, {@code pascal}; empty for anything else (operators, UPPER_CASE). */
    static Set<String> styles(String raw) {
        String s = raw;
        while (s.startsWith("_")) {
            s = s.substring(1);
        }
        while (s.endsWith("_")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))) {
            return Set.of();
        }
        boolean hasUpper = s.chars().anyMatch(Character::isUpperCase);
        boolean hasLower = s.chars().anyMatch(Character::isLowerCase);
        boolean underscore = s.indexOf('_') >= 0;
        boolean firstUpper = Character.isUpperCase(s.charAt(0));
        if (!hasUpper && !hasLower) {
            return Set.of(); // CJK or digits: no case to judge
        }
        if (!hasUpper) {
            return underscore ? Set.of("snake") : Set.of("snake", "camel");
        }
        if (!hasLower) {
            return Set.of();
        }
        if (underscore) {
            // test_state_is_None: snake_case with a capitalised word (PEP 8 allows acronyms and constants)
            return Character.isLowerCase(s.charAt(0)) ? Set.of("snake") : Set.of("mixed");
        }
        return firstUpper ? Set.of("pascal") : Set.of("camel");
    }
}
