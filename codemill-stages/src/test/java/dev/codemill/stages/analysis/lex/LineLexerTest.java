package dev.codemill.stages.analysis.lex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Single traps, one per test: {code, comment, blank}. */
class LineLexerTest {

    private static long[] counts(String text, String language) {
        LineCounts lc = LineLexer.classify(text, language);
        return new long[] {lc.code(), lc.comment(), lc.blank()};
    }

    @Test
    void cBlockCommentsDoNotNestButRustOnesDo() {
        String text = "/* a /* b */\nx();\n/* c */\n";
        assertThat(counts(text, "C")).containsExactly(1, 2, 0);
        // in Rust the inner opener nests, so "x();" and "/* c */" are still inside the comment
        assertThat(counts(text, "Rust")).containsExactly(0, 3, 0);
    }

    @Test
    void dNestsOnlyPlusComments() {
        assertThat(counts("/+ a /+ b +/\nx();\n+/\ny();\n", "D")).containsExactly(1, 3, 0);
        assertThat(counts("/* a /* b */\nx();\n", "D")).containsExactly(1, 1, 0);
    }

    @Test
    void ocamlAndHaskellNestedComments() {
        assertThat(counts("(* a (* b *) c *)\nlet x = 1\n", "OCaml")).containsExactly(1, 1, 0);
        assertThat(counts("{- a {- b -}\nstill -}\nx = 1\n", "Haskell")).containsExactly(1, 2, 0);
    }

    @Test
    void haskellDashOperatorsAreNotComments() {
        assertThat(counts("a --> b\n-- c\n--| d\n", "Haskell")).containsExactly(2, 1, 0);
    }

    @Test
    void singleLineStringLeftOpenEndsAtItsLine() {
        assertThat(counts("char *s = \"abc\n// comment\n", "C")).containsExactly(1, 1, 0);
    }

    @Test
    void unclosedBlockCommentRunsToTheEnd() {
        assertThat(counts("x();\n/* open\ny();\n", "Java")).containsExactly(1, 2, 0);
    }

    @Test
    void whitespaceOnlyLinesInsideCommentsAndStringsAreBlank() {
        assertThat(counts("/*\n\n*/\ns = \"\"\"\n  \n\"\"\"\n", "Kotlin")).containsExactly(2, 2, 2);
    }

    @Test
    void cppDigitSeparatorsAreNotCharLiterals() {
        // an odd number of separators must not open a char literal that hides the comment opener
        assertThat(counts("int x = 0x1'FF; /* a\nb */\n", "C++")).containsExactly(1, 1, 0);
    }

    @Test
    void cppRawStringWithDelimiter() {
        assertThat(counts("auto s = R\"x(\n)\" // not end\n)x\";\n// c\n", "C++")).containsExactly(3, 1, 0);
    }

    @Test
    void rustLifetimesAreNotCharLiterals() {
        assertThat(counts("fn f<'a>(x: &'a str) -> &'a str { x } // c\n// d\n", "Rust")).containsExactly(1, 1, 0);
        assertThat(counts("let s = r##\"a \"# // b\"##;\n// c\n", "Rust")).containsExactly(1, 1, 0);
    }

    @Test
    void shellHashInsideWordsAndParameterExpansionsIsCode() {
        assertThat(counts("echo $# ${#a} a#b\n# c\n", "Shell")).containsExactly(1, 1, 0);
        assertThat(counts("cat <<EOF\n# x\nEOF\n# y\n", "Shell")).containsExactly(3, 1, 0);
        assertThat(counts("cat <<< \"# x\"\n# y\n", "Shell")).containsExactly(1, 1, 0);
    }

    @Test
    void twoHeredocsOnOneLineAreReadInOrder() {
        assertThat(counts("cat <<A <<B\n# a\nA\n# b\nB\n# c\n", "Shell")).containsExactly(5, 1, 0);
    }

    @Test
    void phpAttributesAreNotHashComments() {
        assertThat(counts("<?php\n#[Route('/x')]\n# c\n", "PHP")).containsExactly(2, 1, 0);
    }

    @Test
    void perlQuoteOperatorsNestBrackets() {
        assertThat(counts("my $x = q{ a { # b } c };\n# d\n", "Perl")).containsExactly(1, 1, 0);
        assertThat(counts("=head1 NAME\n\nx\n\n=cut\nprint 1;\n", "Perl")).containsExactly(1, 3, 2);
    }

    @Test
    void rubyPercentLiteralsAndHeredocs() {
        assertThat(counts("x = %q(a # b)\n# c\n", "Ruby")).containsExactly(1, 1, 0);
        assertThat(counts("x = <<-EOS\n  # a\n  EOS\n# b\n", "Ruby")).containsExactly(3, 1, 0);
    }

    @Test
    void csharpVerbatimDoubledQuotes() {
        assertThat(counts("var s = @\"a \"\" // b\n\"\"\";\n// c\n", "C#")).containsExactly(2, 1, 0);
    }

    @Test
    void swiftRawStringsAndNestedComments() {
        assertThat(counts("let s = #\"a \"# // b\"#\n/* x /* y */ z */\n", "Swift")).containsExactly(1, 1, 0);
    }

    @Test
    void luaLongBracketsOfEveryLevel() {
        assertThat(counts("--[==[\n]]\n]==]\nx = [=[\n--]=]\n", "Lua")).containsExactly(2, 3, 0);
    }

