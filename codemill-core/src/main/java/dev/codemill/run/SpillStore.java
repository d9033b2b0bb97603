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
import java.io.InputStream;
import java.io.OutputStream;
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
 * <p>Files are owner-only ({@code rw-------}, in the owner-only work folder) and hold frames:
 * a 4-byte tag ({@link #TAG}: which split wrote it, for {@link Checkpoint}), a 4-byte length and
 * the codec's bytes. A frame is encoded once into a per-thread {@link SpillOutput}, outside the
 * partition's lock, and appended in one write; a reader reads a frame's bytes whole and decodes
 * them from a {@link SpillInput}, which ends at the frame's end: a codec that reads more or fewer
 * bytes than its frame holds is a corrupt spill file. Writers append, so a resumed run adds to what the crashed one committed.
 * In a work folder with {@link Checkpoint} markers, reads keep the files (a resumed phase reads
 * its input again); the checkpoint deletes a phase's input after the phase's marker.
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

    /**
     * The checkpoint tag of the frames the current thread appends: the split index + 1 while a
     * split is read ({@link Checkpoint#readSplit}), 0 otherwise. A resume keeps the frames of
     * finished splits only.
     */
    static final ThreadLocal<Integer> TAG = ThreadLocal.withInitial(() -> 0);

    /** Live stores, so that a checkpoint can flush every store of a work folder. */
    private static final java.util.Set<SpillStore<?>> LIVE =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private final Path dir;
    private final Codec<T> codec;
    private final OutputStream[] outs;
    private final Object[] locks;
    /** Reads keep the files (a checkpointed work folder: a resumed phase reads its input again). */
    private final boolean retain;

    SpillStore(Path dir, int partitions, Codec<T> codec) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.codec = codec;
        this.outs = new OutputStream[partitions];
        this.locks = new Object[partitions];
        for (int i = 0; i < partitions; i++) {
            locks[i] = new Object();
        }
        this.retain = WorkDir.checkpointed(dir);
        LIVE.add(this);
    }

    /** Flushes the open writers of every live store under {@code root} (a checkpoint's work folder). */
    static void flushAll(Path root) throws IOException {
        List<SpillStore<?>> stores;
        synchronized (LIVE) {
            stores = new ArrayList<>(LIVE);
        }
        for (SpillStore<?> s : stores) {
            if (s.dir.startsWith(root)) {
                s.flush();
            }
        }
    }

    /** Flushes every open partition writer (the bytes reach the OS: they survive a kill -9). */
    void flush() throws IOException {
        for (int p = 0; p < outs.length; p++) {
            synchronized (locks[p]) {
                if (outs[p] != null) {
                    outs[p].flush();
                }
            }
        }
    }

    /** The folder of the partition files. */
    Path dir() {
        return dir;
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
        // A frame: tag, payload length, payload. The length lets a resume filter frames by tag
        // without knowing the codec, and find a frame torn by a kill.
        SpillOutput frame = FRAME.get();
        frame.reset();
        try {
            frame.writeInt(TAG.get());
            frame.writeInt(0);
            codec.write(value, frame);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a value for spill file " + file(p), e);
        }
        frame.putInt(4, frame.size() - 8);
        synchronized (locks[p]) {
            try {
                if (outs[p] == null) {
                    outs[p] = new BufferedOutputStream(openOwnerOnly(file(p)), 1 << 16);
                }
                outs[p].write(frame.array(), 0, frame.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spill file " + file(p), e);
            }
        }
        if (frame.capacity() > KEPT_FRAME) {
            FRAME.remove(); // a huge document's frame is not kept for the thread's life
        }
    }

    /** Largest frame array a thread keeps between appends or reads (larger ones are dropped after use). */
    private static final int KEPT_FRAME = 1 << 20;
    private static final ThreadLocal<SpillOutput> FRAME = ThreadLocal.withInitial(() -> new SpillOutput(1 << 14));
    private static final ThreadLocal<byte[]> READ_FRAME = ThreadLocal.withInitial(() -> new byte[1 << 14]);

    /**
     * Opens {@code f} for appending, created owner-only ({@code rw-------} on POSIX file systems):
     * spills hold documents as read, before redaction (issue 14 §4), and appending never loses
     * what a resumed run kept.
     */
    static java.io.OutputStream openOwnerOnly(Path f) throws IOException {
        java.util.Set<java.nio.file.StandardOpenOption> opts = java.util.EnumSet.of(java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
        if (POSIX) {
            return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(f, opts,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))));
        }
        return java.nio.channels.Channels.newOutputStream(Files.newByteChannel(f, opts));
    }

    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** The partition a spill file holds, from its name, or -1 for another file. */
    static int partitionOfFile(String name) {
        if (name.length() == 15 && name.startsWith("spill-") && name.endsWith(".bin")) {
            try {
                return Integer.parseInt(name.substring(6, 11));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

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

    /**
     * Reads partition {@code p} whole, in file order; deletes its file when {@code delete}, unless
     * the store lies in a checkpointed work folder (then the file stays until the checkpoint
     * removes the phase's input).
     */
    List<T> read(int p, boolean delete) throws IOException {
        List<T> values = new ArrayList<>();
        Path f = file(p);
        if (!Files.exists(f)) {
            return values;
        }
        byte[] header = new byte[8];
        byte[] payload = READ_FRAME.get();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            while (true) {
                int got = in.readNBytes(header, 0, 8);
                if (got == 0) {
                    break;
                }
                if (got < 8) {
                    throw new IOException("truncated spill file " + f + " (a frame header of " + got + " bytes)");
                }
                int n = (header[4] & 0xff) << 24 | (header[5] & 0xff) << 16 | (header[6] & 0xff) << 8 | header[7] & 0xff;
                if (n < 0) {
                    throw new IOException("corrupt spill file " + f + " (frame length " + n + ")");
                }
                if (n > payload.length) {
                    payload = new byte[Math.max(n, Math.min(2 * payload.length, KEPT_FRAME))];
                    if (payload.length <= KEPT_FRAME) {
                        READ_FRAME.set(payload);
                    }
                }
                if (in.readNBytes(payload, 0, n) < n) {
                    throw new IOException("truncated spill file " + f + " (a frame of " + n + " bytes)");
                }
                SpillInput frame = new SpillInput(payload, 0, n);
                try {
                    values.add(codec.read(frame));
                } catch (EOFException e) {
                    throw new IOException("corrupt spill file " + f + " (a value reads past its frame of " + n + " bytes)", e);
                }
                if (frame.remaining() != 0) {
                    throw new IOException("corrupt spill file " + f + " (a value leaves " + frame.remaining() + " of its "
                            + n + " bytes unread)");
                }
            }
        }
        if (delete && !retain) {
            Files.delete(f);
        }
        return values;
    }

    /**
     * Rewrites spill file {@code f} keeping the frames whose tag {@code keep} accepts, up to the
     * first frame a kill tore (cut short); returns the frames kept. The copy is owner-only.
     */
    static long keepFrames(Path f, java.util.function.IntPredicate keep) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".keep");
        Files.deleteIfExists(tmp);
        long kept = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(openOwnerOnly(tmp), 1 << 16))) {
            byte[] payload = new byte[256];
            while (true) {
                int tag;
                int n;
                try {
                    tag = in.readInt();
                    n = in.readInt();
                    if (n < 0) {
                        break;
                    }
                    if (n > payload.length) {
                        payload = new byte[Math.max(n, 2 * payload.length)];
                    }
                    in.readFully(payload, 0, n);
                } catch (EOFException e) {
                    break;
                }
                if (keep.test(tag)) {
                    out.writeInt(tag);
                    out.writeInt(n);
                    out.write(payload, 0, n);
                    kept++;
                }
            }
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return kept;
    }
}
