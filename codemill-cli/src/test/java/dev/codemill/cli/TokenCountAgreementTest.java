package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.io.megatron.MegatronReader;
import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tokens} stage's {@code num_tokens}, the mixture budget ({@code available_tokens},
 * a sum of {@code num_tokens}) and the Megatron output count the same tokens, because all three
 * ask the one registry ({@link dev.codemill.tokenize.Tokenizers}): Megatron holds
 * {@code num_tokens + 1} ids per document (the EOS). Real files of {@code ../shared/cases}; the
 * per-file counts are js-tiktoken's (npm, OpenAI's rank files), {@code encode(text, [], [])}:
 * geometry.py 116 / 116, zh_comments.py 227 / 194, fim_source.py 29 / 27, banner.py 130 / 130
 * (cl100k_base / o200k_base).
 */
@NeedsShared("cases/C12_alnum_fraction_cjk, C16_python_docstrings, C21_fim_multibyte_split")
class TokenCountAgreementTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.extension.RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private Path corpus() throws Exception {
        Path in = tmp.resolve("in");
        if (Files.isDirectory(in)) {
            return in;
        }
        Files.createDirectories(in);
        Files.copy(SharedCases.caseDir("C16").resolve("geometry.py"), in.resolve("geometry.py"));
        Files.copy(SharedCases.caseDir("C12").resolve("zh_comments.py"), in.resolve("zh_comments.py"));
        Files.copy(SharedCases.caseDir("C12").resolve("banner.py"), in.resolve("banner.py"));
        Files.copy(SharedCases.caseDir("C21").resolve("fim_source.py"), in.resolve("fim_source.py"));
        return in;
    }

    private Path run(String name, String stages, String extra) throws Exception {
        Path recipe = tmp.resolve(name + ".yaml");
        Files.writeString(recipe, "name: " + name + "\nseed: 1234\nstages: [" + stages + "]\n" + extra);
        Path out = tmp.resolve(name);
        assertThat(Main.execute("run", corpus().toString(), "-o", out.toString(), "-q", "--threads", "1",
                "--recipe", recipe.toString())).isZero();
        return out;
    }

    /** num_tokens by file name, from the jsonl data rows. */
    private static Map<String, Long> numTokens(Path out) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (JsonNode row : EndToEndTest.rows(out.resolve("data"))) {
            String path = row.get("path").asText();
            m.put(path.substring(path.lastIndexOf('/') + 1), row.get("num_tokens").asLong());
        }
        return m;
    }

    private static List<Integer> megatronLengths(Path out) throws Exception {
        List<Integer> lengths = new ArrayList<>();
        for (Path prefix : MegatronShards.of(out)) {
            try (MegatronReader r = MegatronReader.open(prefix)) {
                for (int d = 0; d < r.documentCount(); d++) {
                    lengths.add(r.document(d).length);
                }
            }
        }
        lengths.sort(null);
        return lengths;
    }

    private static List<Integer> plusEos(Map<String, Long> numTokens) {
        return numTokens.values().stream().map(n -> (int) (n + 1)).sorted().toList();
    }

    @Test
    void tokensStageMixBudgetAndMegatronAgreeOnRealFiles() throws Exception {
        for (String tok : List.of("cl100k_base", "o200k_base")) {
            Path out = run("agree-" + tok.substring(0, 4), "{type: decode}, {type: language}, {type: tokens, tokenizer: " + tok + "}",
                    "output: {formats: [jsonl, megatron], tokenizer: " + tok + "}\n"
                    + "mix: {total_tokens: 100000, by: language, max_epochs: 1}\n");
            Map<String, Long> n = numTokens(out);
            if (tok.equals("cl100k_base")) {
                assertThat(n).containsExactlyInAnyOrderEntriesOf(Map.of("banner.py", 130L, "fim_source.py", 29L,
                        "geometry.py", 116L, "zh_comments.py", 227L));
            } else {
                assertThat(n).containsExactlyInAnyOrderEntriesOf(Map.of("banner.py", 130L, "fim_source.py", 27L,
                        "geometry.py", 116L, "zh_comments.py", 194L));
            }
            long sum = n.values().stream().mapToLong(Long::longValue).sum();
            JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
            JsonNode python = manifest.at("/mixture/groups/0");
            assertThat(python.get("group").asText()).isEqualTo("Python");
            assertThat(python.get("available_tokens").asLong()).as(tok).isEqualTo(sum);
            assertThat(manifest.get("total_tokens").asLong()).as(tok).isEqualTo(sum + 4);
            assertThat(megatronLengths(out)).as(tok).isEqualTo(plusEos(n));
        }
    }

    /**
     * FIM at rate 1 with cl100k's own FIM tokens as sentinels: the token formats write each
     * sentinel as one special id, and {@code num_tokens} now counts it as one token too (before
     * the one registry, the {@code tokens} stage counted these four files as 584 tokens, Megatron wrote 518 + 4 EOS).
     */
    @Test
    void fimSentinelsCountAsTheSpecialIdsMegatronWrites() throws Exception {
        Path out = run("agree-fim", "{type: decode}, {type: language}, {type: fim, rate: 1, prefix: \"<|fim_prefix|>\", "
                        + "middle: \"<|fim_middle|>\", suffix: \"<|fim_suffix|>\"}, {type: tokens, tokenizer: cl100k_base}",
                "output: {formats: [jsonl, megatron], tokenizer: cl100k_base}\n");
        Map<String, Long> n = numTokens(out);
        assertThat(megatronLengths(out)).isEqualTo(plusEos(n));
        for (Path prefix : MegatronShards.of(out)) {
            try (MegatronReader r = MegatronReader.open(prefix)) {
                for (int d = 0; d < r.documentCount(); d++) {
                    assertThat(r.document(d)).containsOnlyOnce(100_258, 100_259, 100_260);
                }
            }
        }
        // js-tiktoken on the FIM texts split at the sentinels: Σ pieces + 3 per file (as plain text: 150, 50, 137, 247).
        assertThat(n).containsExactlyInAnyOrderEntriesOf(Map.of("banner.py", 133L, "fim_source.py", 34L,
                "geometry.py", 120L, "zh_comments.py", 231L));
    }

    /** A tokens stage and a token output on different tokenizers would count different tokens: refused before reading. */
    @Test
    void aTokensStageOnAnotherTokenizerThanTheOutputIsRefused() throws Exception {
        Path recipe = tmp.resolve("mismatch.yaml");
        Files.writeString(recipe, "stages: [{type: decode}, {type: tokens, tokenizer: o200k_base}]\n"
                + "output: {formats: [jsonl, megatron], tokenizer: cl100k_base}\n");
        assertThat(Main.execute("validate", "--recipe", recipe.toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("stage 'tokens' counts with tokenizer o200k_base but output.tokenizer is "
                + "cl100k_base: num_tokens, the mix budget and the token output would count different tokens");
    }
}
