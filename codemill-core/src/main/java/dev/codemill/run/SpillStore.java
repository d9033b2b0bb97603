package dev.codemill.run;

import dev.codemill.model.Document;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash-partitioned spill files on disk: values are appended to the partition of their key, and
 * a partition is read back whole (and deleted). This keeps the runner's memory bounded by one
 * partition instead of the corpus. Appends are synchronized per partition; the order inside a
 * file depends on thread timing, so readers sort what they read.
 *
 * @param <T> the spilled value (documents, ledger rows, cluster records)
 */
final class SpillStore<T> implements AutoCloseable {
    /** Binary form of a spilled value. */
    interface Codec<T> {
        void write(T value, DataOutput out) throws IOException;

        T read(DataInput in) throws IOException;
    }

    static final Codec<Document> DOCUMENTS = new Codec<>() {
        @Override
        public void write(Document value, DataOutput out) throws IOException {
            DocumentCodec.write(value, out);
        }

        @Override
        public Document read(DataInput in) throws IOException {
            return DocumentCodec.read(in);
        }
    };

    static final Codec<LedgerRow> LEDGER = new Codec<>() {
        @Override
        public void write(LedgerRow value, DataOutput out) throws IOException {
            DocumentCodec.writeLedger(value, out);
        }

        @Override
        public LedgerRow read(DataInput in) throws IOException {
            return DocumentCodec.readLedger(in);
        }
    };

    private final Path dir;
    private final Codec<T> codec;
    private final DataOutputStream[] outs;
    private final Object[] locks;

    SpillStore(Path dir, int partitions, Codec<T> codec) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.codec = codec;
        this.outs = new DataOutputStream[partitions];
        this.locks = new Object[partitions];
        for (int i = 0; i < partitions; i++) {
            locks[i] = new Object();
        }
    }

    int partitions() {
        return outs.length;
    }

    /** The partition of a key: {@code floorMod(key.hashCode(), partitions)} (String hashCode is specified). */
    int partitionOf(String key) {
        return Math.floorMod(key.hashCode(), outs.length);
    }

    /**
     * The partition of a 64-bit key (a bucket or union-find key): its high bits after the
     * SplitMix64 finaliser, so that keys that are prefixes of ids still spread evenly.
     */
    int partitionOf(long key) {
        long z = (key ^ (key >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) outs.length);
    }

    void append(String key, T value) {
        appendTo(partitionOf(key), value);
    }

    /** Appends to partition {@code p} directly (0 ≤ p &lt; {@link #partitions()}). */
    void appendTo(int p, T value) {
        synchronized (locks[p]) {
            try {
                if (outs[p] == null) {
                    outs[p] = new DataOutputStream(new BufferedOutputStream(openOwnerOnly(file(p)), 1 << 16));
                }
                codec.write(value, outs[p]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spill file " + file(p), e);
            }
        }
    }

    /**
     * Opens {@code f} for writing, created owner-only ({@code rw-------} on POSIX file systems):
     * spills hold documents as read, before redaction (issue 14 §4).
     */
    static java.io.OutputStream openOwnerOnly(Path f) throws IOException {
        java.util.Set<java.nio.file.StandardOpenOption> opts = java.util.EnumSet.of(java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        if (POSIX) {
            return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(f, opts,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))));
        }
        return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(f, opts));
    }

    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private Path file(int p) {
        return dir.resolve(String.format("spill-%05d.bin", p));
    }

    /** Closes all writers; call before reading. */
    @Override
    public void close() throws IOException {
        for (int p = 0; p < outs.length; p++) {
            synchronized (locks[p]) {
                if (outs[p] != null) {
                    outs[p].close();
                    outs[p] = null;
                }
            }
        }
    }

    /** Reads partition {@code p} whole, in file order, and deletes its file. */
    List<T> read(int p) throws IOException {
        return read(p, true);
    }

    /** Reads partition {@code p} whole, in file order; deletes its file when {@code delete}. */
    List<T> read(int p, boolean delete) throws IOException {
        List<T> values = new ArrayList<>();
        Path f = file(p);
        if (!Files.exists(f)) {
            return values;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            while (true) {
                in.mark(1);
                if (in.read() < 0) {
                    break;
                }
                in.reset();
                try {
                    values.add(codec.read(in));
                } catch (EOFException e) {
                    throw new IOException("truncated spill file " + f, e);
                }
            }
        }
        if (delete) {
            Files.delete(f);
        }
        return values;
    }
}
