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
               "<fim_suffix>": 4, "def": 5}, "unk_token": "[UNK]"}}
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

    @Test
    void noTokenFormatNoCheck(@TempDir Path tmp) throws Exception {
        Path r = recipe(tmp, "", "formats: [parquet]");
        assertThat(Main.execute("validate", "--recipe", r.toString())).isZero();
        assertThat(console.stderr()).doesNotContain("warning");
    }
}
