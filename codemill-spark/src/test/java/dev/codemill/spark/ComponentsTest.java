package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Large-star/small-star components against a union-find, on graphs whose answer is known. */
class ComponentsTest {
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("components-test")
                .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "4"));
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static Map<Long, Long> labels(List<Tuple2<Long, Long>> edges, int partitions) {
        return new HashMap<>(Components.labels(sc.parallelizePairs(edges, 3), partitions).collectAsMap());
    }

    private static boolean same(List<Tuple2<Long, Long>> a, List<Tuple2<Long, Long>> b) {
        return Components.same(sc.parallelizePairs(a, 3), sc.parallelizePairs(b, 2), 2);
    }

    @Test
    void edgeSetsAreTheSameWhenNoEdgeIsInOneOnly() {
        List<Tuple2<Long, Long>> edges = List.of(new Tuple2<>(5L, 1L), new Tuple2<>(9L, 1L), new Tuple2<>(-3L, -8L));
        List<Tuple2<Long, Long>> reordered = List.of(new Tuple2<>(-3L, -8L), new Tuple2<>(5L, 1L), new Tuple2<>(9L, 1L));
        assertThat(same(edges, reordered)).isTrue();
        assertThat(same(List.of(), List.of())).isTrue();
        // one more edge on either side, or the same nodes the other way round: different sets
        assertThat(same(edges, List.of(new Tuple2<>(5L, 1L), new Tuple2<>(9L, 1L)))).isFalse();
        assertThat(same(List.of(new Tuple2<>(5L, 1L)), edges)).isFalse();
        assertThat(same(List.of(new Tuple2<>(5L, 1L)), List.of(new Tuple2<>(1L, 5L)))).isFalse();
        assertThat(same(List.of(), List.of(new Tuple2<>(2L, 1L)))).isFalse();
    }

    @Test
    void aPathOf64NodesInShuffledOrderIsOneComponentLabelledByItsSmallestNode() {
        List<Long> nodes = new ArrayList<>();
        for (long i = 0; i < 64; i++) {
            nodes.add(1000 - 7 * i); // 1000, 993, ..., 559: the smallest is 559, at the end of the path
        }
        java.util.Collections.shuffle(nodes, new Random(1));
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new Tuple2<>(nodes.get(i - 1), nodes.get(i)));
        }
        Map<Long, Long> labels = labels(edges, 4);
        assertThat(labels).hasSize(64);
        assertThat(labels.values()).containsOnly(559L);
    }

    @Test
    void randomGraphsMatchAUnionFind() {
        Random random = new Random(42);
        for (int trial = 0; trial < 2; trial++) {
            List<Tuple2<Long, Long>> edges = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long a = random.nextInt(400) - 200L; // negative keys too: unit keys are signed 64-bit
                long b = random.nextInt(400) - 200L;
                if (a != b) {
                    edges.add(new Tuple2<>(a, b));
                }
                if (i % 10 == 0) {
                    edges.add(new Tuple2<>(b == a ? a + 1 : b, a)); // duplicates in both orientations
                }
            }
            Map<Long, Long> expected = unionFind(edges);
            assertThat(labels(edges, 5)).isEqualTo(expected);
        }
    }

    /** Component minimum per node, by a plain union-find. */
    private static Map<Long, Long> unionFind(List<Tuple2<Long, Long>> edges) {
        Map<Long, Long> parent = new HashMap<>();
        for (Tuple2<Long, Long> e : edges) {
            parent.putIfAbsent(e._1(), e._1());
            parent.putIfAbsent(e._2(), e._2());
            long ra = find(parent, e._1());
            long rb = find(parent, e._2());
            if (ra != rb) {
                parent.put(Math.max(ra, rb), Math.min(ra, rb));
            }
        }
        Map<Long, Long> out = new HashMap<>();
        for (long n : parent.keySet()) {
            out.put(n, find(parent, n));
        }
        return out;
    }

    private static long find(Map<Long, Long> parent, long x) {
        while (parent.get(x) != x) {
            x = parent.get(x);
        }
        return x;
    }
}
