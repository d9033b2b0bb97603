package dev.codemill.stages.decont;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeTokensTest {
    @Test
    void whitespaceOnlySeparatesTokensAndQuotesAreOneToken() {
        CodeTokens a = CodeTokens.of("x = foo(\"a b\", 1.5e-3)\n");
        CodeTokens b = CodeTokens.of("\tx=foo( 'a  b' ,1.5e - 3 )\r\n\r\n");
        // x = foo ( " a b " , 1.5e - 3 )
        assertThat(a.size()).isEqualTo(13);
        assertThat(Arrays.copyOf(a.hashes(), a.size())).containsExactly(Arrays.copyOf(b.hashes(), b.size()));
        assertThat(a.normalisedChars()).isEqualTo("x=foo(\"ab\",1.5e-3)".length());
    }

    @Test
    void keywordsBuiltinsAndAttributesAreNotRenameable() {
        CodeTokens t = CodeTokens.of("for item in self.items: total = len(item)");
        // for item in self . items : total = len ( item )
        boolean[] r = Arrays.copyOf(t.renameable(), t.size());
        assertThat(r).containsExactly(false, true, false, false, false, false, false, true, false, false, false, true, false);
    }

    @Test
    void identifierHashesIgnoreConsistentRenamingOnly() {
        long[] a = BenchmarkIndex.identifierHashes(CodeTokens.of("a = b + a"), 5);
        long[] b = BenchmarkIndex.identifierHashes(CodeTokens.of("zz = yy + zz"), 5);
        long[] c = BenchmarkIndex.identifierHashes(CodeTokens.of("zz = yy + yy"), 5);
        assertThat(a).hasSize(1).containsExactly(b);
        assertThat(c[0]).isNotEqualTo(a[0]);
        // numbering is per window: the second window of "q = a = b + a" is the first of "a = b + a"
        long[] shifted = BenchmarkIndex.identifierHashes(CodeTokens.of("q = a = b + a"), 5);
        assertThat(shifted).hasSize(3);
        assertThat(shifted[2]).isEqualTo(a[0]);
        assertThat(BenchmarkIndex.literalHashes(CodeTokens.of("q = a = b + a").hashes(), 7, 5)[2])
                .isEqualTo(BenchmarkIndex.literalHashes(CodeTokens.of("a = b + a").hashes(), 5, 5)[0]);
    }
}
