package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A block cut inside a record (a persisted step's file, an uncompressed shuffle block) is an error,
 * never fewer records: Spark's Kryo stream iterator takes Kryo's "buffer underflow" for the end of
 * the block, so the runner's serializers must not let one escape from inside a record.
 */
class KryoTruncationTest {
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

    private static SerializerInstance kryo() {
        SparkConf conf = new SparkConf(false).set("spark.kryo.registrationRequired", "true");
        SparkRunner.serialization(conf);
        return new KryoSerializer(conf).newInstance();
    }

    private static byte[] stream(SerializerInstance kryo, List<Object> records) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SerializationStream out = kryo.serializeStream(file);
        records.forEach(r -> out.writeObject(r, ANY));
        out.close();
        return file.toByteArray();
    }

    private static int readAll(SerializerInstance kryo, byte[] bytes) {
        Iterator<Object> it = kryo.deserializeStream(new ByteArrayInputStream(bytes)).asIterator();
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    @Test
    void aBlockCutInsideARecordsKeyIsAnError() {
        SerializerInstance kryo = kryo();
        // the last record: class id, 'D', the 14 chars of its key, length + 1, 3 bytes
        byte[] bytes = stream(kryo, List.of(new Rec(Rec.DOC, "k0", new byte[] {1}),
                new Rec(Rec.DOC, "key-number-one", new byte[] {1, 2, 3})));
        assertThat(readAll(kryo, bytes)).isEqualTo(2);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 6); // ends inside the key
        assertThatThrownBy(() -> readAll(kryo, cut)).hasMessageContaining("truncated");
        byte[] afterKind = Arrays.copyOf(bytes, bytes.length - 19); // ends right after the kind byte
        assertThatThrownBy(() -> readAll(kryo, afterKind)).hasMessageContaining("truncated");
    }

    @Test
    void aBlockCutInsideAUnitOrClusterRowIsAnError() {
        SerializerInstance kryo = kryo();
        List<Object> records = new ArrayList<>();
        records.add(new dev.codemill.run.ClusterUnits.Unit("unit-one", "rank-0001", new byte[] {4, 5}));
        records.add(new Tasks.ClusterRow("unit-two", "unit-one", 2, "jaccard", "unit-one", 0));
        byte[] bytes = stream(kryo, records);
        assertThat(readAll(kryo, bytes)).isEqualTo(2);
        for (int cut = 1; cut < 30; cut++) {
            byte[] part = Arrays.copyOf(bytes, bytes.length - cut);
            // a cut at a record boundary reads one record fewer: Spark's end of block, which no serializer can tell apart
            if (cut == bytes.length - stream(kryo, records.subList(0, 1)).length) {
                continue;
            }
            assertThatThrownBy(() -> readAll(kryo, part)).as("cut %d bytes", cut).hasMessageContaining("truncated");
        }
    }
}
