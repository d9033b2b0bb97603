package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The sorted-stream grouping ({@link Tasks#runs}, {@link Tasks#units}) behind a real
 * {@code repartitionAndSortWithinPartitions} under the runner's Kryo settings, with spills forced
 * every 3 records on both shuffle sides (a group spans spill files and map outputs), keys whose
 * {@code hashCode}s collide ({@code "Aa"}/{@code "BB"}; {@code ""}, NUL and NUL NUL all hash to 0),
 * and values on both sides of Kryo's 4 KiB stream buffer ({@link KryoRecords}' direct path).
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class SortedShuffleSpillTest {
    static JavaSparkContext sc;
    /** Bytes the tasks spilled to disk (the test is void unless groups were spilled). */
    static final java.util.concurrent.atomic.AtomicLong SPILLED = new java.util.concurrent.atomic.AtomicLong();

    static final String[] KEYS = {"Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB", "", "\u0000", "\u0000\u0000",
        "\u0000-", "r\u00001", "\uD800", "é"};
    static final int[] SIZES = {4, 100, 4095, 4096, 5000, 70_000};

    /** Spark's default: a shuffle of up to 200 partitions takes the bypass writer (one file per partition). */
    String bypassMergeThreshold() {
        return "200";
    }

    @BeforeAll
    void start() {
        start("spark.shuffle.sort.bypassMergeThreshold", bypassMergeThreshold());
    }

    /** A context with the runner's Kryo settings, spills every 3 records, and one more setting. */
    static void start(String key, String value) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("sorted-shuffle-spill-test").set(key, value)
                .set("spark.ui.enabled", "false")
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.shuffle.spill.numElementsForceSpillThreshold", "3");
        SparkRunner.serialization(conf);
        sc = new JavaSparkContext(conf);
        SPILLED.set(0);
        sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    SPILLED.addAndGet(end.taskMetrics().diskBytesSpilled());
                }
            }
        });
    }

    @AfterAll
    void stop() {
        sc.stop();
    }

    /** A value: its id in the first 4 bytes, then {@code size - 4} bytes derived from the id. */
    static byte[] value(int id, int size) {
        byte[] b = new byte[size];
        ByteBuffer.wrap(b).putInt(id);
        for (int i = 4; i < size; i++) {
            b[i] = (byte) (id * 31 + i);
        }
        return b;
    }

    /** The id of {@link #value}, after checking every byte. */
    static int id(byte[] b) {
        int id = ByteBuffer.wrap(b).getInt();
        for (int i = 4; i < b.length; i++) {
            if (b[i] != (byte) (id * 31 + i)) {
                throw new AssertionError("value " + id + " differs at byte " + i);
            }
        }
        return id;
    }

    @Test
    void eachKeyIsOneGroupWithAllItsValuesAcrossSpills() {
        List<Tuple2<String, byte[]>> pairs = new ArrayList<>();
        Map<String, List<Integer>> expected = new TreeMap<>();
        int id = 0;
        for (int round = 0; round < 4; round++) {
            for (String k : KEYS) {
                pairs.add(new Tuple2<>(k, value(id, SIZES[id % SIZES.length])));
                expected.computeIfAbsent(k, x -> new ArrayList<>()).add(id);
                id++;
            }
        }
        List<Tuple2<String, List<Integer>>> groups = sc.parallelizePairs(pairs, 3)
                .repartitionAndSortWithinPartitions(new HashPartitioner(2))
                .mapPartitions(it -> {
                    List<Tuple2<String, List<Integer>>> out = new ArrayList<>();
                    Tasks.runs(it).forEachRemaining(g -> {
                        List<Integer> ids = new ArrayList<>();
                        g._2().forEach(b -> ids.add(id(b)));
                        ids.sort(null);
                        out.add(new Tuple2<>(g._1(), ids));
                    });
                    return out.iterator();
                }).collect();
        Map<String, List<Integer>> seen = new TreeMap<>();
        for (Tuple2<String, List<Integer>> g : groups) {
            assertThat(seen.put(g._1(), g._2())).as("key %s seen twice", g._1()).isNull();
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(groups).hasSize(KEYS.length);
        waitForListeners();
        assertThat(SPILLED.get()).as("bytes spilled").isPositive();
    }

    private static void waitForListeners() {
        for (int i = 0; i < 100 && SPILLED.get() == 0; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aUnitsDocumentsAndRowMeetAcrossSpills() {
        List<Tuple2<String, Object>> pairs = new ArrayList<>();
        int id = 0;
        for (int round = 0; round < 3; round++) {
            for (String k : KEYS) {
                pairs.add(new Tuple2<>(k, value(id, SIZES[id % SIZES.length])));
                id++;
            }
        }
        for (String k : KEYS) {
            pairs.add(new Tuple2<>(k, new Tasks.ClusterRow(k, "kept" + k, k.length(), null, "", -1)));
        }
        List<String> units = sc.parallelizePairs(pairs, 4)
                .repartitionAndSortWithinPartitions(new HashPartitioner(3))
                .mapPartitions(it -> {
                    List<String> out = new ArrayList<>();
                    Tasks.units(it).forEachRemaining(u -> {
                        List<Integer> ids = new ArrayList<>();
                        u._2()._1().forEach(b -> ids.add(id(b)));
                        ids.sort(null);
                        List<String> rows = new ArrayList<>();
                        u._2()._2().forEach(r -> rows.add(r.unit() + "/" + r.keptUnit() + "/" + r.size()
                                + "/" + r.comparison() + "/" + r.comparedUnit() + "/" + r.unchecked()));
                        out.add(u._1() + " " + ids + " " + rows);
                    });
                    return out.iterator();
                }).collect();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < KEYS.length; k++) {
            String key = KEYS[k];
            expected.add(key + " " + List.of(k, k + KEYS.length, k + 2 * KEYS.length) + " "
                    + List.of(key + "/kept" + key + "/" + key.length() + "/null//-1"));
        }
        assertThat(units).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void recordsOnDiskReadBackWhole() {
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            recs.add(new Rec(Rec.DOC, KEYS[i % KEYS.length], value(i, SIZES[i % SIZES.length])));
        }
        recs.add(new Rec(Rec.BRANCH, null, null));
        recs.add(new Rec(Rec.STATS, "", new byte[0]));
        var kept = sc.parallelize(recs, 3).persist(StorageLevel.DISK_ONLY());
        assertThat(kept.count()).isEqualTo(26);
        List<String> back = kept.map(r -> r.kind + ":" + r.key + ":"
                + (r.data == null ? "null" : r.data.length == 0 ? "empty" : "v" + id(r.data) + "/" + r.data.length)).collect();
        List<String> expected = new ArrayList<>();
        for (Rec r : recs) {
            expected.add(r.kind + ":" + r.key + ":"
                    + (r.data == null ? "null" : r.data.length == 0 ? "empty" : "v" + id(r.data) + "/" + r.data.length));
        }
        assertThat(back).containsExactlyElementsOf(expected);
        kept.unpersist(true);
    }
}
