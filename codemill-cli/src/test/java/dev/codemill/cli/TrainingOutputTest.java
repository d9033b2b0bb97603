package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.io.megatron.MegatronReader;
import dev.codemill.io.parquet.ParquetFormat;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill run} with the token formats and the manifest on three tiny files of two repositories. */
class TrainingOutputTest {
    @TempDir
    Path tmp;

    // cl100k_base ids (jtokkit, checked with js-tiktoken for the literal): 4, 12 and 10 tokens, + EOS each.
    private static final String PRINT = "print(42)\n";
    private static final String EOT_LITERAL = "def f():\n    return '<|endoftext|>'\n";
    private static final String JAVA = "class Main { int x = 1; }\n";

    private Path run(int threads) throws Exception {
        Path in = tmp.resolve("in");
        if (!Files.exists(in)) {
            Files.createDirectories(in.resolve("alpha"));
            Files.createDirectories(in.resolve("beta"));
            Files.writeString(in.resolve("alpha/hello.py"), PRINT);
            Files.writeString(in.resolve("alpha/Main.java"), JAVA);
            Files.writeString(in.resolve("beta/util.py"), EOT_LITERAL);
            Files.writeString(tmp.resolve("r.yaml"), """
                    seed: 7
                    stages: [{type: decode}, {type: language}, {type: tokens}]
                    output: {formats: [jsonl, megatron, packed], seq_length: 16, spill_partitions: 1}
                    """);
            // one hash partition: one Megatron file and one packed file, so that rows pack across documents
        }
        Path out = tmp.resolve("out" + threads);
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--threads", String.valueOf(threads),
                "--recipe", tmp.resolve("r.yaml").toString())).isZero();
        return out;
    }

    @Test
    void tokensPackedRowsAndManifestAreExact() throws Exception {
        Path out = run(1);
        List<JsonNode> kept = EndToEndTest.rows(out.resolve("data"));
        assertThat(kept).extracting(r -> r.get("content").asText()).containsExactlyInAnyOrder(PRINT, EOT_LITERAL, JAVA);
        List<Integer> stream = new ArrayList<>();
        try (MegatronReader r = MegatronReader.open(out.resolve("tokens/megatron-00000"))) {
            assertThat(r.documentCount()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                int[] expected = switch (kept.get(i).get("content").asText()) {
                    case PRINT -> new int[] {1374, 7, 2983, 340, 100257};
                    case EOT_LITERAL -> new int[] {755, 282, 4019, 262, 471, 3942, 91, 8862, 728, 428, 91, 24324, 100257};
                    default -> new int[] {1058, 4802, 314, 528, 865, 284, 220, 16, 26, 457, 100257};
                };
                assertThat(r.document(i)).containsExactly(expected);
                for (int t : expected) {
                    stream.add(t);
                }
            }
        }
        List<Map<String, Object>> rows = ParquetFormat.readRows(out.resolve("tokens/packed-00000.parquet"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("input_ids")).isEqualTo(stream.subList(0, 16));
        assertThat(rows.get(1).get("input_ids")).isEqualTo(stream.subList(16, 29));
        List<Object> ids = kept.stream().map(k -> (Object) k.get("id").asText()).toList();
        int firstTwo = kept.get(0).get("num_tokens").asInt() + 1 + kept.get(1).get("num_tokens").asInt() + 1;
        // the second document crosses the row boundary (16 > first document's tokens) unless exactly aligned
        assertThat(((List<?>) rows.get(0).get("doc_ids")).get(0)).isEqualTo(ids.get(0));
        assertThat(((List<?>) rows.get(1).get("doc_ids"))).last().isEqualTo(ids.get(2));
        assertThat((List<?>) rows.get(1).get("doc_starts")).last().isEqualTo(firstTwo - 16);

        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(m.get("token_source").asText()).isEqualTo("megatron");
        assertThat(m.get("seed").asLong()).isEqualTo(7);
        assertThat(m.get("documents").asLong()).isEqualTo(3);
        assertThat(m.get("total_tokens").asLong()).isEqualTo(29);
        assertThat(m.get("by_language").toString())
                .isEqualTo("{\"Java\":{\"documents\":1,\"tokens\":11},\"Python\":{\"documents\":2,\"tokens\":18}}");
        assertThat(m.get("by_repository").toString())
                .isEqualTo("{\"alpha\":{\"documents\":2,\"tokens\":16},\"beta\":{\"documents\":1,\"tokens\":13}}");
        assertThat(m.get("mixture").isNull()).isTrue();
        assertThat(m.get("recipe").get("seed").asLong()).isEqualTo(7);
        assertThat(m.get("recipe").get("output").get("formats").toString()).isEqualTo("[\"jsonl\",\"megatron\",\"packed\"]");
        assertThat(m.get("recipe").get("output").get("seq_length").asInt()).isEqualTo(16);
        String canonical = new ObjectMapper().writeValueAsString(m.get("recipe"));
        assertThat(m.get("recipe_sha256").asText()).isEqualTo(String.format("%064x",
                new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)))));

        JsonNode data = m.get("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("jsonl", "megatron", "packed");
        assertThat(data.get("megatron").get("dtype").asText()).isEqualTo("int32");
        assertThat(data.get("megatron").get("eos_id").asInt()).isEqualTo(100257);
        assertThat(data.get("packed").get("seq_length").asInt()).isEqualTo(16);
        JsonNode meg = data.get("megatron").get("shards").get(0);
        assertThat(meg.get("documents").asLong()).isEqualTo(3);
        assertThat(meg.get("tokens").asLong()).isEqualTo(29);
        assertThat(meg.get("files").toString()).isEqualTo("[{\"path\":\"tokens/megatron-00000.bin\",\"bytes\":116},"
                + "{\"path\":\"tokens/megatron-00000.idx\",\"bytes\":102}]"); // 29 int32; 34 + 12*3 + 8*4
        JsonNode jsonl = data.get("jsonl").get("shards");
        assertThat(jsonl).hasSize(1);
        assertThat(jsonl.get(0).get("files").get(0).get("path").asText()).isEqualTo("data/part-00000.jsonl.zst");
        assertThat(jsonl.get(0).get("files").get(0).get("bytes").asLong())
                .isEqualTo(Files.size(out.resolve("data/part-00000.jsonl.zst")));
        assertThat(jsonl.get(0).get("documents").asLong()).isEqualTo(3);
        assertThat(jsonl.get(0).get("tokens").isNull()).isTrue();
        assertThat(data.get("packed").get("shards").get(0).get("files").get(0).get("bytes").asLong())
                .isEqualTo(Files.size(out.resolve("tokens/packed-00000.parquet")));
        assertThat(m.get("ledger").fieldNames()).toIterable().containsExactly("jsonl");
        assertThat(m.get("ledger").get("jsonl").get("shards").get(0).get("rows").asLong()).isZero();

        Path two = run(2);
        for (String f : List.of("manifest.json", "tokens/megatron-00000.bin", "tokens/megatron-00000.idx", "tokens/packed-00000.parquet")) {
            assertThat(Files.readAllBytes(two.resolve(f))).as(f).isEqualTo(Files.readAllBytes(out.resolve(f)));
        }
    }
}
