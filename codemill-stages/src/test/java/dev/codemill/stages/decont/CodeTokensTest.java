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
    void literalHashesOfAShiftedWindowAreEqual() {
        assertThat(BenchmarkIndex.literalHashes(CodeTokens.of("q = a = b + a").hashes(), 7, 5)[2])
                .isEqualTo(BenchmarkIndex.literalHashes(CodeTokens.of("a = b + a").hashes(), 5, 5)[0]);
    }
}
