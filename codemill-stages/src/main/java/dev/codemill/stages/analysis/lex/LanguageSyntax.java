package dev.codemill.stages.analysis.lex;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The lexical syntax of one language, as far as line classification needs it: comment
 * markers, string delimiters, char-literal rule, heredoc kind and a few named lexical features.
 * Plain data: {@link SyntaxTable} holds one entry per language and {@link LineLexer} is the one
 * engine that reads them.
 *
 * @param name          the language's name in GitHub linguist's spelling
 * @param lineComments  markers that open a comment running to the end of the line, e.g. {@code //}
 * @param blockComments open/close pairs, each with its own nesting flag
 * @param strings       string delimiters, tried in order (longer openers first)
 * @param charLiterals  how a {@code '} that is not a listed string delimiter is read
 * @param heredoc       the heredoc/nowdoc dialect, or {@link Heredoc#NONE}
 * @param features      special lexical rules the engine implements once, by name
 * @param statementComments markers that open a comment only as the first non-blank text of a line,
 *                      matched case-insensitively, a marker ending in a letter only before a
 *                      non-identifier char (Batchfile {@code REM} and {@code ::}, BASIC {@code REM})
 * @param column1Comments markers that open a comment only in the first column, case-insensitively
 *                      (Fortran fixed form {@code C}, {@code *}; COBOL uses column 7, not covered)
 */
public record LanguageSyntax(String name, List<String> lineComments, List<BlockComment> blockComments,
                             List<StringRule> strings, CharLiterals charLiterals, Heredoc heredoc,
                             Set<Feature> features, List<String> statementComments, List<String> column1Comments) {

    public LanguageSyntax {
        Objects.requireNonNull(name, "name");
        lineComments = List.copyOf(lineComments);
        blockComments = List.copyOf(blockComments);
        strings = List.copyOf(strings);
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        statementComments = List.copyOf(statementComments);
        column1Comments = List.copyOf(column1Comments);
    }

    /**
     * A block comment pair.
     *
     * @param open  opener, e.g. {@code /*}
     * @param close closer
     * @param nests whether an opener inside the comment opens a nested level (Rust, Swift, Kotlin,
     *              Scala, Haskell {@code {- -}}, D {@code /+ +/}, OCaml {@code (* *)}); C's
     *              {@code /* *}{@code /} does not nest
     */
    public record BlockComment(String open, String close, boolean nests) {
    }

    /**
     * A string literal rule.
     *
     * @param open          opener, e.g. {@code """}
     * @param close         closer
     * @param escape        escape character ({@code \} mostly), or {@code 0} for none (raw strings)
     * @param multiline     whether the literal may span lines; a single-line literal left open at
     *                      the end of a line is closed there (no state leaks into the next line)
     * @param doubledEscape whether a doubled closer stands for one closer inside the literal
     *                      (C# verbatim {@code @"a""b"}, SQL {@code 'it''s'})
     */
    public record StringRule(String open, String close, char escape, boolean multiline, boolean doubledEscape) {
    }

    /** How a single quote outside the string rules is read. */
    public enum CharLiterals {
        /** No special reading: {@code '} is an ordinary character (or a listed string delimiter). */
        NONE,
        /**
         * {@code '} opens a char literal only when one code point or an escape sequence
         * ({@code \...}, up to 12 chars) and a closing {@code '} follow on the same line; otherwise
         * it is code (Rust lifetimes {@code 'a}, Scala symbols, OCaml type variables).
         */
        LOOKAHEAD
    }

    /** Heredoc dialects; a heredoc body starts on the line after its introducer and is string content. */
    public enum Heredoc {
        NONE,
        /** PHP {@code <<<ID}, {@code <<<"ID"} and nowdoc {@code <<<'ID'}; closer may be indented (PHP 7.3) and followed by {@code ;} etc. */
        PHP,
        /** Ruby {@code <<~ID}, {@code <<-ID} (indented closer), {@code <<ID} (upper-case ID), quoted forms. */
        RUBY,
        /** POSIX shell {@code <<EOF}, {@code <<-EOF} (tab-indented closer), {@code <<'EOF'}, {@code <<"EOF"}, {@code <<\EOF}. */
        SHELL,
        /** Perl {@code <<"EOF"}, {@code <<'EOF'}, {@code <<EOF}, {@code <<~EOF} (indented closer). */
        PERL
    }

    /** Lexical rules that are not plain marker data; the engine implements each once. */
    public enum Feature {
        /** {@code #} opens a comment only at line start or after whitespace or one of {@code ;|&()} (shell: {@code $#}, {@code ${#a}}, {@code a#b}). */
        HASH_COMMENT_AT_WORD_START,
        /** {@code #} right after {@code $} is not a comment (Perl {@code $#array}). */
        HASH_NOT_AFTER_DOLLAR,
        /** {@code #[} is an attribute, not a comment (PHP 8). */
        HASH_BRACKET_IS_CODE,
        /** {@code --} opens a comment only when the dashes are not followed by a symbol char (Haskell {@code -->}). */
        HASKELL_DASHES,
        /** {@code '} inside a number is a digit separator (C++14 {@code 1'000'000}, C23). */
        DIGIT_SEPARATOR_QUOTE,
        /** Identifiers may contain or end with {@code '} (Haskell {@code foldl'}, OCaml {@code x'}, Julia adjoint). */
        PRIMES_IN_IDENTIFIERS,
        /** C++ raw strings {@code R"delim(...)delim"} with {@code u8R}, {@code uR}, {@code UR}, {@code LR}. */
        CPP_RAW_STRINGS,
        /** Rust raw strings {@code r"..."}, {@code r#"..."#}, {@code br#"..."#}, {@code cr"..."}. */
        RUST_RAW_STRINGS,
        /** Swift raw strings {@code #"..."#}, {@code ##"""...."""##}. */
        SWIFT_RAW_STRINGS,
        /** C# verbatim strings {@code @"..."}, {@code $@"..."}, {@code @$"..."} (multi-line, {@code ""} escapes a quote). */
        CSHARP_VERBATIM,
        /** Lua long brackets: strings {@code [[...]]}/{@code [==[...]==]} and comments {@code --[[...]]}. */
        LUA_LONG_BRACKETS,
        /** JavaScript regular-expression literals {@code /.../flags} where an operand may start. */
        JS_REGEX,
        /** Ruby percent literals {@code %q{}}, {@code %Q()}, {@code %w[]}, {@code %r{}} … (bracket delimiters nest). */
        RUBY_PERCENT_LITERALS,
        /** Perl quote operators {@code q{}}, {@code qq()}, {@code qw//}, {@code qr{}}, {@code qx}, {@code m{}}. */
        PERL_QUOTE_OPERATORS,
        /** Ruby {@code =begin} … {@code =end} documentation blocks at line start. */
        RUBY_BEGIN_END,
        /** Perl POD: a line starting with {@code =word} up to a line starting with {@code =cut}. */
        PERL_POD,
        /** PEP 257 docstrings count as comment lines; string prefixes {@code r u b f} belong to the literal. */
        PYTHON_DOCSTRINGS
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent builder used by {@link SyntaxTable}. */
    static final class Builder {
        private final String name;
        private final List<String> line = new ArrayList<>();
        private final List<BlockComment> blocks = new ArrayList<>();
        private final List<StringRule> strings = new ArrayList<>();
        private CharLiterals chars = CharLiterals.NONE;
        private Heredoc heredoc = Heredoc.NONE;
        private final EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
        private final List<String> statement = new ArrayList<>();
        private final List<String> column1 = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder line(String... markers) {
            line.addAll(List.of(markers));
            return this;
        }

        /** Comment markers valid only as a line's first non-blank text ({@code REM}). */
        Builder statement(String... markers) {
            statement.addAll(List.of(markers));
            return this;
        }

        /** Comment markers valid only in column 1 (Fortran fixed form {@code C}). */
        Builder column1(String... markers) {
            column1.addAll(List.of(markers));
            return this;
        }

        Builder block(String open, String close) {
            blocks.add(new BlockComment(open, close, false));
            return this;
        }

        Builder nested(String open, String close) {
            blocks.add(new BlockComment(open, close, true));
            return this;
        }

        /** Single-line string with a {@code \} escape, closed by the same delimiter. */
        Builder str(String delim) {
            strings.add(new StringRule(delim, delim, '\\', false, false));
            return this;
        }

        /** Multi-line string with a {@code \} escape, closed by the same delimiter. */
        Builder mstr(String delim) {
            strings.add(new StringRule(delim, delim, '\\', true, false));
            return this;
        }

        /** Multi-line string without escapes (raw), closed by {@code close}. */
        Builder raw(String open, String close) {
            strings.add(new StringRule(open, close, (char) 0, true, false));
            return this;
        }

        Builder rule(StringRule rule) {
            strings.add(rule);
            return this;
        }

        Builder chars() {
            chars = CharLiterals.LOOKAHEAD;
            return this;
        }

        Builder heredoc(Heredoc kind) {
            heredoc = kind;
            return this;
        }

        Builder with(Feature... fs) {
            features.addAll(List.of(fs));
            return this;
        }

        LanguageSyntax build() {
            return new LanguageSyntax(name, line, blocks, strings, chars, heredoc, features, statement, column1);
        }
    }
}
