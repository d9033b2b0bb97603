package dev.codemill.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The records the local runner spills between the steps of a cluster stage ({@link ClusterPhase}), and their codecs. */
final class ClusterRecords {
    private ClusterRecords() {
    }

    /** One bucket key of one unit (64-bit union-find key of the unit). */
    record BucketEntry(long bucket, long unitKey) {
    }

    /** One link between two units' keys. */
    record Edge(long a, long b) {
    }

    /** A clustered unit, filed under its component's root key. */
    record RootEntry(long root, ClusterUnits.Unit unit) {
    }

    /** A clustered unit's cluster, filed under the unit. */
    record ClusterEntry(String unit, String keptUnit, int size, String comparison, String comparedUnit, int unchecked) {
    }

    static final SpillStore.Codec<ClusterUnits.Unit> UNITS = new SpillStore.Codec<>() {
        @Override
        public void write(ClusterUnits.Unit v, DataOutput out) throws IOException {
            writeUnit(v, out);
        }

        @Override
        public ClusterUnits.Unit read(DataInput in) throws IOException {
            return readUnit(in);
        }
    };

    static final SpillStore.Codec<BucketEntry> BUCKETS = new SpillStore.Codec<>() {
        @Override
        public void write(BucketEntry v, DataOutput out) throws IOException {
            out.writeLong(v.bucket());
            out.writeLong(v.unitKey());
        }

        @Override
        public BucketEntry read(DataInput in) throws IOException {
            return new BucketEntry(in.readLong(), in.readLong());
        }
    };

    static final SpillStore.Codec<Edge> EDGES = new SpillStore.Codec<>() {
        @Override
        public void write(Edge v, DataOutput out) throws IOException {
            out.writeLong(v.a());
            out.writeLong(v.b());
        }

        @Override
        public Edge read(DataInput in) throws IOException {
            return new Edge(in.readLong(), in.readLong());
        }
    };

    static final SpillStore.Codec<RootEntry> ROOTS = new SpillStore.Codec<>() {
        @Override
        public void write(RootEntry v, DataOutput out) throws IOException {
            out.writeLong(v.root());
            writeUnit(v.unit(), out);
        }

        @Override
        public RootEntry read(DataInput in) throws IOException {
            return new RootEntry(in.readLong(), readUnit(in));
        }
    };

    static final SpillStore.Codec<ClusterEntry> CLUSTERS = new SpillStore.Codec<>() {
        @Override
        public void write(ClusterEntry v, DataOutput out) throws IOException {
            DocumentCodec.writeString(out, v.unit());
            DocumentCodec.writeString(out, v.keptUnit());
            out.writeInt(v.size());
            DocumentCodec.writeString(out, v.comparison());
            DocumentCodec.writeString(out, v.comparedUnit());
            out.writeInt(v.unchecked());
        }

        @Override
        public ClusterEntry read(DataInput in) throws IOException {
            return new ClusterEntry(DocumentCodec.readString(in), DocumentCodec.readString(in), in.readInt(),
                    DocumentCodec.readString(in), DocumentCodec.readString(in), in.readInt());
        }
    };

    private static void writeUnit(ClusterUnits.Unit v, DataOutput out) throws IOException {
        DocumentCodec.writeString(out, v.unit());
        DocumentCodec.writeString(out, v.rank());
        out.writeInt(v.payload().length);
        out.write(v.payload());
    }

    private static ClusterUnits.Unit readUnit(DataInput in) throws IOException {
        String unit = DocumentCodec.readString(in);
        String rank = DocumentCodec.readString(in);
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new ClusterUnits.Unit(unit, rank, payload);
    }
}
