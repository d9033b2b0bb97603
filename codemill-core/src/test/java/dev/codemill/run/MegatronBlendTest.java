package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronBlendTest {
    @TempDir
    Path root;

    private Parts.Shard shard(String prefix, long tokens) {
        Parts.Shard s = new Parts.Shard(List.of(root.resolve(prefix + ".bin").toString(), root.resolve(prefix + ".idx").toString()));
        s.tokens = tokens;
        s.rows = 1;
        return s;
    }

    @Test
    void everyShardInOrderWeightedByItsTokensPrefixesRelativeToTheOutputFolder() throws Exception {
        Files.createDirectories(root.resolve("tokens"));
        Parts parts = new Parts(2, true);
        parts.shards.add(shard("tokens/megatron-00000", 1149));
        parts.shards.add(shard("tokens/megatron-00001", 7));
        parts.shards.add(shard("tokens/megatron-00003", 30000000000L));
        assertThat(MegatronBlend.write(root, parts)).isEqualTo("tokens/megatron-data-args.txt");
        // Megatron-LM: open(--data-args-path).read().split() -> weight, prefix, weight, prefix, ...
        assertThat(Files.readString(root.resolve("tokens/megatron-data-args.txt"))).isEqualTo("""
                1149 tokens/megatron-00000
                7 tokens/megatron-00001
                30000000000 tokens/megatron-00003
                """);
    }

    @Test
    void aBranchFoldersBlendIsRelativeToTheBranchFolder() throws Exception {
        Path branch = root.resolve("python");
        Files.createDirectories(branch.resolve("tokens"));
        Parts parts = new Parts(0, true);
        Parts.Shard s = new Parts.Shard(List.of(branch.resolve("tokens/megatron-00000.idx").toString(),
                branch.resolve("tokens/megatron-00000.bin").toString()));
        s.tokens = 12;
        s.rows = 2;
        parts.shards.add(s);
        assertThat(MegatronBlend.write(branch, parts)).isEqualTo("tokens/megatron-data-args.txt");
        assertThat(Files.readString(branch.resolve("tokens/megatron-data-args.txt"))).isEqualTo("12 tokens/megatron-00000\n");
    }

    @Test
    void nothingKeptWritesNoBlend() throws Exception {
        assertThat(MegatronBlend.write(root, new Parts(0, true))).isNull();
        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theEmptyPart0OfAFolderWithoutKeptDocumentsIsNoBlend() throws Exception {
        // what PartCommit hands in when nothing was kept: one empty part 0 (0 documents, 0 tokens);
        // "0 tokens/megatron-00000" would make Megatron-LM's normalized weights [NaN]
        Files.createDirectories(root.resolve("tokens"));
        Parts parts = new Parts(0, true);
        Parts.Shard empty = shard("tokens/megatron-00000", 0);
        empty.rows = 0;
        parts.shards.add(empty);
        assertThat(MegatronBlend.write(root, parts)).isNull();
        assertThat(root.resolve("tokens/megatron-data-args.txt")).doesNotExist();
    }

    @Test
    void aShardWithoutABinFileIsAnError() {
        Parts parts = new Parts(0, true);
        Parts.Shard s = new Parts.Shard(List.of(root.resolve("tokens/megatron-00000.idx").toString()));
        s.tokens = 5;
        s.rows = 1;
        parts.shards.add(s);
        assertThatThrownBy(() -> MegatronBlend.write(root, parts)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a .bin file");
    }
}
