package dev.codemill.stages.repo;

import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Extracts import/require/use/include references from a file's tree-sitter syntax tree
 * ({@link Parsers}, the grammars pinned for the {@code quality} stage), so that text inside
 * comments and string literals is never mistaken for an import. Node types are those of the
 * pinned grammars, read off parsed samples:
 * <ul>
 *   <li>Python: {@code import_statement} ({@code import}), {@code import_from_statement}
 *       ({@code from}, with names; relative modules keep their dots), imports nested in
 *       {@code try}/{@code if} blocks included;</li>
 *   <li>Java: {@code import_declaration} ({@code import}, {@code import_static},
 *       {@code import_wildcard}); {@code package_declaration} gives the package;</li>
 *   <li>Kotlin: {@code import_header}, {@code package_header};</li>
 *   <li>JavaScript/TypeScript: the {@code source} string of {@code import_statement} and
 *       {@code export_statement}, {@code import x = require()} and calls {@code require("…")} /
 *       {@code import("…")} with a literal argument ({@code import});</li>
 *   <li>C/C++: {@code preproc_include}: {@code "…"} is {@code include_local}, {@code <…>}
 *       {@code include_system};</li>
 *   <li>Go: {@code import_spec} paths ({@code import});</li>
 *   <li>Rust: {@code mod name;} without a body ({@code mod}), {@code use_declaration} expanded
 *       over {@code {…}} lists ({@code use}, one per leaf path);</li>
 *   <li>C#: {@code using_directive} ({@code using}); namespace declarations give the namespace;</li>
 *   <li>PHP: {@code require}/{@code include}(_once) with a literal path or {@code __DIR__ . "…"}
 *       ({@code require}, {@code require_relative}); {@code namespace_use_clause} ({@code use});
 *       {@code namespace_definition} gives the namespace;</li>
 *   <li>Ruby: calls {@code require}, {@code require_relative}, {@code load} with a literal.</li>
 * </ul>
 * For the languages whose files use types of their own package without an import (Java,
 * Kotlin, C#), the capitalised identifiers of the file are kept too ({@link Result#typeNames}).
 * A language without a grammar here gives an empty result.
 */
public final class ImportExtractor {
    /** Parse at most this many nodes per file (bounds memory on huge generated files). */
    public static final int MAX_NODES = 4_000_000;

    private ImportExtractor() {
    }

    /**
     * What one file declares and references.
     *
     * @param refs      references in source order
     * @param packages  the file's own package (Java, Kotlin), namespaces (C#, PHP, {@code \} as
     *                  written), else empty
     * @param typeNames capitalised identifiers used in the file (Java, Kotlin, C#), else empty
     */
    public record Result(List<ImportRef> refs, List<String> packages, Set<String> typeNames) {
        static final Result EMPTY = new Result(List.of(), List.of(), Set.of());
    }

    /** Languages whose references are extracted. */
    public static final Set<String> LANGUAGES = Set.of("Python", "Java", "Kotlin", "JavaScript", "TypeScript", "TSX",
            "C", "C++", "Go", "Rust", "C#", "PHP", "Ruby");

    /**
     * Files longer than this (UTF-16 chars) are not parsed and declare no references: imports sit
     * at the top of hand-written files, and parsing a multi-megabyte generated or minified file
     * took minutes (found by the stage factory contract test; the quality stage's
     * {@code max_parse_bytes} default is the same 1,000,000).
     */
    public static final int MAX_PARSE_CHARS = 1_000_000;

    public static Result extract(SourceFile file) {
        String lang = file.language();
        if (lang == null || !LANGUAGES.contains(lang) || file.text().length() > MAX_PARSE_CHARS) {
            return Result.EMPTY;
        }
        String grammar = lang.equals("TSX") ? "TypeScript" : lang;
        Optional<SyntaxTree> parsed = Parsers.parse(file.text(), grammar, MAX_NODES);
        if (parsed.isEmpty()) {
            return Result.EMPTY;
        }
        return extract(parsed.get(), lang);
    }

    static Result extract(SyntaxTree t, String lang) {
        List<ImportRef> refs = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        boolean wantTypes = lang.equals("Java") || lang.equals("Kotlin") || lang.equals("C#");
        for (int i = 0; i < t.size(); i++) {
            String type = t.type(i);
            int line = t.startLine(i);
            switch (lang) {
                case "Python" -> python(t, i, type, line, refs);
                case "Java" -> {
                    if (type.equals("import_declaration")) {
                        String text = strip(t.text(i), "import", ";");
                        boolean isStatic = text.startsWith("static ");
                        if (isStatic) {
                            text = text.substring(7).trim();
                        }
                        boolean wild = text.endsWith(".*");
                        String target = wild ? text.substring(0, text.length() - 2) : text;
                        refs.add(new ImportRef(wild ? "import_wildcard" : isStatic ? "import_static" : "import",
                                compact(target), line));
                    } else if (type.equals("package_declaration")) {
                        packages.add(compact(strip(t.text(i), "package", ";")));
                    }
                }
                case "Kotlin" -> {
                    if (type.equals("import_header")) {
                        String text = strip(t.text(i), "import", ";");
                        int as = text.indexOf(" as ");
                        if (as >= 0) {
                            text = text.substring(0, as);
                        }
                        boolean wild = text.endsWith(".*");
                        refs.add(new ImportRef(wild ? "import_wildcard" : "import",
                                compact(wild ? text.substring(0, text.length() - 2) : text), line));
                    } else if (type.equals("package_header")) {
                        packages.add(compact(strip(t.text(i), "package", ";")));
                    }
                }
                case "JavaScript", "TypeScript", "TSX" -> {
                    if (type.equals("import_statement") || type.equals("export_statement")) {
                        int src = t.child(i, "source");
                        if (src < 0) {
                            int req = t.childOfType(i, "import_require_clause");
                            src = req < 0 ? -1 : t.child(req, "source");
                        }
                        if (src >= 0) {
                            refs.add(new ImportRef("import", unquote(t.text(src)), line));
                        }
                    } else if (type.equals("call_expression")) {
                        int fn = t.child(i, "function");
                        int args = t.child(i, "arguments");
                        if (fn >= 0 && args >= 0 && (t.text(fn).equals("require") || t.type(fn).equals("import"))) {
                            int s = firstNamedChild(t, args);
                            if (s >= 0 && t.type(s).equals("string")) {
                                refs.add(new ImportRef("import", unquote(t.text(s)), line));
                            }
                        }
                    }
                }
                case "C", "C++" -> {
                    if (type.equals("preproc_include")) {
                        int p = t.child(i, "path");
                        if (p >= 0) {
                            boolean local = t.type(p).equals("string_literal");
                            String s = t.text(p).trim();
                            refs.add(new ImportRef(local ? "include_local" : "include_system",
                                    s.substring(1, Math.max(1, s.length() - 1)), line));
                        }
                    }
                }
                case "Go" -> {
                    if (type.equals("import_spec")) {
                        int p = t.child(i, "path");
                        if (p >= 0) {
                            refs.add(new ImportRef("import", unquote(t.text(p)), line));
                        }
                    }
                }
                case "Rust" -> {
                    if (type.equals("mod_item") && t.child(i, "body") < 0) {
                        int n = t.child(i, "name");
                        if (n >= 0) {
                            refs.add(new ImportRef("mod", t.text(n), line));
                        }
                    } else if (type.equals("use_declaration")) {
                        int a = t.child(i, "argument");
                        if (a >= 0) {
                            for (String p : expandRustUse(t.text(a))) {
                                refs.add(new ImportRef("use", p, line));
                            }
                        }
                    }
                }
                case "C#" -> {
                    if (type.equals("using_directive")) {
                        String text = strip(t.text(i), "using", ";");
                        if (text.startsWith("global ")) {
                            text = text.substring(7).trim();
                        }
                        if (text.startsWith("static ")) {
                            text = text.substring(7).trim();
                        }
                        int eq = text.indexOf('=');
                        if (eq >= 0) {
                            text = text.substring(eq + 1).trim();
                        }
                        refs.add(new ImportRef("using", compact(text), line));
                    } else if (type.equals("namespace_declaration") || type.equals("file_scoped_namespace_declaration")) {
                        int n = t.child(i, "name");
                        if (n >= 0) {
                            packages.add(compact(t.text(n)));
                        }
                    }
                }
                case "PHP" -> php(t, i, type, line, refs, packages);
                case "Ruby" -> {
                    if (type.equals("call")) {
                        int m = t.child(i, "method");
                        int args = t.child(i, "arguments");
                        if (m >= 0 && args >= 0 && t.child(i, "receiver") < 0) {
                            String name = t.text(m);
                            int s = firstNamedChild(t, args);
                            if ((name.equals("require") || name.equals("require_relative") || name.equals("load"))
                                    && s >= 0 && t.type(s).equals("string") && t.childOfType(s, "interpolation") < 0) {
                                refs.add(new ImportRef(name.equals("require_relative") ? "require_relative" : "require",
                                        unquote(t.text(s)), line));
                            }
                        }
                    }
                }
                default -> {
                }
            }
            if (wantTypes && (type.equals("type_identifier") || type.equals("identifier")
                    || type.equals("simple_identifier"))) {
                String id = t.text(i);
                if (!id.isEmpty() && Character.isUpperCase(id.charAt(0))) {
                    types.add(id);
                }
            }
        }
        return new Result(List.copyOf(refs), List.copyOf(packages), types);
    }

    private static void python(SyntaxTree t, int i, String type, int line, List<ImportRef> refs) {
        if (type.equals("import_statement")) {
            for (int c = t.firstChild(i); c >= 0; c = t.nextSibling(c)) {
                if ("name".equals(t.field(c))) {
                    int n = t.type(c).equals("aliased_import") ? t.child(c, "name") : c;
                    refs.add(new ImportRef("import", compact(t.text(n)), line));
                }
            }
        } else if (type.equals("import_from_statement")) {
            int mod = t.child(i, "module_name");
            if (mod < 0) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (int c = t.firstChild(i); c >= 0; c = t.nextSibling(c)) {
                if ("name".equals(t.field(c))) {
                    int n = t.type(c).equals("aliased_import") ? t.child(c, "name") : c;
                    names.add(compact(t.text(n)));
                } else if (t.type(c).equals("wildcard_import")) {
                    names.add("*");
                }
            }
            refs.add(new ImportRef("from", compact(t.text(mod)), names, line));
        }
    }

    private static void php(SyntaxTree t, int i, String type, int line, List<ImportRef> refs, List<String> packages) {
        switch (type) {
            case "require_expression", "require_once_expression", "include_expression", "include_once_expression" -> {
                int arg = firstNamedChild(t, i);
                if (arg < 0) {
                    return;
                }
                String at = t.type(arg);
                if ((at.equals("string") || at.equals("encapsed_string")) && t.childOfType(arg, "variable_name") < 0) {
                    refs.add(new ImportRef("require", unquote(t.text(arg)), line));
                } else if (at.equals("binary_expression")) {
                    int l = t.child(arg, "left");
                    int r = t.child(arg, "right");
                    if (l >= 0 && r >= 0 && t.text(l).equals("__DIR__")
                            && (t.type(r).equals("string") || t.type(r).equals("encapsed_string"))) {
                        String rel = unquote(t.text(r));
                        refs.add(new ImportRef("require_relative", rel.startsWith("/") ? rel.substring(1) : rel, line));
                    }
                }
            }
            case "namespace_use_clause" -> {
                int q = firstNamedChild(t, i);
                if (q >= 0) {
                    String name = t.text(q).trim();
                    int group = t.parent(i);
                    // use A\{B, C}: the group prefix sits on the declaration
                    if (group >= 0 && t.type(group).equals("namespace_use_group")) {
                        int decl = t.parent(group);
                        int prefix = decl < 0 ? -1 : t.childOfType(decl, "namespace_name");
                        if (prefix >= 0) {
                            name = t.text(prefix) + "\\" + name;
                        }
                    }
                    refs.add(new ImportRef("use", name.startsWith("\\") ? name.substring(1) : name, line));
                }
            }
            case "namespace_definition" -> {
                int n = t.child(i, "name");
                if (n >= 0) {
                    packages.add(t.text(n));
                }
            }
            default -> {
            }
        }
    }

    /**
     * Expands a Rust use tree into leaf paths: {@code crate::x::{y, z::W as V, self}} gives
     * {@code crate::x::y}, {@code crate::x::z::W}, {@code crate::x}; globs keep their prefix
     * ({@code a::b::*} gives {@code a::b}).
     */
    static List<String> expandRustUse(String text) {
        List<String> out = new ArrayList<>();
        expand(compact(text), "", out);
        return out;
    }

    private static void expand(String tree, String prefix, List<String> out) {
        String s = tree.trim();
        if (s.isEmpty()) {
            return;
        }
        int brace = s.indexOf('{');
        if (brace < 0) {
            int as = s.indexOf(" as ");
            if (as < 0) {
                as = s.indexOf("as ") == 0 ? 0 : -1;
            }
            String p = as >= 0 ? s.substring(0, as).trim() : s;
            if (p.endsWith("::*")) {
                p = p.substring(0, p.length() - 3);
            }
            if (p.equals("self")) {
                p = "";
            } else if (p.endsWith("::self")) {
                p = p.substring(0, p.length() - 6);
            }
            String full = prefix.isEmpty() ? p : p.isEmpty() ? prefix : prefix + "::" + p;
            if (!full.isEmpty() && !out.contains(full)) {
                out.add(full);
            }
            return;
        }
        String head = s.substring(0, brace);
        if (head.endsWith("::")) {
            head = head.substring(0, head.length() - 2);
        }
        String newPrefix = prefix.isEmpty() ? head : head.isEmpty() ? prefix : prefix + "::" + head;
        int close = s.lastIndexOf('}');
        String inner = s.substring(brace + 1, close < 0 ? s.length() : close);
        int depth = 0;
        int from = 0;
        for (int k = 0; k <= inner.length(); k++) {
            char c = k < inner.length() ? inner.charAt(k) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                expand(inner.substring(from, k), newPrefix, out);
                from = k + 1;
            }
        }
    }

    private static int firstNamedChild(SyntaxTree t, int node) {
        for (int c = t.firstChild(node); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !t.type(c).equals("comment")) {
                return c;
            }
        }
        return -1;
    }

    private static String strip(String text, String keyword, String end) {
        String s = text.trim();
        if (s.startsWith(keyword)) {
            s = s.substring(keyword.length());
        }
        s = s.trim();
        if (s.endsWith(end)) {
            s = s.substring(0, s.length() - end.length());
        }
        return s.trim();
    }

    /** Removes whitespace and comments inside a dotted name ({@code a . b} → {@code a.b}). */
    static String compact(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? s.length() : e + 2;
            } else if (Character.isWhitespace(c)) {
                // keep one space before "as" (Rust aliases) but drop others
                if (s.startsWith("as ", i + 1) && sb.length() > 0) {
                    sb.append(' ');
                } else if (sb.length() > 0 && sb.toString().endsWith(" as")) {
                    sb.append(' ');
                }
                i++;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String unquote(String s) {
        String x = s.trim();
        if (x.length() >= 2) {
            char a = x.charAt(0);
            char b = x.charAt(x.length() - 1);
            if ((a == '"' || a == '\'' || a == '`') && a == b) {
                return x.substring(1, x.length() - 1);
            }
        }
        return x;
    }
}
