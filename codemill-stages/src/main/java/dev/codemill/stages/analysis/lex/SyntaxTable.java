package dev.codemill.stages.analysis.lex;

import dev.codemill.stages.analysis.lex.LanguageSyntax.Feature;
import dev.codemill.stages.analysis.lex.LanguageSyntax.Heredoc;
import dev.codemill.stages.analysis.lex.LanguageSyntax.StringRule;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The table of language syntaxes the line classifier knows, keyed by GitHub linguist's language
 * name ({@code Python}, {@code C++}, {@code C#}, {@code Shell}, …). Lookup is exact first, then
 * case-insensitive, then through a few common aliases ({@code bash}, {@code js}, {@code golang}).
 *
 * <p>Markers follow each language's reference manual; the traps covered are those reported
 * against cloc and tokei (comment markers inside strings, char literals and heredocs: tokei #482,
 * #62, cloc #556, #957; nested comments; Python docstrings: tokei #185, cloc #405).
 */
public final class SyntaxTable {
    private static final Map<String, LanguageSyntax> BY_NAME = new HashMap<>();
    private static final Map<String, LanguageSyntax> BY_LOWER = new HashMap<>();

    private SyntaxTable() {
    }

    static {
        // C family: ' is a single-line char literal; C/C++ digit separators 1'000.
        for (String n : new String[] {"C", "Objective-C", "Cuda", "GLSL", "HLSL", "OpenCL"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").str("\"").str("'")
                    .with(Feature.DIGIT_SEPARATOR_QUOTE));
        }
        for (String n : new String[] {"C++", "Objective-C++"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").str("\"").str("'")
                    .with(Feature.DIGIT_SEPARATOR_QUOTE, Feature.CPP_RAW_STRINGS));
        }
        add(LanguageSyntax.builder("Java").line("//").block("/*", "*/").mstr("\"\"\"").str("\"").str("'"));
        add(LanguageSyntax.builder("C#").line("//").block("/*", "*/").raw("\"\"\"", "\"\"\"").str("\"").str("'")
                .with(Feature.CSHARP_VERBATIM));
        add(LanguageSyntax.builder("Go").line("//").block("/*", "*/").str("\"").str("'").raw("`", "`"));
        for (String n : new String[] {"JavaScript", "TypeScript", "TSX", "JSX"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").mstr("`").str("\"").str("'")
                    .with(Feature.JS_REGEX));
        }
        add(LanguageSyntax.builder("Rust").line("//").nested("/*", "*/").mstr("\"").chars()
                .with(Feature.RUST_RAW_STRINGS));
        add(LanguageSyntax.builder("Kotlin").line("//").nested("/*", "*/").raw("\"\"\"", "\"\"\"").str("\"").str("'"));
        add(LanguageSyntax.builder("Swift").line("//").nested("/*", "*/").mstr("\"\"\"").str("\"")
                .with(Feature.SWIFT_RAW_STRINGS));
        add(LanguageSyntax.builder("Scala").line("//").nested("/*", "*/").raw("\"\"\"", "\"\"\"").str("\"").chars());
        add(LanguageSyntax.builder("Dart").line("//").nested("/*", "*/").mstr("\"\"\"").mstr("'''").str("\"").str("'"));
        add(LanguageSyntax.builder("Groovy").line("//").block("/*", "*/").mstr("\"\"\"").mstr("'''").str("\"").str("'"));
        add(LanguageSyntax.builder("D").line("//").block("/*", "*/").nested("/+", "+/").mstr("\"").raw("`", "`").str("'"));
        add(LanguageSyntax.builder("Zig").line("//").str("\"").str("'"));
        add(LanguageSyntax.builder("Solidity").line("//").block("/*", "*/").str("\"").str("'"));
        add(LanguageSyntax.builder("PHP").line("//", "#").block("/*", "*/").mstr("\"").mstr("'").mstr("`")
                .heredoc(Heredoc.PHP).with(Feature.HASH_BRACKET_IS_CODE));
        for (String n : new String[] {"Python", "Cython", "Starlark", "Mojo"}) {
            add(LanguageSyntax.builder(n).line("#").mstr("\"\"\"").mstr("'''").str("\"").str("'")
                    .with(Feature.PYTHON_DOCSTRINGS));
        }
        add(LanguageSyntax.builder("Ruby").line("#").mstr("\"").mstr("'").mstr("`").heredoc(Heredoc.RUBY)
                .with(Feature.RUBY_PERCENT_LITERALS, Feature.RUBY_BEGIN_END));
        add(LanguageSyntax.builder("Shell").line("#").mstr("\"").raw("'", "'").heredoc(Heredoc.SHELL)
                .with(Feature.HASH_COMMENT_AT_WORD_START));
        add(LanguageSyntax.builder("Perl").line("#").mstr("\"").mstr("'").heredoc(Heredoc.PERL)
                .with(Feature.HASH_NOT_AFTER_DOLLAR, Feature.PERL_QUOTE_OPERATORS, Feature.PERL_POD));
        add(LanguageSyntax.builder("Lua").line("--").str("\"").str("'").with(Feature.LUA_LONG_BRACKETS));
        // SQL: standard quoting ('' doubles a quote, no backslash escape), literals may span lines.
        for (String n : new String[] {"SQL", "PLSQL", "PLpgSQL", "TSQL"}) {
            add(LanguageSyntax.builder(n).line("--").block("/*", "*/")
                    .rule(new StringRule("'", "'", (char) 0, true, true))
                    .rule(new StringRule("\"", "\"", (char) 0, true, true)));
        }
        for (String n : new String[] {"Haskell", "Elm", "PureScript"}) {
            add(LanguageSyntax.builder(n).line("--").nested("{-", "-}").str("\"").chars()
                    .with(Feature.HASKELL_DASHES, Feature.PRIMES_IN_IDENTIFIERS));
        }
        add(LanguageSyntax.builder("OCaml").nested("(*", "*)").mstr("\"").chars().with(Feature.PRIMES_IN_IDENTIFIERS));
        add(LanguageSyntax.builder("F#").line("//").nested("(*", "*)").raw("\"\"\"", "\"\"\"").mstr("\"").chars()
                .with(Feature.PRIMES_IN_IDENTIFIERS));
        add(LanguageSyntax.builder("R").line("#").mstr("\"").mstr("'"));
        add(LanguageSyntax.builder("Julia").line("#").nested("#=", "=#").mstr("\"\"\"").mstr("\"").chars()
                .with(Feature.PRIMES_IN_IDENTIFIERS));
        add(LanguageSyntax.builder("Elixir").line("#").mstr("\"\"\"").mstr("'''").mstr("\"").mstr("'"));
        for (String n : new String[] {"HTML", "XML", "SVG", "XSLT", "Vue", "Svelte"}) {
            add(LanguageSyntax.builder(n).block("<!--", "-->"));
        }
        add(LanguageSyntax.builder("CSS").block("/*", "*/").str("\"").str("'"));
        for (String n : new String[] {"SCSS", "Less"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").str("\"").str("'"));
        }
        add(LanguageSyntax.builder("JSON").str("\""));
        add(LanguageSyntax.builder("YAML").line("#").with(Feature.HASH_COMMENT_AT_WORD_START));
        add(LanguageSyntax.builder("TOML").line("#").raw("'''", "'''").mstr("\"\"\"").str("\"")
                .rule(new StringRule("'", "'", (char) 0, false, false)));
        add(LanguageSyntax.builder("Makefile").line("#"));
        add(LanguageSyntax.builder("Dockerfile").line("#").with(Feature.HASH_COMMENT_AT_WORD_START));
        add(LanguageSyntax.builder("CMake").block("#[[", "]]").line("#").mstr("\""));
        add(LanguageSyntax.builder("PowerShell").block("<#", "#>").line("#")
                .rule(new StringRule("@\"", "\"@", '`', true, false))
                .rule(new StringRule("@'", "'@", (char) 0, true, false))
                .rule(new StringRule("\"", "\"", '`', true, false))
                .rule(new StringRule("'", "'", (char) 0, true, true)));

        // Added with the linguist-breadth table (issue 12): the rest of the 40 most common languages
        // of GitHub / The Stack v2 and close relatives; markers from each language's manual.
        add(LanguageSyntax.builder("MATLAB").block("%{", "%}").line("%").str("\"").str("'")
                .with(Feature.PRIMES_IN_IDENTIFIERS));
        for (String n : new String[] {"Clojure", "Emacs Lisp"}) {
            add(LanguageSyntax.builder(n).line(";").mstr("\""));
        }
        for (String n : new String[] {"Common Lisp", "Scheme", "Racket"}) {
            add(LanguageSyntax.builder(n).line(";").nested("#|", "|#").mstr("\""));
        }
        add(LanguageSyntax.builder("Erlang").line("%").mstr("\"").str("'"));
        add(LanguageSyntax.builder("Fortran Free Form").line("!").str("\"").str("'"));
        // fixed form: C, c or * in column 1 is a comment line; ! anywhere (Fortran 90 fixed form)
        add(LanguageSyntax.builder("Fortran").column1("c", "*").line("!").str("\"").str("'"));
        // BASIC family: ' to the end of the line, REM as a statement, "" doubles a quote
        for (String n : new String[] {"Visual Basic .NET", "VBA", "Visual Basic 6.0", "VBScript"}) {
            add(LanguageSyntax.builder(n).line("'").statement("REM")
                    .rule(new StringRule("\"", "\"", (char) 0, false, true)));
        }
        add(LanguageSyntax.builder("Batchfile").statement("REM", "@REM", "::"));
        add(LanguageSyntax.builder("Assembly").line(";").str("\"").str("'"));
        add(LanguageSyntax.builder("Unix Assembly").line("#", "//").block("/*", "*/").str("\""));
        add(LanguageSyntax.builder("Pascal").line("//").block("{", "}").block("(*", "*)")
                .rule(new StringRule("'", "'", (char) 0, false, true)));
        add(LanguageSyntax.builder("TeX").line("%"));
        add(LanguageSyntax.builder("Tcl").line("#").str("\"").with(Feature.HASH_COMMENT_AT_WORD_START));
        add(LanguageSyntax.builder("Awk").line("#").str("\""));
        add(LanguageSyntax.builder("fish").line("#").str("\"").str("'").with(Feature.HASH_COMMENT_AT_WORD_START));
        add(LanguageSyntax.builder("Vim Script").statement("\"", "#").str("'"));
        add(LanguageSyntax.builder("Nim").nested("#[", "]#").line("#").raw("\"\"\"", "\"\"\"").str("\"").chars());
        add(LanguageSyntax.builder("Crystal").line("#").mstr("\"").chars());
        add(LanguageSyntax.builder("Nix").line("#").block("/*", "*/").mstr("\"").raw("''", "''"));
        add(LanguageSyntax.builder("HCL").line("#", "//").block("/*", "*/").str("\""));
        add(LanguageSyntax.builder("Protocol Buffer").line("//").block("/*", "*/").str("\"").str("'"));
        add(LanguageSyntax.builder("GraphQL").line("#").raw("\"\"\"", "\"\"\"").str("\""));
        add(LanguageSyntax.builder("Apex").line("//").block("/*", "*/").str("'"));
        add(LanguageSyntax.builder("Prolog").line("%").block("/*", "*/").str("\"").str("'"));
        add(LanguageSyntax.builder("Coq").nested("(*", "*)").mstr("\""));
        for (String n : new String[] {"Verilog", "SystemVerilog"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").str("\""));
        }
        add(LanguageSyntax.builder("VHDL").line("--").block("/*", "*/").str("\"").chars());
        add(LanguageSyntax.builder("Ada").line("--").rule(new StringRule("\"", "\"", (char) 0, false, true)).chars());
        add(LanguageSyntax.builder("COBOL").line("*>").str("\"").str("'"));
        add(LanguageSyntax.builder("CoffeeScript").block("###", "###").line("#").mstr("\"\"\"").mstr("'''")
                .str("\"").str("'"));
        add(LanguageSyntax.builder("Smalltalk").block("\"", "\"").rule(new StringRule("'", "'", (char) 0, true, true)));
        add(LanguageSyntax.builder("Gradle").line("//").block("/*", "*/").mstr("\"\"\"").mstr("'''").str("\"").str("'"));
        add(LanguageSyntax.builder("Gradle Kotlin DSL").line("//").nested("/*", "*/").raw("\"\"\"", "\"\"\"")
                .str("\"").str("'"));
        add(LanguageSyntax.builder("INI").statement(";", "#"));
        add(LanguageSyntax.builder("Sass").line("//").block("/*", "*/"));
        for (String n : new String[] {"JSON with Comments", "JSON5"}) {
            add(LanguageSyntax.builder(n).line("//").block("/*", "*/").str("\"").str("'"));
        }
        add(LanguageSyntax.builder("GDScript").line("#").mstr("\"\"\"").str("\"").str("'"));
        add(LanguageSyntax.builder("Odin").line("//").nested("/*", "*/").str("\"").raw("`", "`").chars());

        alias("bash", "Shell");
        alias("sh", "Shell");
        alias("zsh", "Shell");
        alias("js", "JavaScript");
        alias("ts", "TypeScript");
        alias("golang", "Go");
        alias("cpp", "C++");
        alias("csharp", "C#");
        alias("objc", "Objective-C");
        alias("postgresql", "PLpgSQL");
    }

    private static void add(LanguageSyntax.Builder b) {
        LanguageSyntax s = b.build();
        BY_NAME.put(s.name(), s);
        BY_LOWER.put(s.name().toLowerCase(Locale.ROOT), s);
    }

    private static void alias(String alias, String name) {
        BY_LOWER.put(alias, BY_NAME.get(name));
    }

    /** The syntax of {@code language}, or null when the table has none (or {@code language} is null). */
    public static LanguageSyntax lookup(String language) {
        if (language == null) {
            return null;
        }
        LanguageSyntax s = BY_NAME.get(language);
        return s != null ? s : BY_LOWER.get(language.toLowerCase(Locale.ROOT));
    }

    /** The linguist names of all languages in the table, sorted. */
    public static Set<String> languages() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }
}
