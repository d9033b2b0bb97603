package dev.codemill.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.codemill.metrics.RunStats;
import dev.codemill.run.ClusterUnits;
import dev.codemill.run.PartitionWrite;
import dev.codemill.spark.storage.SplitRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * The classes of the runner that cross Spark (shuffles, persisted steps, task results, the read
 * tasks' split lists) for Spark's {@code KryoSerializer} ({@link SparkRunner#conf} sets both).
 * A {@link Rec} is its kind byte, its key and its bytes, and a record's bytes of 4 KiB or more go
 * to and come from the stream below Kryo's buffer in one call ({@link #writeBytes}): under Java
 * serialisation reading the persisted steps back cost system calls per record
 * ({@code FileInputStream.available} under {@code ObjectInputStream}), under Kryo with its fixed
 * 4 KiB stream buffer one system call per 4 KiB (docs/spark.md, "How records travel").
 *
 * <p>Records (Java {@code record} classes) get their own serializer: Kryo 4's field serializer
 * cannot set a record's final fields. The few per-task objects with their own Java
 * serialisation ({@link RunStats}, {@link PartitionWrite.Written}, {@link SplitRef}, the broadcast
 * {@link DriverComponents.Labels}) keep it
 * (Kryo's {@link JavaSerializer}), so their values are exactly what they were. Documents,
 * ledger rows and memberships stay in core's {@code DocumentCodec} form inside a {@link Rec}:
 * the bytes of a record are the same under either serializer.
 */
public final class KryoRecords implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Rec.class, new RecSerializer());
        kryo.register(ClusterUnits.Unit.class, new UnitSerializer());
        kryo.register(Tasks.ClusterRow.class, new ClusterRowSerializer());
        kryo.register(RunStats.class, new JavaSerializer());
        kryo.register(PartitionWrite.Written.class, new JavaSerializer());
        kryo.register(SplitRef.class, new JavaSerializer());
        kryo.register(DriverComponents.Labels.class, new JavaSerializer());
        kryo.register(ArrayList.class);
        kryo.register(byte[][].class);
        kryo.register(Rec[].class);
    }

    /** Kind byte, key, length and bytes of the data. */
    static final class RecSerializer extends Serializer<Rec> {
        RecSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output out, Rec r) {
            out.writeByte(r.kind);
            out.writeString(r.key);
            writeBytes(out, r.data);
        }

        @Override
        public Rec read(Kryo kryo, Input in, Class<Rec> type) {
            try {
                byte kind = in.readByte();
                String key = in.readString();
                return new Rec(kind, key, readBytes(in));
            } catch (KryoException e) {
                throw truncated(e, "Rec");
            }
        }
    }

    /** Unit key, rank, payload. */
    static final class UnitSerializer extends Serializer<ClusterUnits.Unit> {
        UnitSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output out, ClusterUnits.Unit u) {
            out.writeString(u.unit());
            out.writeString(u.rank());
            writeBytes(out, u.payload());
        }

        @Override
        public ClusterUnits.Unit read(Kryo kryo, Input in, Class<ClusterUnits.Unit> type) {
            try {
                String unit = in.readString();
                String rank = in.readString();
                return new ClusterUnits.Unit(unit, rank, readBytes(in));
            } catch (KryoException e) {
                throw truncated(e, "cluster unit");
            }
        }
    }

    /** The six fields of a {@link Tasks.ClusterRow} in order (strings may be null). */
    static final class ClusterRowSerializer extends Serializer<Tasks.ClusterRow> {
        ClusterRowSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output out, Tasks.ClusterRow r) {
            out.writeString(r.unit());
            out.writeString(r.keptUnit());
            out.writeInt(r.size(), true);
            out.writeString(r.comparison());
            out.writeString(r.comparedUnit());
            out.writeInt(r.unchecked(), true);
        }

        @Override
        public Tasks.ClusterRow read(Kryo kryo, Input in, Class<Tasks.ClusterRow> type) {
            try {
                String unit = in.readString();
                String kept = in.readString();
                int size = in.readInt(true);
                String comparison = in.readString();
                String compared = in.readString();
                return new Tasks.ClusterRow(unit, kept, size, comparison, compared, in.readInt(true));
            } catch (KryoException e) {
                throw truncated(e, "cluster row");
            }
        }
    }

    /**
     * A byte array that may be null: its length plus one (0 for null), then the bytes. Spark's Kryo
     * streams buffer 4 KiB ({@code new Output(stream)}), so a document's bytes copied through that
     * buffer reached the file in 4 KiB writes; an array at least as large as the buffer goes to the
     * stream below in one write, after the bytes buffered before it (not {@code flush()}: that would
     * also flush an lz4 stream below, ending its block early). In memory (no stream) it is copied.
     */
    private static void writeBytes(Output out, byte[] b) {
        if (b == null) {
            out.writeInt(0, true);
            return;
        }
        out.writeInt(b.length + 1, true);
        OutputStream stream = out.getOutputStream();
        if (stream == null || b.length < out.getBuffer().length) {
            out.writeBytes(b);
            return;
        }
        try {
            stream.write(out.getBuffer(), 0, out.position());
            out.setPosition(0);
            stream.write(b);
        } catch (IOException e) {
            throw new KryoException(e);
        }
    }

    /**
     * Kryo's "buffer underflow" from inside a record: Spark's Kryo stream iterator takes that message
     * for the end of the block and would end it there silently, one record short; the stream ended
     * inside the record, so it is an error under another message.
     */
    private static KryoException truncated(KryoException e, String what) {
        String message = e.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("buffer underflow")) {
            return new KryoException("truncated stream: it ends inside a " + what, e);
        }
        return e;
    }

    /** The array of {@link #writeBytes}: what the input buffer holds, the rest straight from its stream. */
    private static byte[] readBytes(Input in) {
        int n = in.readInt(true);
        if (n == 0) {
            return null;
        }
        int length = n - 1;
        InputStream stream = in.getInputStream();
        int buffered = in.limit() - in.position();
        if (stream == null || length <= buffered) {
            return in.readBytes(length);
        }
        long total = in.total();
        byte[] b = new byte[length];
        System.arraycopy(in.getBuffer(), in.position(), b, 0, buffered);
        in.setPosition(in.limit());
        try {
            int got = buffered;
            while (got < length) {
                int r = stream.read(b, got, length - got);
                if (r < 0) {
                    // not "buffer underflow": Spark reads that as the stream's end and would stop without an error
                    throw new KryoException("truncated stream: a record's bytes end after " + got + " of " + length);
                }
                got += r;
            }
        } catch (IOException e) {
            throw new KryoException(e);
        }
        in.setTotal(total + length - in.limit());
        return b;
    }
}
