package dev.codemill.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Connected components of an undirected graph given as edges between 64-bit node keys, by
 * alternating large-star and small-star rounds (Kiveris, Lattanzi, Mirrokni, Rastogi and
 * Vassilvitskii, "Connected Components in MapReduce and Beyond", SoCC 2014): O(log² n) rounds,
 * no node's neighbourhood is ever gathered beyond one shuffle, and the result (each node's
 * smallest reachable key) does not depend on partitioning or edge order. Not GraphFrames, whose
 * components can be wrong without caching (issue 6).
 */
final class Components {
    private Components() {
    }

    /** At most this many rounds; the algorithm needs O(log² n). */
    static final int MAX_ROUNDS = 200;

    /**
     * Each node that has an edge, with its component's label: the smallest node key of the
     * component (so a component's root labels itself).
     *
     * @param edges      pairs of distinct nodes, any orientation, duplicates allowed
     * @param partitions shuffle partitions
     */
    static JavaPairRDD<Long, Long> labels(JavaPairRDD<Long, Long> edges, int partitions) {
        JavaPairRDD<Long, Long> current = edges.mapToPair(Components::descending).distinct(partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        for (int round = 0; ; round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
            }
            JavaPairRDD<Long, Long> large = largeStar(current, partitions);
            JavaPairRDD<Long, Long> next = smallStar(large, partitions).persist(StorageLevel.MEMORY_AND_DISK());
            boolean same = same(next, current, partitions);
            current.unpersist(false);
            current = next;
            if (same) {
                break;
            }
        }
        // A star forest: every edge is (node, root) with root < node, the root the component's minimum.
        JavaPairRDD<Long, Long> leaves = current.reduceByKey(Math::min, partitions);
        JavaPairRDD<Long, Long> roots = current.values().distinct(partitions).mapToPair(r -> new Tuple2<>(r, r));
        return leaves.union(roots);
    }

    /**
     * Whether two edge sets (each without duplicates) are equal, in one shuffle and one job: an edge
     * of {@code a} counts 1, of {@code b} 2, and the sets are equal when every edge adds up to 3
     * (two {@code subtract}s and two {@code isEmpty}s before: two shuffles and two to four jobs a round).
     */
    static boolean same(JavaPairRDD<Long, Long> a, JavaPairRDD<Long, Long> b, int partitions) {
        return a.mapToPair(e -> new Tuple2<>(e, 1)).union(b.mapToPair(e -> new Tuple2<>(e, 2)))
                .reduceByKey((x, y) -> x | y, partitions)
                .filter(t -> t._2() != 3)
                .count() == 0;
    }

    /** An edge as (larger, smaller). */
    private static Tuple2<Long, Long> descending(Tuple2<Long, Long> e) {
        return e._1() > e._2() ? e : new Tuple2<>(e._2(), e._1());
    }

    /**
     * Large-star: each node u links every larger neighbour to m(u) = min(Γ(u) ∪ {u}). Edges out in
     * (larger, smaller) form.
     */
    static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> edges, int partitions) {
        return edges.flatMapToPair(e -> List.of(e, new Tuple2<>(e._2(), e._1())).iterator())
                .groupByKey(partitions)
                .flatMapToPair(t -> {
                    long u = t._1();
                    long m = u;
                    for (long v : t._2()) {
                        m = Math.min(m, v);
                    }
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (long v : t._2()) {
                        if (v > u) {
                            out.add(new Tuple2<>(v, m));
                        }
                    }
                    return out.iterator();
                })
                .distinct(partitions);
    }

    /**
     * Small-star: each node u links itself and every smaller neighbour to m = min of them (edges
     * in and out in (larger, smaller) form).
     */
    static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> edges, int partitions) {
        return edges.groupByKey(partitions)
                .flatMapToPair(t -> {
                    long u = t._1();
                    long m = u;
                    for (long v : t._2()) {
                        m = Math.min(m, v);
                    }
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    if (u != m) {
                        out.add(new Tuple2<>(u, m));
                    }
                    for (long v : t._2()) {
                        if (v != m) {
                            out.add(new Tuple2<>(v, m));
                        }
                    }
                    return out.iterator();
                })
                .distinct(partitions);
    }
}
