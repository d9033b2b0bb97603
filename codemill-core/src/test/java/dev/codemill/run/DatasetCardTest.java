package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card's configs follow the files on disk; its figures come from stats.json and manifest.json. */
class DatasetCardTest {
    @TempDir
    Path out;

    private void touch(String path) throws Exception {
        Files.createDirectories(out.resolve(path).getParent());
        Files.write(out.resolve(path), new byte[0]);
    }

    @Test
    void jsonlOnlyOutputsGetJsonlGlobsAndDerivedFoldersOnlyWhenNamed() throws Exception {
        touch("data/part-00000.jsonl.zst");
        touch("data/part-00001.jsonl.zst");
        touch("ledger/part-00000.jsonl.zst");
        touch("review/review-00000.jsonl.zst");
        touch("fim/manifest.json");
        touch("fim/data/part-00000.parquet");
        touch("fim/data/part-00000.jsonl.zst");
        touch("cross_file/data/part-00000.parquet"); // left by an earlier run: not named, no config
        assertThat(DatasetCard.configs(out, List.of("fim", "repo_samples"))).containsExactly(
                new DatasetCard.Config("default", "data/part-*.jsonl.zst"),
                new DatasetCard.Config("ledger", "ledger/part-*.jsonl.zst"),
                new DatasetCard.Config("review", "review/review-*.jsonl.zst"),
                new DatasetCard.Config("fim", "fim/data/part-*.parquet"));
    }

    @Test
    void figuresAndTopRulesComeFromStats() throws Exception {
        touch("data/part-00000.parquet");
        ObjectMapper json = new ObjectMapper();
        String stats = """
                {"documents": {"in": 1200, "kept": 1000, "dropped": 150, "quarantined": 50},
                 "bytes": {"in": 5000000, "kept": 4000000},
                 "decisions": {"basic_filters": {"drop:max_line_length": {"documents": 40},
                                                 "drop:alphanum_fraction": {"documents": 110}},
                               "ingest": {"quarantine:too_large": {"documents": 50}},
                               "redact": {"modify:redact_email": {"documents": 9}}}}
                """;
        String manifest = """
                {"recipe": {"name": "a \\"quoted\\" name"}, "recipe_sha256": "abc", "seed": 3,
                 "total_tokens": 123456, "token_source": "num_tokens", "tokenizer": null}
                """;
        String card = DatasetCard.render(out, json.readTree(stats), json.readTree(manifest), List.of());
        assertThat(card).startsWith("---\npretty_name: \"a \\\"quoted\\\" name\"\n");
        assertThat(card).contains("""
                | in | 1,200 | 5,000,000 |
                | kept | 1,000 | 4,000,000 |
                | dropped | 150 | |
                | quarantined | 50 | |

                Tokens: 123,456 (num_tokens).
                Recipe SHA-256: `abc`; seed 3""");
        // modifications are not removals; most documents first
        assertThat(card).contains("""
                | basic_filters | alphanum_fraction | drop | 110 |
                | ingest | too_large | quarantine | 50 |
                | basic_filters | max_line_length | drop | 40 |

                Every figure""");
        assertThat(card).doesNotContain("ledger/").doesNotContain("redact_email");
    }

    private String megatronLine(String megatron) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String card = DatasetCard.render(out, json.readTree("{}"), json.readTree("{\"data\": {\"megatron\": " + megatron + "}}"),
                List.of());
        return card.lines().filter(l -> l.contains("Megatron")).findFirst().orElse(null);
    }

    @Test
    void theMegatronLineNamesOneShardByDataPathSeveralByTheBlendAndNoEmptyDataset() throws Exception {
        String shard0 = "{\"files\": [{\"path\": \"tokens/megatron-00000.bin\"}, {\"path\": \"tokens/megatron-00000.idx\"}], "
                + "\"documents\": 3, \"tokens\": 29}";
        String shard1 = "{\"files\": [{\"path\": \"tokens/megatron-00001.bin\"}, {\"path\": \"tokens/megatron-00001.idx\"}], "
                + "\"documents\": 1, \"tokens\": 7}";
        assertThat(megatronLine("{\"data_args_path\": \"tokens/megatron-data-args.txt\", \"shards\": [" + shard0 + "]}"))
                .isEqualTo("Megatron-LM indexed dataset (not a table): `--data-path OUT/tokens/megatron-00000`.");
        assertThat(megatronLine("{\"data_args_path\": \"tokens/megatron-data-args.txt\", \"shards\": [" + shard0 + ", " + shard1 + "]}"))
                .isEqualTo("Megatron-LM indexed dataset (not a table), 2 shards: from OUT, `--data-args-path "
                        + "tokens/megatron-data-args.txt` (each shard weighted by its tokens; prefixes relative to OUT).");
        // nothing kept: the empty part 0 alone, no blend; an empty .bin is nothing to train on
        assertThat(megatronLine("{\"data_args_path\": null, \"shards\": [{\"files\": [{\"path\": \"tokens/megatron-00000.bin\"}, "
                + "{\"path\": \"tokens/megatron-00000.idx\"}], \"documents\": 0, \"tokens\": 0}]}")).isNull();
    }

    @Test
    void moreShardsThanMegatronBlendsAreSaidToNeedAMerge() throws Exception {
        // Megatron-LM's BlendedDataset asserts len(datasets) < 32767; a 8 TiB input has more hash partitions
        StringBuilder shards = new StringBuilder();
        for (int i = 0; i < 32767; i++) {
            shards.append(i == 0 ? "" : ", ").append(String.format("{\"files\": [{\"path\": \"tokens/megatron-%05d.bin\"}], "
                    + "\"documents\": 1, \"tokens\": 2}", i));
        }
        String many = "{\"data_args_path\": \"tokens/megatron-data-args.txt\", \"shards\": [" + shards + "]}";
        assertThat(megatronLine(many)).isEqualTo("Megatron-LM indexed dataset (not a table), 32767 shards: from OUT, "
                + "`--data-args-path tokens/megatron-data-args.txt` (each shard weighted by its tokens; prefixes relative to OUT). "
                + "More shards than Megatron-LM blends (at most 32,766 datasets): merge them first (Megatron-LM "
                + "`tools/merge_datasets.py`).");
        String fewer = many.replace(", {\"files\": [{\"path\": \"tokens/megatron-32766.bin\"}], \"documents\": 1, \"tokens\": 2}", "");
        assertThat(megatronLine(fewer)).endsWith("prefixes relative to OUT).");
    }
}
