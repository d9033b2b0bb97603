package dev.codemill.io.tokenize;

import dev.codemill.tokenize.SentinelEncoder;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.codemill.io.Formats;
import dev.codemill.io.megatron.MegatronLayout;
import dev.codemill.io.megatron.MegatronReader;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.OutputSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/test/resources/hf/tokenizer.json}: a hand-written WordLevel model of 32 tokens
 * (id 0 {@code [UNK]}, 1 {@code </s>} and 2 {@code <|fim_prefix|>} as special added tokens,
 * 3 {@code def}, 4 {@code f}, 5 {@code (}, 6 {@code x}, 7 {@code ):}, 8 {@code return}, 9 {@code +},
 * 10 {@code 1}, 11 {@code <}, 12 {@code /}, 13 {@code s}, 14 {@code >}, 15 {@code |}, 17 {@code _},
 * 20 {@code </}, 27 {@code if}, ...) with the Whitespace pre-tokenizer ({@code \w+|[^\w\s]+}).
 */
class HfTokenizerTest {
    /** Relative to the module directory, surefire's working directory. */
    static final String JSON = "src/test/resources/hf/tokenizer.json";
    static final String NO_EOS = "src/test/resources/hf/no-eos-tokenizer.json";

    @TempDir
    Path tmp;

    @Test
    void encodesASentenceToExactIds() {
        Tokenizer t = Tokenizers.byName(JSON, null);
        assertThat(t).isInstanceOf(HfTokenizer.class);
        assertThat(t.name()).isEqualTo(JSON);
        assertThat(t.vocabSize()).isEqualTo(32);
        assertThat(t.eosId()).isEqualTo(1);
        assertThat(t.encode("def f(x): return x + 1")).containsExactly(3, 4, 5, 6, 7, 8, 6, 9, 10);
        assertThat(t.encode("")).isEmpty();
        assertThat(t.encode("</s")).containsExactly(20, 13); // not special: the Whitespace split "</", "s"
        assertThat(t.encode("while os")).containsExactly(31, 26);
    }

    @Test
    void specialTokenStringsInTextAreEncodedCharacterWise() throws Exception {
        HfTokenizer t = HfTokenizer.load(JSON, null);
        assertThat(t.specialTokens()).containsExactly("<|fim_prefix|>", "</s>");
        // The raw tokenizer matches "</s>" inside text as the special id 1: what the split avoids.
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(Path.of(JSON),
                Map.of("addSpecialTokens", "false"))) {
            assertThat(raw.encode("return </s> x", false, false).getIds()).containsExactly(8L, 1L, 6L);
        }
        assertThat(t.encode("return </s> x")).containsExactly(8, 11, 12, 13, 14, 6);
        assertThat(t.encode("</s></s>")).containsExactly(11, 12, 13, 14, 11, 12, 13, 14);
        assertThat(t.encode("if <|fim_prefix|>x"))
                .containsExactly(27, 11, 15, 4, 0, 0, 17, 0, 0, 0, 4, 0, 6, 15, 14, 6);
        for (String s : List.of("return </s> x", "</s></s>", "if <|fim_prefix|>x", "a</s>")) {
            assertThat(t.encode(s)).doesNotContain(1, 2);
        }
    }

    @Test
    void eosTokenIsChosenOrDefaulted() {
        assertThat(Tokenizers.byName(JSON, "<|fim_prefix|>").eosId()).isEqualTo(2);
        assertThatThrownBy(() -> Tokenizers.byName(JSON, "<eos>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'<eos>' is not a token");
        assertThatThrownBy(() -> Tokenizers.byName(NO_EOS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eos_token");
    }

    @Test
    void megatronFromTheOutputSpecWritesTheDirectEncoding() throws Exception {
        Recipe r = recipe("tokenizer: " + JSON);
        assertThat(r.output().eosToken()).isEqualTo("</s>");
        OutputFormat f = Formats.byName("megatron", r.output());
        Path file = tmp.resolve(f.partName(0));
        List<String> texts = List.of("def f(x): return x + 1", "return </s> x", "");
        try (ShardWriter w = f.openData(file)) {
            for (int i = 0; i < texts.size(); i++) {
                w.writeDocument(Document.ofText(new DocId("d" + i), new SourceRef("", "r", "d" + i), texts.get(i),
                        Annotations.EMPTY));
            }
            assertThat(((OutputFormat.TokenCounter) w).tokensWritten()).isEqualTo(10 + 7 + 1);
        }
        assertThat(f.describe()).containsEntry("tokenizer", JSON).containsEntry("vocab_size", 32)
                .containsEntry("eos_id", 1).containsEntry("dtype", "uint16");
        Tokenizer t = HfTokenizer.load(JSON, null);
        try (MegatronReader rd = MegatronReader.open(tmp.resolve("megatron-00000"))) {
            assertThat(rd.dtype()).isEqualTo(MegatronLayout.DType.UINT16);
            assertThat(rd.documentCount()).isEqualTo(3);
            for (int i = 0; i < texts.size(); i++) {
                int[] direct = t.encode(texts.get(i));
                int[] withEos = java.util.Arrays.copyOf(direct, direct.length + 1);
                withEos[direct.length] = 1;
                assertThat(rd.document(i)).containsExactly(withEos);
            }
            assertThat(rd.document(1)).containsExactly(8, 11, 12, 13, 14, 6, 1);
        }
    }

    @Test
    void recipeLoadChecksTheFileAndTheEosToken() throws Exception {
        assertThat(recipe("tokenizer: " + JSON + ", eos_token: \"<|fim_prefix|>\"").output().eosToken())
                .isEqualTo("<|fim_prefix|>");
        assertThat(recipe("tokenizer: cl100k_base").output().eosToken()).isNull();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.writeValueAsString(recipe("tokenizer: cl100k_base").output())).doesNotContain("eos");
        assertThat(json.writeValueAsString(recipe("tokenizer: " + JSON).output())).contains("\"eosToken\":\"</s>\"");
        assertThatThrownBy(() -> recipe("tokenizer: " + NO_EOS))
                .isInstanceOf(RecipeException.class).hasMessageContaining("none of [<|endoftext|>, </s>, <eos>]")
                .hasMessageContaining("eos_token");
        assertThatThrownBy(() -> recipe("tokenizer: " + JSON + ", eos_token: \"<eos>\""))
                .isInstanceOf(RecipeException.class).hasMessageContaining("'<eos>' is not a token");
        assertThatThrownBy(() -> recipe("tokenizer: " + tmp.resolve("missing.json")))
                .isInstanceOf(RecipeException.class).hasMessageContaining("cannot read tokenizer.json");
        assertThatThrownBy(() -> recipe("tokenizer: cl100k_base, eos_token: \"</s>\""))
                .isInstanceOf(RecipeException.class).hasMessageContaining("only to a tokenizer.json");
        assertThatThrownBy(() -> recipe("tokenizer: gpt2"))
                .isInstanceOf(RecipeException.class).hasMessageContaining("tokenizer.json");
    }

    private static Recipe recipe(String output) throws Exception {
        String yaml = "name: t\nstages: []\noutput: {formats: [parquet, megatron], " + output + "}\n";
        return RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
