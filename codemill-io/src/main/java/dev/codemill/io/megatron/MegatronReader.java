package dev.codemill.io.megatron;

import dev.codemill.io.megatron.MegatronLayout.DType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a Megatron-LM indexed dataset ({@code PREFIX.bin} + {@code PREFIX.idx}, layout in
 * {@link MegatronLayout}) through read-only memory maps; files larger than 2 GiB are mapped in
 * 1 GiB windows. Accepts every integer {@link DType} (Codemill writes uint16 and int32); float
 * dtypes are rejected. The optional trailing per-sequence modes of multimodal datasets are
 * tolerated and ignored.
 *
 * <p>Opening checks the magic, version, dtype and that both files are long enough for the
 * counts in the header, and that the document index starts at 0 and ends at the sequence count
 * (the assertion Megatron's {@code IndexedDataset} makes). Safe for concurrent reads.
 */
public final class MegatronReader implements Closeable {
    private final Mapped idx;
    private final Mapped bin;
    private final DType dtype;
    private final long sequences;
    private final long docIndexLength;

    private MegatronReader(Mapped idx, Mapped bin) throws IOException {
        this.idx = idx;
        this.bin = bin;
        if (idx.size < MegatronLayout.HEADER_SIZE) {
            throw new IOException("index too short for the MMIDIDX header: " + idx.size + " bytes");
        }
        byte[] magic = MegatronLayout.magic();
        for (int i = 0; i < magic.length; i++) {
            if (idx.getByte(i) != magic[i]) {
                throw new IOException("not an MMIDIDX index (bad magic at byte " + i + ")");
            }
        }
        long version = idx.getLong(MegatronLayout.VERSION_OFFSET);
        if (version != MegatronLayout.VERSION) {
            throw new IOException("unsupported MMIDIDX version " + version);
        }
        try {
            this.dtype = DType.fromCode(Byte.toUnsignedInt(idx.getByte(MegatronLayout.DTYPE_OFFSET)));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (dtype == DType.FLOAT32 || dtype == DType.FLOAT64) {
            throw new IOException("token dtype " + dtype + " is not an integer type");
        }
        this.sequences = idx.getLong(MegatronLayout.SEQUENCE_COUNT_OFFSET);
        this.docIndexLength = idx.getLong(MegatronLayout.DOCUMENT_COUNT_OFFSET);
        if (sequences < 0 || sequences > Integer.MAX_VALUE || docIndexLength < 1
                || docIndexLength > Integer.MAX_VALUE) {
            throw new IOException("implausible counts: " + sequences + " sequences, "
                    + docIndexLength + " document indices");
        }
        long need = MegatronLayout.indexSize(sequences, docIndexLength);
        if (idx.size != need && idx.size != need + sequences) {
            throw new IOException("index is " + idx.size + " bytes, header implies " + need
                    + " (or " + (need + sequences) + " with sequence modes)");
        }
        if (documentIndex(0) != 0 || documentIndex(docIndexLength - 1) != sequences) {
            throw new IOException("document index must run from 0 to the sequence count "
                    + sequences + ", is " + documentIndex(0) + ".." + documentIndex(docIndexLength - 1));
        }
        if (sequences > 0) {
            long end = pointer(sequences - 1) + (long) length(sequences - 1) * dtype.size();
            if (end > bin.size) {
                throw new IOException("data file is " + bin.size + " bytes, index needs " + end);
            }
        }
    }

    /**
     * Opens {@code prefix.bin} and {@code prefix.idx}.
     *
     * @param prefix path prefix shared by the two files
     * @return an open reader
     * @throws IOException when a file is missing or the index is malformed
     */
    public static MegatronReader open(Path prefix) throws IOException {
        return open(prefix, Mapped.WINDOW);
    }

    /** As {@link #open(Path)} with a given map window size in bytes (tests use tiny windows). */
    static MegatronReader open(Path prefix, long window) throws IOException {
        Mapped idx = Mapped.of(MegatronLayout.idxPath(prefix), window);
        Mapped bin = Mapped.of(MegatronLayout.binPath(prefix), window);
        return new MegatronReader(idx, bin);
    }

    /** @return the element type of {@code .bin} */
    public DType dtype() {
        return dtype;
    }

    /** @return number of sequences S */
    public int sequenceCount() {
        return (int) sequences;
    }

    /** @return number of documents (the header's document index length minus one) */
    public int documentCount() {
        return (int) (docIndexLength - 1);
    }

    /**
     * @param i sequence number in {@code [0, sequenceCount())}
     * @return number of tokens in sequence {@code i}
     */
    public int sequenceLength(int i) {
        checkSequence(i);
        return length(i);
    }

    /**
     * @param i sequence number in {@code [0, sequenceCount())}
     * @return the token ids of sequence {@code i}, widened to {@code int} (uint16 and uint8 read
     *     unsigned)
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     * @throws IllegalStateException when the sequence lies outside {@code .bin} or an int64 id
     *     does not fit an int
     */
    public int[] sequence(int i) {
        checkSequence(i);
        int n = length(i);
        long p = pointer(i);
        if (n < 0 || p < 0 || p + (long) n * dtype.size() > bin.size) {
            throw new IllegalStateException("sequence " + i + " (" + n + " tokens at byte " + p
                    + ") lies outside the " + bin.size + "-byte data file");
        }
        int[] ids = new int[n];
        int size = dtype.size();
        for (int k = 0; k < n; k++, p += size) {
            ids[k] = switch (dtype) {
                case UINT16 -> Short.toUnsignedInt(bin.getShort(p));
                case INT32 -> bin.getInt(p);
                case INT16 -> bin.getShort(p);
                case UINT8 -> Byte.toUnsignedInt(bin.getByte(p));
                case INT8 -> bin.getByte(p);
                case INT64 -> Math.toIntExact(bin.getLong(p));
                default -> throw new IllegalStateException("dtype " + dtype);
            };
        }
        return ids;
    }

    /**
     * @return the document index array, length {@code documentCount() + 1}: document {@code k}
     *     is sequences {@code [result[k], result[k+1])}
     */
    public long[] documentIndices() {
        long[] out = new long[(int) docIndexLength];
        for (int k = 0; k < out.length; k++) {
            out[k] = documentIndex(k);
        }
        return out;
    }

    /**
     * @param k document number in {@code [0, documentCount())}
     * @return the token ids of document {@code k}: its sequences concatenated
     */
    public int[] document(int k) {
        if (k < 0 || k >= documentCount()) {
            throw new IndexOutOfBoundsException("document " + k + " of " + documentCount());
        }
        int from = (int) documentIndex(k);
        int to = (int) documentIndex(k + 1);
        int[][] parts = new int[Math.max(0, to - from)][];
        int total = 0;
        for (int s = from; s < to; s++) {
            parts[s - from] = sequence(s);
            total += parts[s - from].length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Drops the maps (the JVM unmaps them when they are collected). */
    @Override
    public void close() {
        idx.release();
        bin.release();
    }

    private void checkSequence(int i) {
        if (i < 0 || i >= sequences) {
            throw new IndexOutOfBoundsException("sequence " + i + " of " + sequences);
        }
    }

    private int length(long i) {
        return idx.getInt(MegatronLayout.HEADER_SIZE + 4L * i);
    }

    private long pointer(long i) {
        return idx.getLong(MegatronLayout.pointersOffset(sequences) + 8L * i);
    }

    private long documentIndex(long k) {
        return idx.getLong(MegatronLayout.documentIndexOffset(sequences) + 8L * k);
    }

    /**
     * A read-only file mapped in windows of {@code window} bytes ({@link #WINDOW} = 1 GiB by
     * default, below the 2 GiB limit of one {@link MappedByteBuffer}), each extended by
     * {@link #OVERLAP} bytes so that any value of up to 8 bytes starting in a window can be read
     * from that window alone (the {@code .idx} arrays start at byte 34 and are not aligned).
     */
    private static final class Mapped {
        static final long WINDOW = 1L << 30;
        static final int OVERLAP = 8;
        final long size;
        private final long window;
        private ByteBuffer[] windows;

        private Mapped(long size, long window, ByteBuffer[] windows) {
            this.size = size;
            this.window = window;
            this.windows = windows;
        }

        static Mapped of(Path file, long window) throws IOException {
            if (window < 1 || window > WINDOW) {
                throw new IllegalArgumentException("window " + window);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                int count = (int) Math.max(1, (size + window - 1) / window);
                ByteBuffer[] windows = new ByteBuffer[count];
                for (int w = 0; w < count; w++) {
                    long start = w * window;
                    long len = Math.min(size - start, window + OVERLAP);
                    MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, len));
                    windows[w] = m.order(ByteOrder.LITTLE_ENDIAN);
                }
                return new Mapped(size, window, windows);
            }
        }

        private ByteBuffer window(long p, int width) {
            if (p < 0 || p + width > size) {
                throw new IndexOutOfBoundsException("byte " + p + "+" + width + " outside " + size);
            }
            ByteBuffer[] ws = windows;
            if (ws == null) {
                throw new IllegalStateException("reader is closed");
            }
            return ws[(int) (p / window)];
        }

        byte getByte(long p) {
            return window(p, 1).get((int) (p % window));
        }

        short getShort(long p) {
            return window(p, 2).getShort((int) (p % window));
        }

        int getInt(long p) {
            return window(p, 4).getInt((int) (p % window));
        }

        long getLong(long p) {
            return window(p, 8).getLong((int) (p % window));
        }

        void release() {
            windows = null;
        }
    }
}
