package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;
import scala.Tuple2;

/**
 * The grouping of a key-sorted shuffle partition (what replaced {@code groupByKey} and
 * {@code cogroup}): runs of equal keys become one group each, in stream order, values in stream
 * order; a cluster unit's documents and cluster row are told apart by type.
 */
class SortedGroupsTest {
    @Test
    void runsOfEqualKeysAreOneGroupEach() {
        List<Tuple2<String, Integer>> sorted = List.of(t("", 1), t("a", 2), t("a", 3), t("a", 4), t("b", 5), t("c", 6),
                t("c", 7));
        List<String> seen = new ArrayList<>();
        Iterator<Tuple2<String, Iterable<Integer>>> groups = Tasks.runs(sorted.iterator());
        groups.forEachRemaining(g -> seen.add(g._1() + "=" + g._2()));
        assertThat(seen).containsExactly("=[1]", "a=[2, 3, 4]", "b=[5]", "c=[6, 7]");
        Assertions.assertThrows(NoSuchElementException.class, groups::next);
    }

    @Test
    void anEmptyPartitionHasNoGroup() {
        assertThat(Tasks.<Integer>runs(List.<Tuple2<String, Integer>>of().iterator()).hasNext()).isFalse();
    }

    @Test
    void aGroupIsReadOnlyWhenAsked() {
        // the stream is read up to the first record of the next group, not further
        List<Tuple2<String, Integer>> sorted = List.of(t("a", 1), t("a", 2), t("b", 3), t("c", 4));
        int[] read = {0};
        Iterator<Tuple2<String, Integer>> counting = new Iterator<>() {
            final Iterator<Tuple2<String, Integer>> in = sorted.iterator();

            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Tuple2<String, Integer> next() {
                read[0]++;
                return in.next();
            }
        };
        Iterator<Tuple2<String, Iterable<Integer>>> groups = Tasks.runs(counting);
        assertThat(read[0]).isEqualTo(1);
        assertThat(groups.next()._2()).containsExactly(1, 2);
        assertThat(read[0]).isEqualTo(3);
    }

    @Test
    void aUnitsDocumentsAndClusterRowAreSplitByType() {
        Tasks.ClusterRow row = new Tasks.ClusterRow("u1", "u0", 2, "jaccard 0.81", "u0", 0);
        byte[] d1 = {1};
        byte[] d2 = {2};
        byte[] d3 = {3};
        List<Tuple2<String, Object>> sorted = List.of(t("u0", (Object) d3), t("u1", (Object) d1), t("u1", (Object) row),
                t("u1", (Object) d2), t("u2", (Object) new Tasks.ClusterRow("u2", "u2", 1, "", "", 0)));
        List<Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<Tasks.ClusterRow>>>> units = new ArrayList<>();
        Tasks.units(sorted.iterator()).forEachRemaining(units::add);
        assertThat(units).extracting(Tuple2::_1).containsExactly("u0", "u1", "u2");
        assertThat(units.get(0)._2()._1()).containsExactly(d3);
        assertThat(units.get(0)._2()._2()).isEmpty();
        assertThat(units.get(1)._2()._1()).containsExactly(d1, d2);
        assertThat(units.get(1)._2()._2()).containsExactly(row);
        assertThat(units.get(2)._2()._1()).isEmpty();
        assertThat(units.get(2)._2()._2()).extracting(Tasks.ClusterRow::keptUnit).containsExactly("u2");
    }

    private static <V> Tuple2<String, V> t(String k, V v) {
        return new Tuple2<>(k, v);
    }
}
