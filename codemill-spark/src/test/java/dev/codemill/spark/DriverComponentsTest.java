package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Components on the driver ({@link DriverComponents}): exact labels of a small graph, and the
 * same labels as the distributed rounds ({@link Components#labels}) on that graph and on random ones.
 */
class DriverComponentsTest {
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("driver-components-test")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static Tuple2<Long, Long> e(long a, long b) {
        return new Tuple2<>(a, b);
    }

    /** Chain, star and a third component; both orientations, duplicates, negative and large keys. */
    static final List<Tuple2<Long, Long>> GRAPH = List.of(
            e(5, 9), e(12, 9), e(12, 3),                 // chain 5 - 9 - 12 - 3, its smallest node at the end
            e(40, 41), e(42, 40), e(40, 43), e(41, 40),  // star around 40; (41, 40) again the other way
            e(40, 41),                                   // and the same edge again
            e(1000, -5), e(1000, 1L << 62),              // a negative key labels the component
            e(9, 5));                                    // a chain edge again, reversed

    static final Map<Long, Long> EXPECTED = expected();

    private static Map<Long, Long> expected() {
        Map<Long, Long> m = new TreeMap<>();
        for (long n : new long[] {3, 5, 9, 12}) {
            m.put(n, 3L);
        }
        for (long n : new long[] {40, 41, 42, 43}) {
            m.put(n, 40L);
        }
        for (long n : new long[] {-5, 1000, 1L << 62}) {
            m.put(n, -5L);
        }
        return m;
    }

    /** The edges in {@code parts} partitions, packed per partition as the runner collects them. */
    private static Map<Long, Long> onDriver(List<Tuple2<Long, Long>> edges, int parts) {
        return DriverComponents.labels(sc.parallelizePairs(edges, parts).mapPartitions(DriverComponents::pack).collect())
                .asMap();
    }

    private static Map<Long, Long> distributed(List<Tuple2<Long, Long>> edges) {
        return new TreeMap<>(Components.labels(sc.parallelizePairs(edges, 3), 4).collectAsMap());
    }

    @Test
    void eachNodeIsLabelledWithItsComponentsSmallestKey() {
        assertThat(onDriver(GRAPH, 1)).isEqualTo(EXPECTED);
        assertThat(onDriver(GRAPH, 4)).isEqualTo(EXPECTED);
        assertThat(distributed(GRAPH)).isEqualTo(EXPECTED);
        DriverComponents.Labels labels = DriverComponents.labels(List.of(new long[] {12, 9, 9, 5}, new long[0], new long[] {3, 12}));
        assertThat(labels.size()).isEqualTo(4);
        assertThat(labels.index(7)).as("a key without an edge").isNegative();
        assertThat(labels.labelAt(labels.index(12))).isEqualTo(3);
        assertThat(DriverComponents.labels(List.of(new long[0])).size()).isZero();
    }

    @Test
    void randomGraphsGetTheDistributedRoundsLabels() {
        Random random = new Random(7);
        for (int trial = 0; trial < 3; trial++) {
            List<Tuple2<Long, Long>> edges = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                long a = random.nextInt(600) - 300L;
                long b = random.nextInt(600) - 300L;
                if (a != b) {
                    edges.add(e(a, b));
                    if (i % 7 == 0) {
                        edges.add(e(b, a));
                    }
                }
            }
            assertThat(onDriver(edges, 3)).isEqualTo(distributed(edges));
        }
    }

    @Test
    void extremeKeysAndComponentsAcrossPartitionsGetTheDistributedRoundsLabels() {
        // Long.MIN_VALUE and Long.MAX_VALUE as nodes, a chain whose edges lie in different partitions, duplicates
        List<Tuple2<Long, Long>> edges = List.of(e(Long.MAX_VALUE, 7), e(7, Long.MIN_VALUE + 1), e(Long.MIN_VALUE + 1, 8),
                e(Long.MAX_VALUE - 1, Long.MIN_VALUE), e(Long.MIN_VALUE, Long.MAX_VALUE - 1), e(0, -1), e(8, 9),
                e(Long.MAX_VALUE, 7));
        Map<Long, Long> expected = new TreeMap<>();
        for (long n : new long[] {Long.MAX_VALUE, 7, Long.MIN_VALUE + 1, 8, 9}) {
            expected.put(n, Long.MIN_VALUE + 1);
        }
        expected.put(Long.MAX_VALUE - 1, Long.MIN_VALUE);
        expected.put(Long.MIN_VALUE, Long.MIN_VALUE);
        expected.put(0L, -1L);
        expected.put(-1L, -1L);
        for (int parts : new int[] {1, 3, 8}) {
            assertThat(onDriver(edges, parts)).as("%d partitions", parts).isEqualTo(expected);
        }
        assertThat(distributed(edges)).isEqualTo(expected);
    }

    @Test
    void packedPartitionsUnpackToTheirEdgesAndCount() {
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            edges.add(e(i, -i - 1));
        }
        long[] packed = DriverComponents.pack(edges.iterator()).next();
        assertThat(packed).hasSize(200);
        List<Tuple2<Long, Long>> back = new ArrayList<>();
        DriverComponents.unpack(packed).forEachRemaining(back::add);
        assertThat(back).isEqualTo(edges);
        Iterator<long[]> none = DriverComponents.pack(java.util.Collections.emptyIterator());
        assertThat(none.next()).isEmpty();
        assertThat(none.hasNext()).isFalse();
    }

    /** The edges of packed partitions, each as {@code a:b}, sorted. */
    private static List<String> edgesOf(List<long[]> packed) {
        List<String> out = new ArrayList<>();
        for (long[] a : packed) {
            for (int i = 0; i < a.length; i += 2) {
                out.add(a[i] + ":" + a[i + 1]);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void theEdgesReachTheDriverOnlyWhenThereAreAtMostTheBound() {
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            edges.add(e(i, -i - 1));
        }
        List<String> expected = edgesOf(List.of(DriverComponents.pack(edges.iterator()).next()));
        // 20 edges a partition: each within its share of 100, one job
        sc.setJobGroup("balanced", "balanced", false);
        assertThat(edgesOf(DriverComponents.collect(sc.parallelizePairs(edges, 5).mapPartitions(DriverComponents::pack), 100)))
                .isEqualTo(expected).hasSize(100);
        assertThat(sc.statusTracker().getJobIdsForGroup("balanced")).hasSize(1);
        assertThat(DriverComponents.collect(sc.parallelizePairs(edges, 5).mapPartitions(DriverComponents::pack), 99)).isNull();
        // skewed: 1, 1 and 8 edges against a share of 4 (bound 12): the third partition is fetched by a second job
        List<long[]> skewed = List.of(new long[] {1, 2}, new long[] {3, 4},
                new long[] {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        sc.setJobGroup("skewed", "skewed", false);
        assertThat(edgesOf(DriverComponents.collect(sc.parallelize(skewed, 3), 12))).isEqualTo(edgesOf(skewed)).hasSize(10);
        assertThat(sc.statusTracker().getJobIdsForGroup("skewed")).hasSize(2);
        sc.clearJobGroup();
        assertThat(DriverComponents.collect(sc.parallelize(skewed, 3), 9)).isNull();
        assertThat(DriverComponents.collect(sc.parallelize(List.of(new long[0], new long[0]), 2), 1)).hasSize(2)
                .allSatisfy(a -> assertThat(a).isEmpty());
    }

    @Test
    void theBoundIsASettingZeroMeansDistributed() {
        assertThat(DriverComponents.maxEdges(new SparkConf(false))).isEqualTo(1_000_000L);
        assertThat(DriverComponents.maxEdges(new SparkConf(false).set(DriverComponents.MAX_EDGES, "0"))).isZero();
        assertThat(DriverComponents.maxEdges(new SparkConf(false).set(DriverComponents.MAX_EDGES, " 250000 "))).isEqualTo(250_000L);
        assertThatThrownBy(() -> DriverComponents.maxEdges(new SparkConf(false).set(DriverComponents.MAX_EDGES, "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> DriverComponents.maxEdges(new SparkConf(false).set(DriverComponents.MAX_EDGES, "1m")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got '1m'");
    }
}
