package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.run.ClusterUnits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * The runner's Kryo settings ({@link SparkRunner#serialization}) and its registered serializers
 * ({@link KryoRecords}): exact bytes of a record, round trips of every registered class with
 * registration required (an unregistered class fails), and a user's own serializer kept.
 */
class KryoRecordsTest {

    private static SparkConf conf() {
        SparkConf conf = new SparkConf(false);
        SparkRunner.serialization(conf);
        return conf.set("spark.kryo.registrationRequired", "true");
    }

    private static final SerializerInstance KRYO = new KryoSerializer(conf()).newInstance();

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ByteBuffer bytes = KRYO.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) KRYO.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void settingsAreDefaultsAUserSettingWins() {
        SparkConf defaults = new SparkConf(false);
        SparkRunner.serialization(defaults);
        assertThat(defaults.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.KryoSerializer");
        assertThat(defaults.get("spark.kryo.registrator")).isEqualTo("dev.codemill.spark.KryoRecords");
        assertThat(defaults.get("spark.kryo.referenceTracking")).isEqualTo("false");
        assertThat(defaults.get("spark.shuffle.checksum.algorithm")).isEqualTo("CRC32");
        SparkConf own = new SparkConf(false).set("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        SparkRunner.serialization(own);
        assertThat(own.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.JavaSerializer");
    }

    @Test
    void aRecordIsItsKindKeyAndBytes() {
        Kryo kryo = new KryoSerializer(conf()).newKryo();
        Output out = new Output(64);
        kryo.writeObject(out, new Rec(Rec.LEDGER, "ab", new byte[] {7, 8, 9}));
        // 'L'; Kryo's ASCII string ("ab", the last char with its high bit set); length + 1 as a varint; the bytes
        assertThat(out.toBytes()).containsExactly('L', 'a', 'b' | 0x80, 4, 7, 8, 9);
        Rec back = kryo.readObject(new Input(out.toBytes()), Rec.class);
        assertThat(back.kind).isEqualTo(Rec.LEDGER);
        assertThat(back.key).isEqualTo("ab");
        assertThat(back.data).containsExactly(7, 8, 9);
    }

    @Test
    void recordsRoundTrip() {
        Document d = Document.ofText(DocId.of("file:r/a.py"), new SourceRef("in", "r", "a.py"), "print('é')\n",
                Annotations.EMPTY);
        Rec doc = roundTrip(Rec.doc("r", d));
        assertThat(doc.kind).isEqualTo(Rec.DOC);
        assertThat(doc.key).isEqualTo("r");
        assertThat(doc.document().text()).isEqualTo("print('é')\n");
        assertThat(doc.document().id()).isEqualTo(d.id());
        Rec empty = roundTrip(new Rec(Rec.STATS, "", new byte[0]));
        assertThat(empty.key).isEmpty();
        assertThat(empty.data).isEmpty();
        Rec nulls = roundTrip(new Rec(Rec.BRANCH, null, null));
        assertThat(nulls.key).isNull();
        assertThat(nulls.data).isNull();

        ClusterUnits.Unit unit = roundTrip(new ClusterUnits.Unit("u1", "0003", new byte[] {1, 2}));
        assertThat(unit.unit()).isEqualTo("u1");
        assertThat(unit.rank()).isEqualTo("0003");
        assertThat(unit.payload()).containsExactly(1, 2);

        Tasks.ClusterRow row = roundTrip(new Tasks.ClusterRow("u2", "u1", 3, null, "u1", -1));
        assertThat(row).isEqualTo(new Tasks.ClusterRow("u2", "u1", 3, null, "u1", -1));

        RunStats stats = new RunStats();
        stats.metric("quality", "checked", 42);
        stats.warning("license", "no text");
        RunStats back = roundTrip(stats);
        assertThat(back.metric("quality", "checked")).isEqualTo(42);
        assertThat(back.warnings()).isEqualTo(stats.warnings());

        // a shuffle record of a group stage, and a read task's split list
        Tuple2<String, byte[]> pair = roundTrip(new Tuple2<>("repo", new byte[] {5}));
        assertThat(pair._1()).isEqualTo("repo");
        assertThat(pair._2()).containsExactly(5);
        ArrayList<Object> list = roundTrip(new ArrayList<>(List.of("x", 1L)));
        assertThat(list).containsExactly("x", 1L);

        // the near-dedup components on the driver: a persisted partition of edges, the broadcast labels
        assertThat(roundTrip(new long[] {-7L, 3L, 3L, 9L})).containsExactly(-7L, 3L, 3L, 9L);
        DriverComponents.Labels labels = roundTrip(DriverComponents.labels(List.of(new long[] {9L, 3L, 3L, -7L}, new long[] {20L, 21L})));
        assertThat(labels.asMap()).isEqualTo(java.util.Map.of(-7L, -7L, 3L, -7L, 9L, -7L, 20L, 20L, 21L, 20L));
    }
    /** Records of every size through a stream (a persisted block, a shuffle file plain or under lz4), in order. */
    @Test
    void largeAndSmallRecordsStreamBackInOrder() throws Exception {
        List<Rec> recs = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        int[] sizes = {0, 1, 4095, 4096, 4097, 100_000, 3, 70_000, 12, 1 << 20};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            random.nextBytes(b);
            recs.add(new Rec(Rec.DOC, "k" + i, b));
        }
        recs.add(new Rec(Rec.BRANCH, null, null));
        org.apache.spark.io.CompressionCodec lz4 = org.apache.spark.io.CompressionCodec$.MODULE$.createCodec(conf(), "lz4");
        for (boolean compressed : new boolean[] {false, true}) {
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            java.io.OutputStream os = compressed ? lz4.compressedOutputStream(file) : file;
            var out = KRYO.serializeStream(os);
            for (Rec r : recs) {
                out.writeObject(r, ClassTag$.MODULE$.apply(Object.class));
            }
            out.close();
            byte[] bytes = file.toByteArray();
            java.io.InputStream is = new java.io.ByteArrayInputStream(bytes);
            var in = KRYO.deserializeStream(compressed ? lz4.compressedInputStream(is) : is);
            for (Rec r : recs) {
                Rec back = (Rec) in.readObject(ClassTag$.MODULE$.apply(Object.class));
                assertThat(back.key).isEqualTo(r.key);
                assertThat(back.data).isEqualTo(r.data);
            }
            in.close();
            if (!compressed) {
                // a stream cut inside the last large record's bytes fails loudly
                var cut = KRYO.deserializeStream(new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(bytes, bytes.length - 10)));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    for (int i = 0; i < recs.size(); i++) {
                        cut.readObject(ClassTag$.MODULE$.apply(Object.class));
                    }
                }).isInstanceOf(com.esotericsoftware.kryo.KryoException.class);
            }
        }
    }
}
