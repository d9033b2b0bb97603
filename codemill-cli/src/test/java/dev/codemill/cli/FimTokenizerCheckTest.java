package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill validate} on recipes pairing the fim stage with a token format ({@link SentinelCheck}). */
class FimTokenizerCheckTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** A hand-written WordLevel tokenizer.json with StarCoder's FIM tokens as special added tokens. */
    static final String TOKENIZER = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
              {"id": 1, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
              {"id": 2, "content": "<fim_prefix>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
              {"id": 3, "content": "<fim_middle>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
              {"id": 4, "content": "<fim_suffix>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
             "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "</s>": 1, "<fim_prefix>": 2, "<fim_middle>": 3,
               "<fim_suffix>": 4, "def": 5, "f": 6, "(": 7, "x": 8, "):": 9,
               "return": 10, "+": 11, "1": 12, "y": 13}, "unk_token": "[UNK]"}}
            """;

    static Path recipe(Path dir, String fim, String output) throws Exception {
        Path r = dir.resolve("r.yaml");
        Files.writeString(r, "stages:\n  - {type: decode}\n  - {type: fim" + fim + "}\noutput: {" + output + "}\n");
        return r;
    }

    @Test
    void starCoderSentinelsWithTiktokenWarnThatTheyStayText(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, "", "formats: [parquet, megatron], tokenizer: cl100k_base");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stderr()).contains("codemill: warning: stage 'fim': sentinels [<fim_prefix>, <fim_middle>, "
                + "<fim_suffix>] are not special tokens of tokenizer cl100k_base; megatron will encode them as ordinary "
                + "text (e.g. <fim_prefix> → 4 ids)");
        assertThat(console.stdout()).contains("is valid: 2 stages: decode → fim");
    }

    @Test
    void tokenizerWithTheSentinelsIsQuiet(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("tokenizer.json");
        Files.writeString(json, TOKENIZER);
        Path r = recipe(tmp, "", "formats: [parquet, packed], tokenizer: " + json);
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stderr()).doesNotContain("warning");
    }

    @Test
    void tiktokenFimTokensAsSentinelsAreQuiet(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, ", prefix: \"<|fim_prefix|>\", middle: \"<|fim_middle|>\", suffix: \"<|fim_suffix|>\"",
                "formats: [jsonl, megatron], tokenizer: cl100k_base");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stderr()).doesNotContain("warning");
    }

    @Test
    void halfSpecialSentinelsAreRefused(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, ", prefix: \"<|fim_prefix|>\", middle: \"<|fim_middle|>\", suffix: \"<fim_suffix>\"",
                "formats: [parquet, megatron], tokenizer: cl100k_base");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("stage 'fim': sentinels [<|fim_prefix|>, <|fim_middle|>] are special tokens of "
                + "tokenizer cl100k_base but [<fim_suffix>] are not");
    }

    /**
     * A run with {@code fim} at rate 1 and megatron on the hand-written tokenizer: each document
     * holds each sentinel id exactly once, although one file has {@code <fim_prefix>} in its source
     * (written escaped in the content, encoded as text), and ends with EOS.
     */
    @Test
    void runWritesSentinelIdsOnlyWhereTheStagePutThem(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("tokenizer.json");
        Files.writeString(json, TOKENIZER);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.py"), "def f(x):\n    return \"<fim_prefix>\" + x\n");
        Files.writeString(in.resolve("b.py"), "def g(y):\n    return y + 1\n");
        Path r = recipe(tmp, ", rate: 1", "formats: [jsonl, megatron], tokenizer: " + json);
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "--recipe", r.toString(), "-q")).isZero();
        try (dev.codemill.io.megatron.MegatronReader rd = dev.codemill.io.megatron.MegatronReader.open(
                out.resolve("tokens/megatron-00000"))) {
            assertThat(rd.documentCount()).isEqualTo(2);
            for (int d = 0; d < 2; d++) {
                int[] ids = rd.document(d);
                assertThat(ids[0]).isEqualTo(2);
                assertThat(ids[ids.length - 1]).isEqualTo(1);
                for (int special : new int[] {2, 3, 4}) {
                    assertThat(java.util.stream.IntStream.of(ids).filter(i -> i == special).count()).as("id %d", special)
                            .isEqualTo(1);
                }
            }
        }
        try (var z = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(out.resolve("data/part-00000.jsonl.zst")))) {
            String rows = new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(rows).contains("<\u2063fim_prefix>").contains("\\\"fim_sentinels\\\""); // inside the annotations JSON string
        }
    }

    @Test
    void noTokenFormatNoCheck(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, "", "formats: [parquet]");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stderr()).doesNotContain("warning");
    }
}