    @Test
    void javascriptDivisionIsNotARegex() {
        assertThat(counts("a = b / c; // d / e\n// f\n", "JavaScript")).containsExactly(1, 1, 0);
        assertThat(counts("if (/\\/*/.test(s)) x();\n// f\n", "JavaScript")).containsExactly(1, 1, 0);
        assertThat(counts("return /'/.test(s);\n// f\n", "JavaScript")).containsExactly(1, 1, 0);
    }

    @Test
    void sqlDoubledQuotes() {
        assertThat(counts("SELECT 'it''s -- x';\n-- c\n", "SQL")).containsExactly(1, 1, 0);
    }

    @Test
    void htmlCommentsAndApostrophesInText() {
        assertThat(counts("<p>don't</p>\n<!-- c -->\n", "HTML")).containsExactly(1, 1, 0);
    }

    @Test
    void pythonDocstringRules() {
        // f-strings and byte strings are not docstrings; u/r prefixes are
        LineCounts f = LineLexer.classify("def f():\n    f\"\"\"x\"\"\"\n", "Python");
        assertThat(f.docstringLines()).isEmpty();
        LineCounts u = LineLexer.classify("def f():\n    u'x'\n", "Python");
        assertThat(u.docstringLines()).containsExactly(2);
        // an expression that starts with a string is not a docstring
        LineCounts e = LineLexer.classify("def f():\n    \"\"\"x\"\"\".strip()\n", "Python");
        assertThat(e.docstringLines()).isEmpty();
        assertThat(e.comment()).isZero();
        // a string after the first statement of a body is code
        LineCounts late = LineLexer.classify("def f():\n    pass\n    \"x\"\n", "Python");
        assertThat(late.docstringLines()).isEmpty();
        // a module docstring after comments, with a trailing comment and ;
        LineCounts m = LineLexer.classify("# c\n\"\"\"doc\"\"\"  # t\nx = 1\n", "Python");
        assertThat(m.docstringLines()).containsExactly(2);
        assertThat(new long[] {m.code(), m.comment(), m.blank()}).containsExactly(1, 2, 0);
        // a string in an if-body is not a docstring
        LineCounts iff = LineLexer.classify("x = 1\nif x:\n    \"s\"\n", "Python");
        assertThat(iff.docstringLines()).isEmpty();
        // class with a dict in its bases and a colon inside brackets
        LineCounts cls = LineLexer.classify("class A(B, **{'k': 1}):\n    'doc'\n", "Python");
        assertThat(cls.docstringLines()).containsExactly(2);
        assertThat(cls.docstrings()).singleElement().satisfies(sp -> {
            assertThat(sp.firstLine()).isEqualTo(2);
            assertThat("class A(B, **{'k': 1}):\n    'doc'\n".substring(sp.start(), sp.end())).isEqualTo("'doc'");
        });
    }

    @Test
    void jsonHasNoCommentsAndIsExact() {
        LineCounts lc = LineLexer.classify("{\"a\": \"//x\"}\n", "JSON");
        assertThat(lc.exact()).isTrue();
        assertThat(lc.code()).isEqualTo(1);
    }

    @Test
    void lookupIsExactThenCaseInsensitiveThenAlias() {
        assertThat(SyntaxTable.lookup("C++").name()).isEqualTo("C++");
        assertThat(SyntaxTable.lookup("python").name()).isEqualTo("Python");
        assertThat(SyntaxTable.lookup("bash").name()).isEqualTo("Shell");
        assertThat(SyntaxTable.lookup("Brainfuck")).isNull();
        assertThat(SyntaxTable.languages()).contains("Python", "Java", "JavaScript", "TypeScript", "C", "C++", "C#",
                "Go", "Rust", "PHP", "Ruby", "Kotlin", "Swift", "Scala", "Shell", "Perl", "Lua", "SQL", "Haskell", "R",
                "HTML", "XML", "CSS");
    }

    @Test
    void javaScriptRegexAfterKeywordsCommentsAndEscapedQuotes() {
        String js = "x = typeof /a\\/b/.source; // c\ny = a instanceof /q/ ? 1 : 2; /* d\n \u00e9 */ z = in2 /c/ 3\n"
                + "s = \"e\\\"f // no\" + 'g' // h\r\n";
        LineCounts lc = LineLexer.classify(js, "JavaScript");
        assertThat(counts(js, "JavaScript")).containsExactly(4, 0, 0);
        assertThat(lc.commentChars()).isEqualTo(18); // "// c" 4, "/* d\n é */" 10, "// h" 4
    }

    @Test
    void pythonDocstringAndCommentsWithNonAsciiText() {
        String py = "def f():\n    \"\"\"Doc \u00e9 \ud83d\ude00.\"\"\"\n    s = 'a # b' # c\n    return (1 +\n      2)  # \u4e2d\n";
        LineCounts lc = LineLexer.classify(py, "Python");
        assertThat(counts(py, "Python")).containsExactly(4, 1, 0);
        assertThat(lc.commentChars()).isEqualTo(20); // docstring 14 (the emoji once), "# c" 3, "# 中" 3
        assertThat(lc.docstringLines()).containsExactly(2);
    }

    @Test
    void pythonBackslashContinuationInsideARunOfPlainCodeKeepsTheHeaderOneStatement() {
        // the backslash sits in a run of ordinary chars ("g() \\"): the header goes on on the next
        // line, so the string after it is the function's docstring (a comment line)
        String text = "def g() \\\n        -> int:\n    \"\"\"Doc.\"\"\"\n    return 1\n";
        LineCounts lc = LineLexer.classify(text, "Python");
        assertThat(new long[] {lc.code(), lc.comment(), lc.blank()}).containsExactly(3, 1, 0);
        assertThat(lc.docstringLines()).containsExactly(3);
    }
}
