package dev.codemill.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comment blocks at the head of a source file, before its first line of code: where licence
 * and copyright headers, SPDX tags, generated-code banners and editor modelines live.
 *
 * <p>Only the head is read, and it holds nothing but comments and whitespace, so comment
 * markers are all that is needed (no string or heredoc rules): a first-line shebang ({@code #!})
 * and a BOM are skipped, then blocks are read while the text continues with a comment opener. A
 * block is either one block comment ({@code /* … *}{@code /}, {@code <!-- … -->}, a Python
 * module docstring, …, blank lines inside included) or a run of consecutive line comments
 * ({@code //}, {@code #}, {@code --}, …) without a blank line between them. Anything else ends the
 * head.
 *
 * <p>Comment syntax follows the language ({@code language} in GitHub linguist's spelling), else
 * the file extension, else a generic set ({@code //}, {@code /* *}{@code /}, {@code #},
 * {@code <!-- -->}). In C-family languages {@code #} is code ({@code #include}, {@code #pragma}).
 */
public final class LeadingComments {
    /**
     * One comment block: char offsets {@code [start, end)} into the text, {@code end} after the
     * block's last line break when there is one.
     */
    public record Block(int start, int end) {
        public String text(String of) {
            return of.substring(start, end);
        }
    }

    /** Comment markers of a language: line-comment openers and block open/close pairs. */
    record Syntax(List<String> line, List<String[]> block) {
    }

    private static final Syntax C = syntax(List.of("//"), "/*", "*/");
    private static final Syntax C_HASH = syntax(List.of("//", "#"), "/*", "*/");
    private static final Syntax CSS = syntax(List.of(), "/*", "*/");
    private static final Syntax HASH = syntax(List.of("#"));
    private static final Syntax PYTHON = syntax(List.of("#"), "\"\"\"", "\"\"\"", "'''", "'''", "r\"\"\"", "\"\"\"",
            "u\"\"\"", "\"\"\"");
    private static final Syntax RUBY = syntax(List.of("#"), "=begin", "=end");
    private static final Syntax POWERSHELL = syntax(List.of("#"), "<#", "#>");
    private static final Syntax SQL = syntax(List.of("--"), "/*", "*/");
    private static final Syntax LUA = syntax(List.of("--"), "--[[", "]]");
    private static final Syntax HASKELL = syntax(List.of("--"), "{-", "-}");
    private static final Syntax DASH = syntax(List.of("--"));
    private static final Syntax SEMI = syntax(List.of(";"));
    private static final Syntax PERCENT = syntax(List.of("%"));
    private static final Syntax PROLOG = syntax(List.of("%"), "/*", "*/");
    private static final Syntax XML = syntax(List.of(), "<!--", "-->");
    private static final Syntax ML = syntax(List.of(), "(*", "*)");
    private static final Syntax FSHARP = syntax(List.of("//"), "(*", "*)");
    private static final Syntax PASCAL = syntax(List.of("//"), "(*", "*)", "{", "}");
    private static final Syntax FORTRAN = syntax(List.of("!"));
    private static final Syntax VB = syntax(List.of("'", "REM ", "rem "));
    private static final Syntax GENERIC = syntax(List.of("//", "#"), "/*", "*/", "<!--", "-->");

    private static final Map<String, Syntax> BY_LANGUAGE = new HashMap<>();
    private static final Map<String, Syntax> BY_EXTENSION = new HashMap<>();

    static {
        lang(C, "C", "C++", "Objective-C", "Objective-C++", "Cuda", "GLSL", "HLSL", "OpenCL", "Java", "C#", "Go",
                "JavaScript", "TypeScript", "TSX", "JSX", "Rust", "Kotlin", "Swift", "Scala", "Dart", "Groovy", "D",
                "Zig", "Solidity", "SCSS", "Less", "Protocol Buffer", "Thrift", "Verilog", "SystemVerilog", "Vala",
                "Apex", "V", "Chapel", "Ceylon", "Haxe", "JSON with Comments", "Gradle", "Jsonnet");
        ext(C, "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm", "cu", "java", "cs", "go", "js", "mjs",
                "cjs", "ts", "tsx", "jsx", "rs", "kt", "kts", "swift", "scala", "dart", "groovy", "gradle", "d", "zig",
                "sol", "scss", "less", "proto", "thrift", "v", "sv", "vala");
        lang(C_HASH, "PHP");
        ext(C_HASH, "php");
        lang(CSS, "CSS");
        ext(CSS, "css");
        lang(HASH, "Shell", "Perl", "R", "YAML", "TOML", "Makefile", "CMake", "Dockerfile", "Nim", "Julia", "Elixir",
                "Tcl", "Awk", "Raku", "Nix", "Starlark", "HCL", "GraphQL", "INI", "Crystal", "CoffeeScript", "Fish",
                "Zsh", "Bash");
        ext(HASH, "sh", "bash", "zsh", "fish", "pl", "pm", "r", "yml", "yaml", "toml", "mk", "cmake", "nim", "jl",
                "ex", "exs", "tcl", "awk", "nix", "bzl", "tf", "hcl", "graphql", "cr", "coffee");
        lang(PYTHON, "Python", "Cython");
        ext(PYTHON, "py", "pyi", "pyx");
        lang(RUBY, "Ruby");
        ext(RUBY, "rb", "rake", "gemspec");
        lang(POWERSHELL, "PowerShell");
        ext(POWERSHELL, "ps1", "psm1");
        lang(SQL, "SQL", "PLSQL", "PLpgSQL", "TSQL");
        ext(SQL, "sql");
        lang(LUA, "Lua");
        ext(LUA, "lua");
        lang(HASKELL, "Haskell", "Elm", "PureScript", "Agda", "Idris");
        ext(HASKELL, "hs", "lhs", "elm", "purs");
        lang(DASH, "Ada", "VHDL");
        ext(DASH, "adb", "ads", "vhd", "vhdl");
        lang(SEMI, "Common Lisp", "Emacs Lisp", "Clojure", "Scheme", "Racket", "Assembly", "Unix Assembly");
        ext(SEMI, "lisp", "el", "clj", "cljs", "cljc", "scm", "rkt", "asm", "s");
        lang(PERCENT, "Erlang", "TeX", "LaTeX", "MATLAB");
        ext(PERCENT, "erl", "hrl", "tex", "sty", "cls");
        lang(PROLOG, "Prolog");
        lang(XML, "XML", "HTML", "Markdown", "Vue", "SVG", "XSLT");
        ext(XML, "xml", "html", "htm", "md", "markdown", "vue", "svg", "xsl", "xslt", "xsd", "pom");
        lang(ML, "OCaml", "Standard ML", "Mathematica", "Coq");
        ext(ML, "ml", "mli", "sml", "wl");
        lang(FSHARP, "F#");
        ext(FSHARP, "fs", "fsi", "fsx");
        lang(PASCAL, "Pascal", "Delphi");
        ext(PASCAL, "pas", "pp", "dpr");
        lang(FORTRAN, "Fortran", "Fortran Free Form");
        ext(FORTRAN, "f90", "f95", "f03", "f08");
        lang(VB, "Visual Basic .NET", "VBA", "VBScript", "Visual Basic 6.0");
        ext(VB, "vb", "bas", "vbs");
    }

    private LeadingComments() {
    }

    /**
     * The comment blocks at the head of {@code text}, in order.
     *
     * @param text     the document text (any line breaks)
     * @param language linguist language name, or null
     * @param path     the file's path (for its extension when the language is unknown), or null
     * @return the blocks, empty when the text starts with code
     */
    public static List<Block> of(String text, String language, String path) {
        Syntax syntax = syntaxFor(language, path);
        List<Block> blocks = new ArrayList<>();
        int len = text.length();
        int pos = 0;
        if (len > 0 && text.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        if (text.startsWith("#!", pos)) {
            pos = lineEnd(text, pos);
        }
        while (true) {
            pos = skipWhitespace(text, pos);
            if (pos >= len) {
                return blocks;
            }
            int start = pos;
            String[] pair = blockOpener(syntax, text, pos);
            if (pair != null) {
                int close = text.indexOf(pair[1], pos + pair[0].length());
                int end = close < 0 ? len : close + pair[1].length();
                int eol = lineEnd(text, end);
                if (!text.substring(end, eol).isBlank() && !startsLineComment(syntax, text, skipSpaces(text, end))) {
                    blocks.add(new Block(start, end)); // code follows the closer on its line: the head ends
                    return blocks;
                }
                pos = eol;
                blocks.add(new Block(start, pos));
                continue;
            }
            if (!startsLineComment(syntax, text, pos)) {
                return blocks;
            }
            pos = lineEnd(text, pos);
            while (pos < len) {
                int next = skipSpaces(text, pos);
                if (!startsLineComment(syntax, text, next) || blockOpener(syntax, text, next) != null) {
                    break;
                }
                pos = lineEnd(text, next);
            }
            blocks.add(new Block(start, pos));
        }
    }

    static Syntax syntaxFor(String language, String path) {
        if (language != null) {
            Syntax s = BY_LANGUAGE.get(language.toLowerCase(Locale.ROOT));
            if (s != null) {
                return s;
            }
        }
        if (path != null) {
            int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
            String name = path.substring(slash + 1);
            int dot = name.lastIndexOf('.');
            Syntax s = dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (s != null) {
                return s;
            }
            if (name.equals("Makefile") || name.equals("Dockerfile") || name.equals("CMakeLists.txt")) {
                return HASH;
            }
        }
        return GENERIC;
    }

    private static String[] blockOpener(Syntax syntax, String text, int pos) {
        for (String[] pair : syntax.block()) {
            if (text.startsWith(pair[0], pos)) {
                return pair;
            }
        }
        return null;
    }

    private static boolean startsLineComment(Syntax syntax, String text, int pos) {
        for (String marker : syntax.line()) {
            if (text.startsWith(marker, pos)) {
                return true;
            }
        }
        return false;
    }

    /** Index after the line break ending the line at {@code pos} (or the text's length). */
    private static int lineEnd(String text, int pos) {
        int len = text.length();
        for (int i = pos; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < len && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return len;
    }

    private static int skipWhitespace(String text, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int skipSpaces(String text, int pos) {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\f')) {
            pos++;
        }
        return pos;
    }

    private static Syntax syntax(List<String> line, String... pairs) {
        List<String[]> block = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            block.add(new String[] {pairs[i], pairs[i + 1]});
        }
        return new Syntax(line, block);
    }

    private static void lang(Syntax s, String... names) {
        for (String n : names) {
            BY_LANGUAGE.put(n.toLowerCase(Locale.ROOT), s);
        }
    }

    private static void ext(Syntax s, String... extensions) {
        for (String e : extensions) {
            BY_EXTENSION.put(e, s);
        }
    }
}
