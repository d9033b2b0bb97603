package dev.codemill.stages.repo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@link ImportRef}s to files of the same repository. Rules per language:
 * <ul>
 *   <li><b>Python</b>: {@code import a.b} → {@code a/b.py} or {@code a/b/__init__.py} found as a
 *       path suffix anywhere in the repository (so module roots such as {@code src/} or
 *       {@code Lib/} need no configuration); {@code from X import n} → the submodule
 *       {@code X.n} when it is a file, else {@code X}; relative imports ({@code from ..m import
 *       n}) resolve against the importer's package directory exactly.</li>
 *   <li><b>Java/Kotlin</b>: packages come from {@code package} declarations: {@code import
 *       a.b.C} → a file {@code C.java}/{@code C.kt} declaring package {@code a.b} (else the path
 *       suffix {@code a/b/C.java}); nested and static imports drop trailing segments until a
 *       file matches; wildcard imports and the file's own package (types used without import)
 *       link to the package's files whose name is a capitalised identifier used in the
 *       importer.</li>
 *   <li><b>C#</b>: {@code using N} and the file's own namespaces link to files declaring
 *       namespace {@code N} whose name is a type used in the importer; {@code using static
 *       N.C} / aliases to {@code C} in {@code N}.</li>
 *   <li><b>JavaScript/TypeScript</b>: relative specifiers against the importer's directory,
 *       trying the path as is, with extensions {@code .js .mjs .cjs .jsx .ts .tsx .d.ts .json},
 *       a {@code .js} written for a {@code .ts} source, and {@code DIR/index.*}; bare
 *       specifiers through the nearest {@code node_modules/PKG} of the repository (its
 *       {@code package.json} {@code main}, else {@code index.js}) or the repository's own
 *       package name.</li>
 *   <li><b>C/C++</b>: {@code #include "x"} against the importer's directory, then as a path
 *       suffix (include roots); {@code #include <x>} only as a path suffix, so system headers
 *       resolve only when the repository has such a file.</li>
 *   <li><b>Go</b>: import paths under a {@code module} of a {@code go.mod} of the repository
 *       (or under {@code vendor/}) → every non-test {@code .go} file of that directory.</li>
 *   <li><b>Rust</b>: {@code mod x;} → {@code x.rs} or {@code x/mod.rs} in the module's directory;
 *       {@code use crate::a::b::C} / {@code self::} / {@code super::} / a first segment that is a
 *       module of the crate → the longest prefix that is a module file ({@code a/b.rs},
 *       {@code a/b/mod.rs}), the crate root being the nearest directory with {@code lib.rs} or
 *       {@code main.rs}.</li>
 *   <li><b>PHP</b>: {@code require}/{@code include} paths against the importer's directory, then
 *       as a suffix; {@code use A\B\C} → the longest path suffix {@code A/B/C.php} present
 *       (PSR-4), at least {@code B/C.php} when the name has two segments.</li>
 *   <li><b>Ruby</b>: {@code require_relative} against the importer's directory; {@code require}
 *       as a path suffix (load paths such as {@code lib/}).</li>
 * </ul>
 * When a suffix matches several files, the one sharing the most leading directories with the
 * importer wins, then the shorter path, then the smaller path.
 */
public final class RepoResolver {
    private static final List<String> JS_EXT = List.of(".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".d.ts", ".json");
    private static final Pattern MAIN = Pattern.compile("\"main\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern GO_MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"]+)\"?");

    private final Map<String, SourceFile> byPath = new TreeMap<>();
    private final Map<String, List<String>> byName = new HashMap<>();
    private final Map<String, List<String>> byDir = new HashMap<>();
    private final Set<String> dirs = new HashSet<>();
    private final Map<String, List<String>> byPackage = new HashMap<>();
    private final Map<String, String> goModules = new TreeMap<>();
    private final String rootPackageName;

    /**
     * @param files    the repository's files
     * @param packages each file's declared packages/namespaces ({@link ImportExtractor.Result#packages()})
     */
    public RepoResolver(List<SourceFile> files, Map<String, List<String>> packages) {
        for (SourceFile f : files) {
            byPath.put(f.path(), f);
        }
        for (String p : byPath.keySet()) {
            byName.computeIfAbsent(RepoPaths.name(p), k -> new ArrayList<>()).add(p);
            String d = RepoPaths.dir(p);
            byDir.computeIfAbsent(d, k -> new ArrayList<>()).add(p);
            while (dirs.add(d) && !d.isEmpty()) {
                d = RepoPaths.dir(d);
            }
        }
        packages.forEach((path, pkgs) -> {
            for (String pkg : pkgs) {
                byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(path);
            }
        });
        byPackage.values().forEach(l -> l.sort(null));
        for (SourceFile f : byPath.values()) {
            if (RepoPaths.name(f.path()).equals("go.mod")) {
                Matcher m = GO_MODULE.matcher(f.text());
                if (m.find()) {
                    goModules.put(m.group(1), f.dir());
                }
            }
        }
        SourceFile pj = byPath.get("package.json");
        String name = null;
        if (pj != null) {
            Matcher m = NAME.matcher(pj.text());
            name = m.find() ? m.group(1) : null;
        }
        rootPackageName = name;
    }

    /** Resolved target paths (distinct, sorted; never the importer itself). */
    public List<String> resolve(SourceFile from, ImportExtractor.Result info, ImportRef ref) {
        Set<String> out = new LinkedHashSet<>();
        String lang = from.language() == null ? "" : from.language();
        switch (lang) {
            case "Python" -> python(from, ref, out);
            case "Java", "Kotlin" -> jvm(from, info, ref, out);
            case "C#" -> csharp(info, ref.target(), out);
            case "JavaScript", "TypeScript", "TSX" -> js(from, ref.target(), out);
            case "C", "C++" -> include(from, ref, out);
            case "Go" -> go(ref.target(), out);
            case "Rust" -> rust(from, ref, out);
            case "PHP" -> php(from, ref, out);
            case "Ruby" -> ruby(from, ref, out);
            default -> {
            }
        }
        out.remove(from.path());
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(null);
        return sorted;
    }

    /** Implicit same-package references (Java, Kotlin, C#): files of the importer's packages whose name it uses. */
    public List<String> samePackage(SourceFile from, ImportExtractor.Result info) {
        Set<String> out = new LinkedHashSet<>();
        for (String pkg : info.packages()) {
            typesIn(pkg, info, out);
        }
        String lang = from.language();
        if (info.packages().isEmpty() && ("Java".equals(lang) || "Kotlin".equals(lang))) {
            for (String p : byDir.getOrDefault(from.dir(), List.of())) {
                if (jvmFile(p) && info.typeNames().contains(RepoPaths.stem(p))) {
                    out.add(p);
                }
            }
        }
        out.remove(from.path());
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(null);
        return sorted;
    }

    private void typesIn(String pkg, ImportExtractor.Result info, Set<String> out) {
        for (String p : byPackage.getOrDefault(pkg, List.of())) {
            if (info.typeNames().contains(RepoPaths.stem(p))) {
                out.add(p);
            }
        }
    }

    // ---- Python

    private void python(SourceFile from, ImportRef ref, Set<String> out) {
        if (ref.kind().equals("import")) {
            add(out, pyModule(from, ref.target()));
            return;
        }
        String mod = ref.target();
        boolean attribute = ref.names().isEmpty();
        for (String n : ref.names()) {
            String hit = null;
            if (!n.equals("*")) {
                hit = pyModule(from, mod.endsWith(".") ? mod + n : mod + "." + n);
            }
            if (hit != null) {
                out.add(hit);
            } else {
                attribute = true;
            }
        }
        // a name that is no submodule (or *) comes from the module itself
        if (attribute) {
            add(out, pyModule(from, mod));
        }
    }

    private String pyModule(SourceFile from, String module) {
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        String rest = module.substring(dots).replace('.', '/');
        if (dots > 0) {
            String base = from.dir();
            for (int k = 1; k < dots; k++) {
                if (base.isEmpty()) {
                    return null;
                }
                base = RepoPaths.dir(base);
            }
            String p = RepoPaths.join(base, rest);
            if (rest.isEmpty()) {
                return exists(RepoPaths.join(base, "__init__.py"));
            }
            String hit = exists(p + ".py");
            return hit != null ? hit : exists(p + "/__init__.py");
        }
        if (rest.isEmpty()) {
            return null;
        }
        String hit = suffix(rest + ".py", from);
        return hit != null ? hit : suffix(rest + "/__init__.py", from);
    }

    // ---- Java, Kotlin

    private static boolean jvmFile(String p) {
        return p.endsWith(".java") || p.endsWith(".kt") || p.endsWith(".kts");
    }

    private void jvm(SourceFile from, ImportExtractor.Result info, ImportRef ref, Set<String> out) {
        String target = ref.target();
        if (ref.kind().equals("import_wildcard")) {
            typesIn(target, info, out);
            if (!byPackage.containsKey(target)) {
                for (String p : dirSuffix(target.replace('.', '/'), from)) {
                    if (jvmFile(p) && info.typeNames().contains(RepoPaths.stem(p))) {
                        out.add(p);
                    }
                }
            }
            // import static a.b.C.*: the class C itself
            String cls = jvmClass(from, target);
            add(out, cls);
            return;
        }
        String t = target;
        for (int strip = 0; strip < 3 && t.indexOf('.') > 0; strip++) {
            String hit = jvmClass(from, t);
            if (hit != null) {
                out.add(hit);
                return;
            }
            t = t.substring(0, t.lastIndexOf('.'));
        }
    }

    private String jvmClass(SourceFile from, String fqcn) {
        int dot = fqcn.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String pkg = fqcn.substring(0, dot);
        String cls = fqcn.substring(dot + 1);
        List<String> inPkg = byPackage.get(pkg);
        if (inPkg != null) {
            for (String ext : List.of(".java", ".kt")) {
                for (String p : inPkg) {
                    if (RepoPaths.name(p).equals(cls + ext)) {
                        return p;
                    }
                }
            }
        }
        String rel = fqcn.replace('.', '/');
        String hit = suffix(rel + ".java", from);
        return hit != null ? hit : suffix(rel + ".kt", from);
    }

    // ---- C#

    private void csharp(ImportExtractor.Result info, String target, Set<String> out) {
        if (byPackage.containsKey(target)) {
            typesIn(target, info, out);
            return;
        }
        int dot = target.lastIndexOf('.');
        if (dot > 0) {
            String cls = target.substring(dot + 1);
            for (String p : byPackage.getOrDefault(target.substring(0, dot), List.of())) {
                if (RepoPaths.stem(p).equals(cls)) {
                    out.add(p);
                }
            }
        }
    }

    // ---- JavaScript, TypeScript

    private void js(SourceFile from, String spec, Set<String> out) {
        if (spec.isEmpty()) {
            return;
        }
        int q = spec.indexOf('?');
        if (q >= 0) {
            spec = spec.substring(0, q);
        }
        if (spec.startsWith(".") || spec.startsWith("/")) {
            String p = RepoPaths.normalize(spec.startsWith("/") ? spec : RepoPaths.join(from.dir(), spec));
            add(out, p == null ? null : jsFile(p));
            return;
        }
        String[] parts = spec.split("/");
        int n = spec.startsWith("@") && parts.length > 1 ? 2 : 1;
        String pkg = String.join("/", java.util.Arrays.copyOf(parts, n));
        String sub = String.join("/", java.util.Arrays.copyOfRange(parts, n, parts.length));
        if (pkg.equals(rootPackageName)) {
            add(out, sub.isEmpty() ? jsPackageEntry("") : jsFile(sub));
            return;
        }
        String d = from.dir();
        while (true) {
            String root = RepoPaths.join(RepoPaths.join(d, "node_modules"), pkg);
            if (dirs.contains(root)) {
                add(out, sub.isEmpty() ? jsPackageEntry(root) : jsFile(RepoPaths.join(root, sub)));
                return;
            }
            if (d.isEmpty()) {
                return;
            }
            d = RepoPaths.dir(d);
        }
    }

    private String jsPackageEntry(String root) {
        SourceFile pj = byPath.get(RepoPaths.join(root, "package.json"));
        if (pj != null) {
            Matcher m = MAIN.matcher(pj.text());
            if (m.find()) {
                String p = RepoPaths.normalize(RepoPaths.join(root, m.group(1)));
                String hit = p == null ? null : jsFile(p);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return jsFile(RepoPaths.join(root, "index"));
    }

    private String jsFile(String p) {
        String hit = exists(p);
        if (hit != null && !dirs.contains(p)) {
            return hit;
        }
        for (String ext : JS_EXT) {
            if ((hit = exists(p + ext)) != null) {
                return hit;
            }
        }
        if (p.endsWith(".js") || p.endsWith(".jsx") || p.endsWith(".mjs")) {
            String base = p.substring(0, p.lastIndexOf('.'));
            for (String ext : List.of(".ts", ".tsx", ".mts")) {
                if ((hit = exists(base + ext)) != null) {
                    return hit;
                }
            }
        }
        for (String ext : JS_EXT) {
            if ((hit = exists(p + "/index" + ext)) != null) {
                return hit;
            }
        }
        return null;
    }

    // ---- C, C++

    private void include(SourceFile from, ImportRef ref, Set<String> out) {
        String spec = ref.target();
        if (ref.kind().equals("include_local")) {
            String p = RepoPaths.normalize(RepoPaths.join(from.dir(), spec));
            String hit = p == null ? null : exists(p);
            if (hit != null) {
                out.add(hit);
                return;
            }
        }
        String norm = RepoPaths.normalize(spec);
        if (norm != null && !norm.isEmpty()) {
            add(out, suffix(norm, from));
        }
    }

    // ---- Go

    private void go(String importPath, Set<String> out) {
        String dir = null;
        for (Map.Entry<String, String> m : goModules.entrySet()) {
            String mod = m.getKey();
            if (importPath.equals(mod)) {
                dir = m.getValue();
            } else if (importPath.startsWith(mod + "/")) {
                dir = RepoPaths.join(m.getValue(), importPath.substring(mod.length() + 1));
            }
        }
        if (dir == null || !byDir.containsKey(dir)) {
            String vendor = "vendor/" + importPath;
            dir = byDir.containsKey(vendor) ? vendor : null;
        }
        if (dir == null) {
            return;
        }
        for (String p : byDir.get(dir)) {
            if (p.endsWith(".go") && !p.endsWith("_test.go")) {
                out.add(p);
            }
        }
    }

    // ---- Rust

    private String rustModDir(String path) {
        String name = RepoPaths.name(path);
        if (name.equals("mod.rs") || name.equals("lib.rs") || name.equals("main.rs")) {
            return RepoPaths.dir(path);
        }
        return RepoPaths.join(RepoPaths.dir(path), RepoPaths.stem(path));
    }

    private String rustCrateRoot(String path) {
        String d = RepoPaths.dir(path);
        while (true) {
            if (byPath.containsKey(RepoPaths.join(d, "lib.rs")) || byPath.containsKey(RepoPaths.join(d, "main.rs"))) {
                return d;
            }
            if (d.isEmpty()) {
                return null;
            }
            d = RepoPaths.dir(d);
        }
    }

    private String rustModule(String dir, String name) {
        String hit = exists(RepoPaths.join(dir, name + ".rs"));
        return hit != null ? hit : exists(RepoPaths.join(dir, name + "/mod.rs"));
    }

    private void rust(SourceFile from, ImportRef ref, Set<String> out) {
        if (ref.kind().equals("mod")) {
            add(out, rustModule(rustModDir(from.path()), ref.target()));
            return;
        }
        List<String> segs = new ArrayList<>(List.of(ref.target().split("::")));
        if (segs.isEmpty()) {
            return;
        }
        String base;
        String first = segs.get(0);
        if (first.equals("crate")) {
            base = rustCrateRoot(from.path());
            segs.remove(0);
        } else if (first.equals("self")) {
            base = rustModDir(from.path());
            segs.remove(0);
        } else if (first.equals("super")) {
            base = rustModDir(from.path());
            while (!segs.isEmpty() && segs.get(0).equals("super")) {
                base = RepoPaths.dir(base);
                segs.remove(0);
            }
        } else {
            base = rustCrateRoot(from.path());
            if (base == null || rustModule(base, first) == null) {
                return;
            }
        }
        if (base == null) {
            return;
        }
        for (int k = segs.size(); k >= 1; k--) {
            String hit = rustModule(RepoPaths.join(base, String.join("/", segs.subList(0, k - 1))), segs.get(k - 1));
            if (hit != null) {
                out.add(hit);
                return;
            }
        }
    }

    // ---- PHP, Ruby

    private void php(SourceFile from, ImportRef ref, Set<String> out) {
        if (ref.kind().equals("use")) {
            String[] parts = ref.target().split("\\\\");
            int min = parts.length >= 2 ? 2 : 1;
            for (int k = 0; parts.length - k >= min; k++) {
                String rel = String.join("/", java.util.Arrays.copyOfRange(parts, k, parts.length)) + ".php";
                String hit = suffix(rel, from);
                if (hit != null) {
                    out.add(hit);
                    return;
                }
            }
            return;
        }
        relativeThenSuffix(from, ref.target(), ref.kind().equals("require_relative"), out);
    }

    private void ruby(SourceFile from, ImportRef ref, Set<String> out) {
        String spec = ref.target().endsWith(".rb") ? ref.target() : ref.target() + ".rb";
        if (ref.kind().equals("require_relative")) {
            String p = RepoPaths.normalize(RepoPaths.join(from.dir(), spec));
            add(out, p == null ? null : exists(p));
            return;
        }
        String norm = RepoPaths.normalize(spec);
        if (norm != null && !norm.isEmpty()) {
            add(out, suffix(norm, from));
        }
    }

    private void relativeThenSuffix(SourceFile from, String spec, boolean relativeOnly, Set<String> out) {
        String p = RepoPaths.normalize(RepoPaths.join(from.dir(), spec));
        String hit = p == null ? null : exists(p);
        if (hit == null && !relativeOnly) {
            String norm = RepoPaths.normalize(spec);
            hit = norm == null || norm.isEmpty() ? null : suffix(norm, from);
        }
        add(out, hit);
    }

    // ---- shared

    private static void add(Set<String> out, String p) {
        if (p != null) {
            out.add(p);
        }
    }

    private String exists(String p) {
        return byPath.containsKey(p) ? p : null;
    }

    /** The best file whose path is {@code rel} or ends with {@code /rel}. */
    String suffix(String rel, SourceFile from) {
        List<String> cands = byName.get(RepoPaths.name(rel));
        if (cands == null) {
            return null;
        }
        String best = null;
        for (String c : cands) {
            if (c.equals(rel) || c.endsWith("/" + rel)) {
                if (best == null || closer(c, best, from.dir()) < 0) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static int closer(String a, String b, String dir) {
        int ca = RepoPaths.commonSegments(RepoPaths.dir(a), dir);
        int cb = RepoPaths.commonSegments(RepoPaths.dir(b), dir);
        if (ca != cb) {
            return ca > cb ? -1 : 1;
        }
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    /** Files of the directories whose path is {@code rel} or ends with {@code /rel}, nearest first. */
    private List<String> dirSuffix(String rel, SourceFile from) {
        String best = null;
        for (String d : byDir.keySet()) {
            if ((d.equals(rel) || d.endsWith("/" + rel)) && (best == null || closer(d + "/x", best + "/x", from.dir()) < 0)) {
                best = d;
            }
        }
        return best == null ? List.of() : byDir.get(best);
    }

    static final Comparator<String> BY_PATH = Comparator.naturalOrder();
}
