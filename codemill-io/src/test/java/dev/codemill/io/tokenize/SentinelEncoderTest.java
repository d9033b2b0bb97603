package dev.codemill.io.tokenize;

import dev.codemill.tokenize.SentinelEncoder;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.megatron.MegatronFormat;
import dev.codemill.io.megatron.MegatronReader;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.run.ShardWriter;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/test/resources/hf/fim-tokenizer.json}: a hand-written WordLevel model with the
 * Whitespace pre-tokenizer ({@code \w+|[^\w\s]+}): 0 {@code [UNK]}, special added tokens
 * 1 {@code </s>}, 2 {@code <fim_prefix>}, 3 {@code <fim_middle>}, 4 {@code <fim_suffix>},
 * 5 {@code <fim_pad>}; then 6 {@code def}, 7 {@code f}, 8 {@code (}, 9 {@code x}, 10 {@code ):},
 * 11 {@code return}, 12 {@code +}, 13 {@code 1}, 14 {@code <}, 15 {@code >}, 16 {@code _},
 * 21 {@code s}, 22 {@code '}, 23 {@code <'}, 24 {@code >'}, 25 {@code y}, 26 {@code =}.
 */
class SentinelEncoderTest {
    static final String JSON = "src/test/resources/hf/fim-tokenizer.json";
    static final Tokenizer HF = HfTokenizer.load(JSON, null);
    /** {@code <fim_prefix>} encoded one character at a time: {@code < f i m _ p r e f i x >}. */
    static final int[] PREFIX_AS_TEXT = {14, 7, 0, 0, 16, 0, 0, 0, 7, 0, 9, 15};

    @TempDir
    Path tmp;

    static Document doc(String text, String spans) {
        Annotations a = spans == null ? Annotations.EMPTY : Annotations.EMPTY.with(Keys.FIM_SENTINELS, spans);
        return Document.ofText(new DocId("d"), new SourceRef("", "r", "d"), text, a);
    }

    /** PSM sample of {@code def f(x): return x + 1} cut after {@code def f(x):} and before {@code x + 1}. */
    static final String PSM = "<fim_prefix>def f(x):<fim_suffix> x + 1<fim_middle> return";

    @Test
    void recordedSentinelsBecomeSpecialIds() {
        assertThat(HF.specialId("<fim_prefix>")).isEqualTo(2);
        assertThat(HF.specialId("<fim_pad>")).isEqualTo(5);
        assertThat(HF.specialId("def")).isEqualTo(-1);
        assertThat(SentinelEncoder.encode(HF, doc(PSM, "0-12,21-33,39-51")))
                .containsExactly(2, 6, 7, 8, 9, 10, 4, 9, 12, 13, 3, 11);
    }

    @Test
    void withoutTheAnnotationSentinelStringsStayText() {
        int[] ids = SentinelEncoder.encode(HF, doc(PSM, null));
        assertThat(ids).doesNotContain(2, 3, 4);
        assertThat(java.util.Arrays.copyOf(ids, 12)).containsExactly(PREFIX_AS_TEXT);
        assertThat(ids).isEqualTo(HF.encode(PSM));
    }

    @Test
    void theSameStringInsideSourceCodeStaysText() {
        // the middle holds source code with a raw "<fim_prefix>" (not recorded): only recorded spans are special
        String text = "<fim_prefix><fim_suffix><fim_middle>s = '<fim_prefix>'";
        int[] expected = IntStream.concat(IntStream.of(2, 4, 3, 21, 26, 22), IntStream.concat(IntStream.of(PREFIX_AS_TEXT),
                IntStream.of(22))).toArray();
        assertThat(SentinelEncoder.encode(HF, doc(text, "0-12,12-24,24-36"))).containsExactly(expected);
        // escaped by the fim stage (U+2063 after the first character): text as well
        String escaped = "<fim_prefix><fim_suffix><fim_middle>s = '<\u2063fim_prefix>'";
        // Whitespace pre-tokenizer: "s", "=", "'<\u2063", "fim_prefix", ">'" (the middle two unknown)
        assertThat(SentinelEncoder.encode(HF, doc(escaped, "0-12,12-24,24-36"))).containsExactly(2, 4, 3, 21, 26, 0, 0, 24);
    }

    @Test
    void tiktokenWithoutStarCoderSentinelsEncodesThemAsText() {
        Tokenizer cl = Tokenizers.byName("cl100k_base");
        assertThat(cl.specialId("<fim_prefix>")).isEqualTo(-1);
        assertThat(SentinelEncoder.encode(cl, doc(PSM, "0-12,21-33,39-51"))).isEqualTo(cl.encode(PSM));
    }

    @Test
    void tiktokenFimTokensAreItsSpecialIds() {
        Tokenizer cl = Tokenizers.byName("cl100k_base");
        assertThat(cl.specialId("<|fim_prefix|>")).isEqualTo(100258);
        assertThat(cl.specialId("<|fim_middle|>")).isEqualTo(100259);
        assertThat(cl.specialId("<|fim_suffix|>")).isEqualTo(100260);
        assertThat(cl.decode(new int[] {100258, 100259, 100260, 100276}))
                .isEqualTo("<|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|>");
        assertThat(Tokenizers.byName("o200k_base").specialId("<|fim_prefix|>")).isEqualTo(-1);
        String text = "<|fim_prefix|>a<|fim_suffix|>c<|fim_middle|>b";
        int a = cl.encode("a")[0];
        int b = cl.encode("b")[0];
        int c = cl.encode("c")[0];
        assertThat(SentinelEncoder.encode(cl, doc(text, "0-14,15-29,30-44")))
                .containsExactly(100258, a, 100260, c, 100259, b);
    }

    @Test
    void spansThatDoNotFitTheTextFailLoudly() {
        assertThatThrownBy(() -> SentinelEncoder.encode(HF, doc(PSM, "0-12,21-33,39-60")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fit its text of 58 chars");
        assertThatThrownBy(() -> SentinelEncoder.encode(HF, doc(PSM, "21-33,0-12")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fit");
        // some spans special, one not (the text changed after the stage): refused
        assertThatThrownBy(() -> SentinelEncoder.encode(HF, doc(PSM, "0-12,12-15")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only 1 are special tokens");
        assertThatThrownBy(() -> SentinelEncoder.encode(HF, doc(PSM, "zero-12")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad fim_sentinels");
    }

    @Test
    void megatronWritesTheSpecialIdsThenEos() throws Exception {
        MegatronFormat f = new MegatronFormat(HF);
        try (ShardWriter w = f.openData(tmp.resolve(f.partName(0)))) {
            w.writeDocument(doc(PSM, "0-12,21-33,39-51"));
            w.writeDocument(doc("x <fim_pad> y", null));
        }
        try (MegatronReader rd = MegatronReader.open(tmp.resolve("megatron-00000"))) {
            assertThat(rd.document(0)).containsExactly(2, 6, 7, 8, 9, 10, 4, 9, 12, 13, 3, 11, 1);
            assertThat(rd.document(1)).containsExactly(9, 14, 7, 0, 0, 16, 0, 0, 0, 15, 25, 1);
        }
    }

    @Test
    void carriedIdsServeTheWritersOnlyWhileTheyStillDescribeTheDocument() {
        Document d = doc(PSM, "0-12,21-33,39-51");
        dev.codemill.model.TokenIds t = SentinelEncoder.tokenize(HF, d);
        assertThat(t.tokenizer()).isEqualTo(HF.name());
        assertThat(t.ids()).containsExactly(2, 6, 7, 8, 9, 10, 4, 9, 12, 13, 3, 11);
        // distinguishable ids under the same tokenizer and sentinels: the writers take them as they are
        dev.codemill.model.TokenIds marked = dev.codemill.model.TokenIds.of(HF.name(), "0-12,21-33,39-51", new int[] {7, 7});
        assertThat(SentinelEncoder.ids(HF, d.withTokens(marked))).containsExactly(7, 7);
        // another tokenizer's ids, other sentinel spans, or changed text: encoded afresh
        dev.codemill.model.TokenIds other = dev.codemill.model.TokenIds.of("cl100k_base", "0-12,21-33,39-51", new int[] {7, 7});
        assertThat(SentinelEncoder.ids(HF, d.withTokens(other))).containsExactly(t.ids());
        assertThat(SentinelEncoder.ids(HF, d.withTokens(marked).with(Keys.FIM_SENTINELS, null)))
                .containsExactly(SentinelEncoder.encode(HF, doc(PSM, null)));
        // new text (here an equal string: a stage rewrote it) drops the ids with the old content
        assertThat(SentinelEncoder.ids(HF, d.withTokens(marked).withText(PSM))).containsExactly(t.ids());
    }

    @Test
    void megatronAndPackedWriteTheCarriedIds() throws Exception {
        dev.codemill.model.TokenIds marked = dev.codemill.model.TokenIds.of(HF.name(), null, new int[] {25, 26, 25});
        MegatronFormat f = new MegatronFormat(HF);
        try (ShardWriter w = f.openData(tmp.resolve(f.partName(0)))) {
            w.writeDocument(doc("x", null).withTokens(marked));
        }
        try (MegatronReader rd = MegatronReader.open(tmp.resolve("megatron-00000"))) {
            assertThat(rd.document(0)).containsExactly(25, 26, 25, 1);
        }
    }
}
