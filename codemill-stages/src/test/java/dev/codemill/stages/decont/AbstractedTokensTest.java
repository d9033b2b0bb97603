package dev.codemill.stages.decont;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lexing and identifier abstraction on small self-written texts. */
class AbstractedTokensTest {
    /** The text's code tokens, abstracted ones in angle brackets, distinctive ones starred. */
    static List<String> show(String text, CodeLexer.Syntax syntax) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"[^\"]*\"|'[^']*'|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|==|\\+=|:=|->|=>|//|\\*\\*|\\S").matcher(text);
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        while (m.find()) {
            names.put(CodeLexer.hash(m.group()), m.group());
        }
        CodeLexer.Lexed lx = CodeLexer.lex(text, syntax);
        AbstractedTokens t = AbstractedTokens.of(text, syntax);
        assertThat(t.size()).isEqualTo(lx.size());
        for (int i = 0; i < lx.size(); i++) {
            String w = lx.kinds()[i] == CodeLexer.STRING ? "STR" : names.getOrDefault(lx.hashes()[i], "?");
            words.add(t.abstracted(i) ? "<" + w + ">" : t.distinctive(i) ? w + "*" : w);
        }
        return words;
    }

    @Test
    void pythonBindingsAreAbstractedAndCommentsDocstringsDropped() {
        String py = """
                import math
                def area(r, scale=2):
                    \"""Area of a circle of radius r.\"""
                    # comment words vanish
                    total = math.pi * r ** 2
                    a, b = total, scale
                    return sorted([x for x in (a, b)], key=len)
                """;
        assertThat(String.join(" ", show(py, CodeLexer.Syntax.PYTHON))).isEqualTo(
                "import math* def <area> ( <r> , <scale> = 2* ) : <total> = math* . pi* * <r> ** 2* "
                        + "<a> , <b> = <total> , <scale> return sorted* ( [ <x> for <x> in ( <a> , <b> ) ] , key* = len* )");
    }

    @Test
    void javaAndJavaScriptBindingsAreAbstracted() {
        String java = """
                /** Sum of the list. */
                public static int sumAll(List<Integer> values, int start) {
                    int total = start; // running
                    for (int v : values) { total += v; }
                    return Math.max(total, "x".length());
                }
                """;
        assertThat(String.join(" ", show(java, CodeLexer.Syntax.C_LIKE))).isEqualTo(
                "public static int <sumAll> ( List < Integer > <values> , int <start> ) { int <total> = <start> ; "
                        + "for ( int <v> : <values> ) { <total> += <v> ; } return Math* . max* ( <total> , STR* . length* ( ) ) ; }");
        String js = "const f = (a, b) => a - b; let s = 'it''s'; xs.map(y => y * 2);";
        assertThat(String.join(" ", show(js, CodeLexer.Syntax.C_LIKE))).isEqualTo(
                "const <f> = ( <a> , <b> ) => <a> - <b> ; let <s> = STR* STR* ; xs* . map* ( <y> => <y> * 2* ) ;");
    }

    @Test
    void renamingTabsAndDocstringWordsLeaveTheNgramsUnchanged() {
        String original = """
                def count_vowels(text):
                    \"""Counts the vowels of text.\"""
                    n = 0
                    for ch in text.lower():
                        if ch in "aeiou":
                            n += 1
                    return n
                """;
        String renamed = "def cv(s):\n\t\"\"\"Counts the vowels of s, re-wrapped\n\tand renamed.\"\"\"\n\tk = 0\n"
                + "\tfor c in s.lower():\n\t\tif c in 'aeiou':\n\t\t\tk += 1\n\treturn k\n";
        long[] a = AbstractedTokens.of(original, CodeLexer.Syntax.PYTHON).ngrams(10);
        long[] b = AbstractedTokens.of(renamed, CodeLexer.Syntax.PYTHON).ngrams(10);
        assertThat(b).containsExactly(a);
        // def ID ( ID ) : ID = 0 for ID in ID . lower ( ) : if ID in STR : ID += 1 return ID: 28 tokens
        assertThat(a).hasSize(19);
        // distinctive: windows holding >= 2 of 0 (token 8), lower (14), "aeiou" (21), 1 (25): starts 5-8, 12-14, 16-18
        assertThat(Arrays.stream(a).filter(AbstractedTokens::isDistinctive).count()).isEqualTo(10);
        // a different constant changes the n-grams around it
        long[] c = AbstractedTokens.of(renamed.replace("'aeiou'", "'xyz'"), CodeLexer.Syntax.PYTHON).ngrams(10);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void placeholdersAreNumberedPerWindowSoEmbeddingChangesNothing() {
        CodeLexer.Syntax py = CodeLexer.Syntax.PYTHON;
        long[] a = AbstractedTokens.of("a = b = a", py).ngrams(5);
        long[] b = AbstractedTokens.of("zz = yy = zz", py).ngrams(5);
        long[] c = AbstractedTokens.of("zz = yy = yy", py).ngrams(5);
        assertThat(a).hasSize(1).containsExactly(b);
        assertThat(c[0]).isNotEqualTo(a[0]);
        // the second window of "q = a = b = a" is the first of "a = b = a"
        long[] shifted = AbstractedTokens.of("q = a = b = a", py).ngrams(5);
        assertThat(shifted).hasSize(3);
        assertThat(shifted[2]).isEqualTo(a[0]);
    }

    @Test
    void syntaxFollowsLanguageThenFileName() {
        assertThat(CodeLexer.Syntax.of("Python", "a.js")).isEqualTo(CodeLexer.Syntax.PYTHON);
        assertThat(CodeLexer.Syntax.of("Java", "a.py")).isEqualTo(CodeLexer.Syntax.C_LIKE);
        assertThat(CodeLexer.Syntax.of(null, "lib/x.pyi")).isEqualTo(CodeLexer.Syntax.PYTHON);
        assertThat(CodeLexer.Syntax.of(null, "x.rs")).isEqualTo(CodeLexer.Syntax.C_LIKE);
        assertThat(CodeLexer.Syntax.ofBenchmark("humaneval_rust.jsonl.gz")).isEqualTo(CodeLexer.Syntax.C_LIKE);
        assertThat(CodeLexer.Syntax.ofBenchmark("humaneval_python.jsonl.gz")).isEqualTo(CodeLexer.Syntax.PYTHON);
        assertThat(CodeLexer.Syntax.ofBenchmark("mbpp.jsonl")).isEqualTo(CodeLexer.Syntax.PYTHON);
    }
}
