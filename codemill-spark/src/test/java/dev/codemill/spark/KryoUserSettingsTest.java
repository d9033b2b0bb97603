package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import dev.codemill.run.ClusterUnits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.KryoRegistrator;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The runner's Kryo records under settings a user may add with {@code --conf}: a registrator of
 * their own (Spark takes a comma-separated list) and {@code spark.kryo.unsafe}.
 */
class KryoUserSettingsTest {
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

    /** A user's own registrator: registers a class of theirs. */
    public static final class Own implements KryoRegistrator {
        @Override
        public void registerClasses(Kryo kryo) {
            kryo.register(java.util.UUID.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance kryo, T value) {
        ByteBuffer bytes = kryo.serialize(value, ANY);
        return (T) kryo.deserialize(bytes, ANY);
    }

    @Test
    void aUsersOwnRegistratorRunsBesidesTheRunners() {
        SparkConf conf = new SparkConf(false).set("spark.kryo.registrator", Own.class.getName())
                .set("spark.kryo.registrationRequired", "true");
        SparkRunner.serialization(conf);
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();
        // without KryoRecords a Java record has no serializer Kryo 4 can build ("can't get field offset on a record class")
        ClusterUnits.Unit unit = roundTrip(kryo, new ClusterUnits.Unit("u1", "0003", new byte[] {1, 2}));
        assertThat(unit.unit()).isEqualTo("u1");
        assertThat(unit.rank()).isEqualTo("0003");
        assertThat(unit.payload()).containsExactly(1, 2);
        Rec rec = roundTrip(kryo, new Rec(Rec.DOC, "r", new byte[] {9}));
        assertThat(rec.key).isEqualTo("r");
        assertThat(rec.data).containsExactly(9);
        java.util.UUID id = new java.util.UUID(1, 2);
        assertThat(roundTrip(kryo, id)).isEqualTo(id);
        assertThat(conf.get("spark.kryo.registrator")).isEqualTo(Own.class.getName() + "," + KryoRecords.class.getName());
        // named already (in any place of the list): not added twice
        SparkConf both = new SparkConf(false).set("spark.kryo.registrator",
                KryoRecords.class.getName() + ", " + Own.class.getName());
        SparkRunner.serialization(both);
        assertThat(both.get("spark.kryo.registrator")).isEqualTo(KryoRecords.class.getName() + ", " + Own.class.getName());
    }

    @Test
    void recordsStreamBackUnderKryosUnsafeIo() {
        SparkConf conf = new SparkConf(false).set("spark.kryo.unsafe", "true").set("spark.kryo.registrationRequired", "true");
        SparkRunner.serialization(conf);
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();
        List<Rec> recs = new ArrayList<>();
        int[] sizes = {0, 3, 4095, 4096, 4097, 70_000, 1};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            java.util.Arrays.fill(b, (byte) (i + 1));
            recs.add(new Rec(Rec.DOC, "k" + i, b));
        }
        recs.add(new Rec(Rec.BRANCH, null, null));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SerializationStream out = kryo.serializeStream(file);
        recs.forEach(r -> out.writeObject(r, ANY));
        out.close();
        DeserializationStream in = kryo.deserializeStream(new ByteArrayInputStream(file.toByteArray()));
        for (Rec r : recs) {
            Rec back = (Rec) in.readObject(ANY);
            assertThat(back.key).isEqualTo(r.key);
            assertThat(back.data).isEqualTo(r.data);
        }
        in.close();
        Rec one = roundTrip(kryo, recs.get(5));
        assertThat(one.data).isEqualTo(recs.get(5).data);
    }
}
