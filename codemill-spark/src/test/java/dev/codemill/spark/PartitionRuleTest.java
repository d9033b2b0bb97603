package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.run.Partitioning;
import org.junit.jupiter.api.Test;

/**
 * The partition counts with exact values: the write (hash) partitions, a function of the input
 * size only (both runners write the same parts), without the old cap of 1,024; and the shuffle
 * partitions of the group and cluster stages, from the input size and the cluster.
 */
class PartitionRuleTest {
    private static final long MIB = 1L << 20;

    @Test
    void writePartitionsFollowTheInputSizeWithoutACap() {
        assertThat(Partitioning.partitions(-1, 0)).as("unknown size").isEqualTo(16);
        assertThat(Partitioning.partitions(0, 0)).isEqualTo(16);
        assertThat(Partitioning.partitions(195_700_000L, 0)).as("the medium corpus").isEqualTo(16);
        assertThat(Partitioning.partitions(1000 * MIB, 0)).isEqualTo(31);
        assertThat(Partitioning.partitions(1024 * 32 * MIB, 0)).as("32 GiB, as before").isEqualTo(1024);
        assertThat(Partitioning.partitions(1024 * 32 * MIB + 256 * MIB - 1, 0)).isEqualTo(1024);
        assertThat(Partitioning.partitions(1024 * 32 * MIB + 256 * MIB, 0)).isEqualTo(1025);
        assertThat(Partitioning.partitions(1_000_000_000_000L, 0)).as("1 TB").isEqualTo(4621);
        assertThat(Partitioning.partitions(50_000_000_000_000L, 0)).as("50 TB").isEqualTo(187_160);
        assertThat(Partitioning.partitions(Long.MAX_VALUE, 0)).as("the overflow guard").isEqualTo(1 << 24);
        assertThat(Partitioning.partitions(50_000_000_000_000L, 7)).as("output.spill_partitions").isEqualTo(7);
    }

    @Test
    void shufflePartitionsFollowTheInputAndTheCluster() {
        // medium corpus on local[2]: 3 per core, not the 16 write partitions
        assertThat(SparkRunner.shufflePartitions(195_700_000L, 2, 16)).isEqualTo(6);
        // two workers of 8 cores: 3 per core
        assertThat(SparkRunner.shufflePartitions(195_700_000L, 16, 16)).isEqualTo(48);
        // 100 GB: one per 64 MiB
        assertThat(SparkRunner.shufflePartitions(100_000_000_000L, 16, Partitioning.partitions(100_000_000_000L, 0)))
                .isEqualTo(1490);
        // 50 TB on 100 nodes of 16 cores
        assertThat(SparkRunner.shufflePartitions(50_000_000_000_000L, 1600, 187_160)).isEqualTo(745_058);
        assertThat(SparkRunner.shufflePartitions(-1, 4, 16)).as("a branch: unknown size").isEqualTo(12);
    }
}
