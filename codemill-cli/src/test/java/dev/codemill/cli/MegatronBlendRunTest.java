package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokens/megatron-data-args.txt} (Megatron-LM's {@code --data-args-path}) over whole runs:
 * a run that keeps nothing names no blend; every branch folder has its own, relative to it. OUT's
 * name holds a space: the prefixes are relative, so Megatron's whitespace split still sees pairs.
 */
class MegatronBlendRunTest {
    @TempDir
    Path tmp;

    @Test
    void aRunThatKeepsNothingNamesNoBlendAndNoMegatronDataset() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("alpha/vendor/six"));
        Files.writeString(in.resolve("alpha/vendor/six/six.py"), "PY3 = True\n");
        Files.writeString(tmp.resolve("r.yaml"), """
                stages: [{type: decode}, {type: vendor, drop_vendor: true}]
                output: {formats: [parquet, megatron]}
                """);
        Path out = tmp.resolve("my out");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--threads", "1",
                "--recipe", tmp.resolve("r.yaml").toString())).isZero();
        JsonNode meg = EndToEndTest.JSON.readTree(out.resolve("manifest.json").toFile()).at("/data/megatron");
        // the empty part 0 every format gets is still there, with 0 documents and 0 tokens ...
        assertThat(meg.at("/shards/0/files/0/path").asText()).isEqualTo("tokens/megatron-00000.bin");
        assertThat(meg.at("/shards/0/tokens").asLong()).isZero();
        // ... but no blend names it: "0 tokens/megatron-00000" is a NaN weight to Megatron-LM (docs/output.md: null)
        assertThat(meg.get("data_args_path").isNull()).as("data_args_path of %s", meg).isTrue();
        assertThat(out.resolve("tokens/megatron-data-args.txt")).doesNotExist();
        // and the card sends no trainer to the empty .bin
        assertThat(Files.readString(out.resolve("README.md"))).doesNotContain("Megatron-LM").doesNotContain("--data-path");
    }

    @Test
    void everyBranchFolderBlendsItsOwnShards() throws Exception {
        Path in = tmp.resolve("in");
        for (String r : new String[] {"a", "b", "c", "d"}) {
            Files.createDirectories(in.resolve(r));
            for (int i = 0; i < 5; i++) {
                Files.writeString(in.resolve(r + "/f" + i + ".py"), "print(" + r.hashCode() * 31 + i + ")\n");
            }
        }
        Files.writeString(tmp.resolve("r.yaml"), """
                stages: [{type: decode}, {type: language}]
                branches: [{name: py, stages: [{type: language}]}]
                output: {formats: [parquet, megatron, packed], seq_length: 16}
                """);
        Path out = tmp.resolve("my out");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--threads", "1",
                "--recipe", tmp.resolve("r.yaml").toString())).isZero();
        // 20 one-line files in 13 non-empty hash partitions; the branch keeps them all, so the same shards
        String blend = """
                12 tokens/megatron-00000
                12 tokens/megatron-00001
                6 tokens/megatron-00002
                6 tokens/megatron-00003
                6 tokens/megatron-00004
                6 tokens/megatron-00005
                6 tokens/megatron-00006
                6 tokens/megatron-00007
                24 tokens/megatron-00008
                12 tokens/megatron-00009
                12 tokens/megatron-00010
                6 tokens/megatron-00011
                6 tokens/megatron-00012
                """;
        for (String folder : new String[] {"", "py/"}) {
            assertThat(Files.readString(out.resolve(folder + "tokens/megatron-data-args.txt"))).as(folder).isEqualTo(blend);
            JsonNode m = EndToEndTest.JSON.readTree(out.resolve(folder + "manifest.json").toFile());
            assertThat(m.at("/data/megatron/data_args_path").asText()).isEqualTo("tokens/megatron-data-args.txt");
            assertThat(m.at("/data/megatron/shards").size()).isEqualTo(13);
            assertThat(m.get("total_tokens").asLong()).isEqualTo(120);
            assertThat(Files.readString(out.resolve(folder + "README.md"))).as(folder).contains("13 shards: from OUT, "
                    + "`--data-args-path tokens/megatron-data-args.txt`");
        }
    }
}
