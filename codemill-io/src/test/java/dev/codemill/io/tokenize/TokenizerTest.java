package dev.codemill.io.tokenize;

import dev.codemill.tokenize.SentinelEncoder;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Expected ids were produced by jtokkit 1.1.0 and cross-checked with js-tiktoken (npm), which
 * ships OpenAI's own rank files.
 */
class TokenizerTest {
    private static final Tokenizer CL = Tokenizers.byName("cl100k_base");
    private static final Tokenizer O200 = Tokenizers.byName("o200k_base");

    /** A Python function whose string literal holds the EOS string. */
    private static final String PY = "def f():\n    return '<|endoftext|>'\n";
    /** A JavaScript-style literal with StarCoder and OpenAI FIM sentinels and EOS. */
    private static final String FIM = "x = \"<fim_prefix><|fim_middle|><|endoftext|>\"";

    @Test
    void eosIsTheEncodingsEndOfTextId() {
        assertThat(CL.eosId()).isEqualTo(100257);
        assertThat(CL.decode(new int[] {100257})).isEqualTo("<|endoftext|>");
        assertThat(CL.vocabSize()).isEqualTo(100277);
        assertThat(CL.decode(new int[] {100276})).isEqualTo("<|endofprompt|>");
        assertThat(O200.eosId()).isEqualTo(199999);
        assertThat(O200.decode(new int[] {199999})).isEqualTo("<|endoftext|>");
        assertThat(O200.vocabSize()).isEqualTo(200019);
        assertThat(O200.decode(new int[] {200018})).isEqualTo("<|endofprompt|>");
    }

    @Test
    void specialTokenStringsInSourceAreOrdinaryText() {
        int[] cl = CL.encode(PY);
        assertThat(cl).containsExactly(755, 282, 4019, 262, 471, 3942, 91, 8862, 728, 428, 91, 24324);
        assertThat(Arrays.stream(cl).max().getAsInt()).isLessThan(100256);
        assertThat(CL.decode(cl)).isEqualTo(PY);
        int[] o = O200.encode(PY);
        assertThat(o).containsExactly(1314, 285, 8595, 271, 622, 8144, 91, 419, 1440, 919, 91, 52609);
        assertThat(O200.decode(o)).isEqualTo(PY);

        int[] fim = CL.encode(FIM);
        assertThat(fim).containsExactly(87, 284, 4145, 69, 318, 14301, 1822, 91, 69, 318, 63680, 91, 1822, 91, 8862,
                728, 428, 91, 10078);
        assertThat(fim).doesNotContain(100257, 100258, 100259, 100260);
        assertThat(CL.decode(fim)).isEqualTo(FIM);
        int[] fimO = O200.encode(FIM);
        assertThat(Arrays.stream(fimO).max().getAsInt()).isLessThan(199998);
        assertThat(O200.decode(fimO)).isEqualTo(FIM);
    }

    @Test
    void longRunsOfOneCharacterTokenizeWithoutSplitting() {
        // 8 'a' per token, 128 spaces per token (the last piece shorter); the 1M-char cases are in docs/output.md.
        assertThat(CL.encode("a".repeat(100_000))).hasSize(12_500);
        assertThat(O200.encode("a".repeat(100_000))).hasSize(12_500);
        assertThat(CL.encode(" ".repeat(100_000))).hasSize(782);
        assertThat(O200.encode(" ".repeat(100_000))).hasSize(782);
        assertThat(CL.decode(CL.encode("a".repeat(100_000)))).isEqualTo("a".repeat(100_000));
        // shorter runs, ids checked against js-tiktoken
        assertThat(CL.encode(" ".repeat(1000))).containsExactly(58040, 58040, 58040, 58040, 58040, 58040, 58040, 5351, 13137);
        assertThat(O200.encode(" ".repeat(1000))).containsExactly(72056, 72056, 72056, 72056, 72056, 72056, 72056, 9344, 27240);
        assertThat(CL.encode("a".repeat(2000))).hasSize(250).containsOnly(70540);
        assertThat(O200.encode("a".repeat(2000))).hasSize(250).containsOnly(117525);
    }

    @Test
    void emptyTextHasNoTokensAndUnknownNamesAreRefused() {
        assertThat(CL.encode("")).isEmpty();
        assertThat(CL.name()).isEqualTo("cl100k_base");
        assertThatThrownBy(() -> Tokenizers.byName("gpt2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cl100k_base").hasMessageContaining("o200k_base");
    }
}
