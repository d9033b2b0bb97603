package dev.codemill.stages.analysis.lex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link LineCounts#commentChars()}: code points of comment text, markers included. */
class CommentCharsTest {

    private static long chars(String text, String language) {
        return LineLexer.classify(text, language).commentChars();
    }

    @Test
    void javaJavadocAndLineCommentCountWithMarkersButNotTheUrlInAString() {
        String text = """
                /** Adds. */
                class A {
                    // sum
                    int f(int a) { return a + 1; } // inc
                    String u = "http://x/*y*/";
                }
                """;
        // "/** Adds. */" (12) + "// sum" (6) + "// inc" (6); the string holds // and /* */ as text
        assertThat(chars(text, "Java")).isEqualTo(12 + 6 + 6).isEqualTo(24);
    }

    @Test
    void javadocSpanningLinesCountsItsLineBreaksAndIndentation() {
        String text = "/**\n * Doc.\n */\nclass A {}\n";
        // "/**" + \n + " * Doc." (7) + \n + " */" (3)
        assertThat(chars(text, "Java")).isEqualTo(3 + 1 + 7 + 1 + 3).isEqualTo(15);
    }

    @Test
    void javaScriptRegexLiteralWithSlashesIsNotAComment() {
        String text = "const re = /https?:\\/\\/[^/]+/g; // host\nconst s = x.replace(/\\/\\//, '');\n";
        // only "// host" (7); the regex literals /https?:\/\/[^/]+/g and /\/\// are code
        assertThat(chars(text, "JavaScript")).isEqualTo(7);
        LineCounts lc = LineLexer.classify(text, "JavaScript");
        assertThat(new long[] {lc.code(), lc.comment()}).containsExactly(2, 0);
    }

    @Test
    void divisionIsNotARegexSoTheFollowingCommentCounts() {
        // "a / b // half" : the first slash is division, then a line comment of 7
        assertThat(chars("x = a / b // half\n", "JavaScript")).isEqualTo(7);
    }

    @Test
    void lineCommentStopsBeforeCrLfAndCountsCodePointsNotUtf16Units() {
        // "# 😀 é" = '#', ' ', U+1F600 (two chars, one code point), ' ', 'é' = 5 code points
        assertThat(chars("x = 1  # \uD83D\uDE00 \u00E9\r\ny = 2\r\n", "Python")).isEqualTo(5);
    }

    @Test
    void pythonHashInsideStringsAndNonDocstringTripleQuotesDoNotCount() {
        String text = "s = '# not'\nt = \"\"\"# nor\"\"\"\n# yes\n";
        assertThat(chars(text, "Python")).isEqualTo(5);
    }

    @Test
    void pythonRawDocstringCountsWithItsPrefixButABytesLiteralIsCode() {
        assertThat(chars("r\"\"\"Doc.\"\"\"\n", "Python")).isEqualTo(11); // r + 3 + "Doc." + 3
        assertThat(chars("b\"\"\"Doc.\"\"\"\n", "Python")).isZero();
    }

    @Test
    void nestedRustCommentCountsOnceAsAWhole() {
        // "/* a /* b */ c */" = 17 code points, the inner pair included once
        assertThat(chars("/* a /* b */ c */ fn f() {}\n", "Rust")).isEqualTo(17);
    }

    @Test
    void unclosedBlockCommentRunsToTheEndOfTheText() {
        assertThat(chars("int x;\n/* open\nrest\n", "C")).isEqualTo("/* open\nrest\n".length());
    }

    @Test
    void rubyBeginEndAndPerlPodCountWholeLinesWithoutTheLastTerminator() {
        // "=begin\nnote\n=end" = 6 + 1 + 4 + 1 + 4
        assertThat(chars("x = 1\n=begin\nnote\n=end\ny = 2\n", "Ruby")).isEqualTo(16);
        // "=head1 N\n\ntext\n=cut" = 8 + 1 + 0 + 1 + 4 + 1 + 4
        assertThat(chars("my $x = 1;\n=head1 N\n\ntext\n=cut\nprint $x;\n", "Perl")).isEqualTo(19);
    }

    @Test
    void luaLongCommentCountsFromTheDashes() {
        // "--[[ a\nb ]]" = 6 + 1 + 4
        assertThat(chars("--[[ a\nb ]]\nlocal x = 1\n", "Lua")).isEqualTo(11);
    }

    @Test
    void languageWithoutSyntaxEntryCountsNothing() {
        LineCounts lc = LineLexer.classify("# heading\n// text\n", "Unknownlang");
        assertThat(lc.exact()).isFalse();
        assertThat(lc.commentChars()).isZero();
    }
}
