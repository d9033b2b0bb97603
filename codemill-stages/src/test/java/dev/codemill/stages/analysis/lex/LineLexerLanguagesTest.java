package dev.codemill.stages.analysis.lex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.analysis.lang.LanguageTable;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Comment-line counts for the languages lexed since the table took linguist's breadth (issue 12). */
class LineLexerLanguagesTest {
    /**
     * The 40 most common programming languages of GitHub / The Stack v2 (by files), in linguist's
     * spelling; each must have a syntax entry and be a name of the language table.
     */
    static final List<String> TOP_40 = List.of("JavaScript", "Python", "Java", "TypeScript", "C#", "C++", "PHP", "C",
            "Go", "Ruby", "Shell", "Rust", "Kotlin", "Swift", "Scala", "Dart", "Lua", "Objective-C", "R", "Perl",
            "Haskell", "PowerShell", "SQL", "Julia", "MATLAB", "Groovy", "Elixir", "Clojure", "Erlang", "F#", "OCaml",
            "Fortran", "Visual Basic .NET", "Assembly", "Pascal", "Emacs Lisp", "Batchfile", "TeX", "CMake", "Makefile");

    @Test
    void theFortyMostCommonLanguagesAreLexed() {
        assertThat(TOP_40).hasSize(40).doesNotHaveDuplicates();
        LanguageTable table = LanguageTable.defaults();
        for (String l : TOP_40) {
            assertThat(SyntaxTable.lookup(l)).as(l).isNotNull();
            assertThat(table.byName(l)).as(l).isNotNull();
        }
        // every syntax entry but JSX is a language of the table (names must match to be used)
        for (String l : SyntaxTable.languages()) {
            if (!l.equals("JSX")) {
                assertThat(table.byName(l)).as(l).isNotNull();
            }
        }
    }

    /** language | text (\n as a literal backslash-n) | code | comment | blank. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            MATLAB            | `%{\\nblock\\n%}\\nx = a' + 1; % tail\\ns = 'a%b';\\n% only\\n`        | 2 | 4 | 0
            Clojure           | `; c\\n(def s "a ; b")\\n;; d\\n`                                    | 1 | 2 | 0
            Emacs Lisp        | `;;; header\\n(setq s "x;y")\\n`                                     | 1 | 1 | 0
            Common Lisp       | `#| a\\n#| nested |#\\nstill |#\\n(defun f () "; no")\\n; c\\n`       | 1 | 4 | 0
            Racket            | `#lang racket\\n; c\\n(define s "#| no")\\n`                         | 2 | 1 | 0
            Erlang            | `%% doc\\n-module(a).\\nf() -> "% no". % tail\\n`                     | 2 | 1 | 0
            Fortran Free Form | `! c\\nprint *, "! no"\\nx = 1 ! tail\\n`                             | 2 | 1 | 0
            Fortran           | `C     comment\\n      X = 1\\n*     star\\n      CALL F ! t\\n`        | 2 | 2 | 0
            Visual Basic .NET | `' c\\nDim s = "it''s ' no"\\nREM old style\\nRemove(1)\\n`           | 2 | 2 | 0
            VBA               | `Rem c\\nx = "a""' b"\\n`                                            | 1 | 1 | 0
            Batchfile         | `@echo off\\nREM c\\n:: label comment\\n  rem indented\\necho REM no\\n` | 2 | 3 | 0
            Assembly          | `; c\\nmov ax, ';'\\n\\ndb "a;b" ; t\\n`                               | 2 | 1 | 1
            Unix Assembly     | `/* c\\n*/\\nmovl $1, %eax # t\\n# c\\n`                               | 1 | 3 | 0
            Pascal            | `{ c }\\n(* c *)\\n// c\\ns := 'it''s { no';\\n`                      | 1 | 3 | 0
            TeX               | `% c\\n\\\\section{A}\\n`                                             | 1 | 1 | 0
            Tcl               | `# c\\nset a "# no"\\nputs $a\\n`                                      | 2 | 1 | 0
            Vim Script        | `" c\\nlet s = 'a " b'\\n# vim9\\n`                                    | 1 | 2 | 0
            Nim               | `#[ a\\n#[ b ]#\\n]#\\necho "# no"\\n`                                 | 1 | 3 | 0
            Nix               | `# c\\n{ s = ''\\n  # no\\n''; }\\n/* c */\\n`                          | 3 | 2 | 0
            HCL               | `# c\\n// c\\n/* c */\\na = "# no"\\n`                                  | 1 | 3 | 0
            Protocol Buffer   | `// c\\nsyntax = "proto3"; /* t */\\n`                                | 1 | 1 | 0
            GraphQL           | `# c\\n\"""\\n# doc\\n\"""\\ntype A { a: Int }\\n`                         | 4 | 1 | 0
            Apex              | `// c\\nString s = '// no';\\n/* c */\\n`                              | 1 | 2 | 0
            Prolog            | `% c\\nf(X) :- g("% no").\\n/* c */\\n`                                | 1 | 2 | 0
            Coq               | `(* a (* b *) c *)\\nDefinition x := 1.\\n`                            | 1 | 1 | 0
            Verilog           | `// c\\nmodule m; /* t */\\n/* c */\\nendmodule\\n`                     | 2 | 2 | 0
            VHDL              | `-- c\\nx <= '1'; -- t\\ns <= "--no";\\n`                              | 2 | 1 | 0
            Ada               | `-- c\\nS : String := "a""-- b";\\n`                                   | 1 | 1 | 0
            COBOL             | `*> c\\n       DISPLAY "*> no".\\n`                                  | 1 | 1 | 0
            CoffeeScript      | `###\\nblock\\n###\\n# c\\ns = "# no"\\n`                               | 1 | 4 | 0
            Smalltalk         | `"c"\\nx := 'it''s "no"'.\\n"multi\\nline"\\n`                          | 1 | 3 | 0
            Crystal           | `# c\\nputs "# no"\\n`                                                | 1 | 1 | 0
            fish              | `# c\\necho a#b\\n`                                                   | 1 | 1 | 0
            INI               | `; c\\n# c\\n[s]\\nk = v ; not a comment here\\n`                       | 2 | 2 | 0
            Gradle            | `// c\\nplugins { id 'java' }\\n`                                     | 1 | 1 | 0
            Gradle Kotlin DSL | `/* a /* b */ */\\nplugins { java }\\n`                               | 1 | 1 | 0
            JSON with Comments| `// c\\n{"a": "// no"}\\n`                                           | 1 | 1 | 0
            Mojo              | `def f():\\n    \"\"\"doc.\"\"\"\\n    pass # t\\n`                      | 2 | 1 | 0
            """)
    void commentLines(String language, String text, long code, long comment, long blank) {
        LineCounts lc = LineLexer.classify(text.replace("\\n", "\n"), language);
        assertThat(new long[] {lc.code(), lc.comment(), lc.blank()}).as(language).containsExactly(code, comment, blank);
        assertThat(lc.exact()).isTrue();
    }
}
