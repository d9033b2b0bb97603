package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read tasks packed by size: consecutive splits up to the target, a large split alone, every split once. */
class SplitPackingTest {
    private static Split sized(long bytes) {
        return new Split() {
            @Override
            public String name() {
                return "s" + bytes;
            }

            @Override
            public long sizeBytes() {
                return bytes;
            }

            @Override
            public void read(Emitter out) {
            }
        };
    }

    @Test
    void consecutiveSplitsFillATaskUpToTheTarget() {
        long mb = 1L << 20;
        List<Split> splits = List.of(sized(3 * mb), sized(3 * mb), sized(3 * mb), sized(20 * mb), sized(mb), sized(-1),
                sized(5 * mb));
        // target 6 MiB: [3+3] [3] [20 alone] [1 + unknown(1)] then 5 would make 7 > 6: [5]
        assertThat(SplitPacking.pack(splits, 6 * mb)).containsExactly(List.of(0, 1), List.of(2), List.of(3),
                List.of(4, 5), List.of(6));
        List<Integer> all = new ArrayList<>();
        SplitPacking.flatten(SplitPacking.pack(splits, 6 * mb).iterator()).forEachRemaining(all::add);
        assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(SplitPacking.pack(List.of(), 6 * mb)).isEmpty();
    }

    @Test
    void theTargetFollowsTheDataAndTheCluster() {
        long mb = 1L << 20;
        // 195.7 MB on 2 cores: 6 tasks' worth, 32.6 MiB each
        assertThat(SplitPacking.targetBytes(195_700_000L, 2, 128 * mb)).isEqualTo(195_700_000L / 6);
        // 50 TB on 100 nodes x 16 cores: capped at split_bytes (128 MiB): about 390,000 tasks
        assertThat(SplitPacking.targetBytes(50_000_000_000_000L, 1600, 128 * mb)).isEqualTo(128 * mb);
        // tiny inputs and unknown sizes: the 8 MiB floor
        assertThat(SplitPacking.targetBytes(1_000_000L, 2, 128 * mb)).isEqualTo(8 * mb);
        assertThat(SplitPacking.targetBytes(-1, 2, 128 * mb)).isEqualTo(8 * mb);
    }
}
