package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * The bound of {@link DriverComponents} against Spark's own limits and a user's settings, on a
 * context with the runner's Kryo settings and registration required: a graph within the bound
 * but over {@code spark.driver.maxResultSize} falls back to the distributed rounds instead of
 * aborting the run; the share of a bound near {@code Long.MAX_VALUE} does not overflow; a
 * skewed partition comes back through Kryo.
 */
class DriverComponentsLimitsTest {

    private static JavaSparkContext context(String maxResultSize) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("driver-components-limits")
                .set("spark.ui.enabled", "false").set("spark.kryo.registrationRequired", "true");
        SparkRunner.serialization(conf);
        if (maxResultSize != null) {
            conf.set("spark.driver.maxResultSize", maxResultSize);
        }
        return new JavaSparkContext(conf);
    }

    /** {@code n} edges in {@code parts} partitions, packed as the runner packs them. */
    private static List<long[]> partitions(int n, int parts) {
        List<long[]> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int count = n / parts + (p < n % parts ? 1 : 0);
            long[] a = new long[2 * count];
            for (int i = 0; i < count; i++) {
                a[2 * i] = p * 1_000_000L + i;
                a[2 * i + 1] = -(p * 1_000_000L + i) - 1;
            }
            out.add(a);
        }
        return out;
    }

    @Test
    void aGraphOverMaxResultSizeGoesToTheDistributedRoundsInsteadOfFailingTheRun() {
        // 1 MiB of task results at most: 100,000 edges (1.6 MB packed) are within the default bound of 1,000,000
        try (JavaSparkContext sc = context("1m")) {
            long bound = DriverComponents.maxEdges(sc.getConf());
            JavaRDD<long[]> packed = sc.parallelize(partitions(100_000, 4), 4);
            assertThat(DriverComponents.collect(packed, bound)).as("over the bound: the distributed rounds").isNull();
            // a small graph still comes to the driver
            assertThat(DriverComponents.collect(sc.parallelize(partitions(1_000, 4), 4), bound)).hasSize(4);
        }
    }

    @Test
    void aHugeBoundsShareDoesNotOverflowAndASkewedPartitionComesBackThroughKryo() {
        try (JavaSparkContext sc = context("0")) {
            sc.setJobGroup("huge", "huge", false);
            List<long[]> few = DriverComponents.collect(sc.parallelize(partitions(10, 3), 3), Long.MAX_VALUE);
            assertThat(few).hasSize(3);
            assertThat(sc.statusTracker().getJobIdsForGroup("huge")).as("every partition within its share: one job").hasSize(1);
            // 1, 1 and 8 edges against a share of 4 (bound 12): the third partition in a second job, long[] through Kryo
            List<long[]> skewed = List.of(new long[] {1, 2}, new long[] {3, 4},
                    new long[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
            sc.setJobGroup("skewed", "skewed", false);
            List<long[]> back = DriverComponents.collect(sc.parallelize(skewed, 3), 12);
            assertThat(sc.statusTracker().getJobIdsForGroup("skewed")).hasSize(2);
            assertThat(back).hasSize(3);
            assertThat(DriverComponents.labels(back).asMap()).containsEntry(20L, 19L).containsEntry(6L, 5L).containsEntry(2L, 1L).hasSize(20);
        }
    }

    @Test
    void aHugeBoundIsKeptWhenMaxResultSizeIsUnlimited() {
        SparkConf conf = new SparkConf(false).set("spark.driver.maxResultSize", "0")
                .set(DriverComponents.MAX_EDGES, Long.toString(Long.MAX_VALUE));
        assertThat(DriverComponents.maxEdges(conf)).isEqualTo(Long.MAX_VALUE);
        assertThat(DriverComponents.maxEdges(new SparkConf(false))).as("the default against the default 1 GiB").isEqualTo(1_000_000L);
        assertThat(DriverComponents.maxEdges(new SparkConf(false).set(DriverComponents.MAX_EDGES, "100000000")))
                .as("1 GiB / 32").isEqualTo(33_554_432L);
        assertThat(DriverComponents.maxEdges(new SparkConf(false).set("spark.driver.maxResultSize", "1m"))).isEqualTo(32_768L);
        assertThat(DriverComponents.maxEdges(new SparkConf(false).set("spark.driver.maxResultSize", "1m")
                .set(DriverComponents.MAX_EDGES, "0"))).as("0 stays: always distributed").isZero();
    }
}
