package dev.codemill.io.megatron;

import dev.codemill.io.megatron.MegatronLayout.DType;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams token sequences into a Megatron-LM indexed dataset ({@code PREFIX.bin} +
 * {@code PREFIX.idx}, layout in {@link MegatronLayout}), like Megatron-LM's
 * {@code IndexedDatasetBuilder}: {@link #add(int[])} appends one sequence,
 * {@link #endDocument()} closes the current document, {@link #close()} writes the index.
 *
 * <p>Tokens go to {@code PREFIX.bin.tmp} as they are added; the index lives in memory
 * (4 bytes per sequence + 8 bytes per document) until {@link #close()}, which writes
 * {@code PREFIX.idx.tmp}, forces both to disk and renames them onto {@code PREFIX.bin} then
 * {@code PREFIX.idx} (atomic rename where the file system supports it), so a reader never sees
 * a half-written dataset under the final names. {@link #abort()} deletes the temporary files.
 *
 * <p>Not thread-safe.
 */
public final class MegatronWriter implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path bin;
    private final Path idx;
    private final Path binTmp;
    private final Path idxTmp;
    private final int vocabSize;
    private final DType dtype;
    private final OutputStream out;
    private final ByteBuffer buf;

    private int[] lengths = new int[1024];
    private int sequences;
    private long[] docIndex = new long[256];
    private int docIndexLength;
    private long tokens;
    private boolean closed;

    private MegatronWriter(Path prefix, int vocabSize) throws IOException {
        this.vocabSize = vocabSize;
        this.dtype = MegatronLayout.dtypeFor(vocabSize);
        this.bin = MegatronLayout.binPath(prefix);
        this.idx = MegatronLayout.idxPath(prefix);
        this.binTmp = bin.resolveSibling(bin.getFileName() + ".tmp");
        this.idxTmp = idx.resolveSibling(idx.getFileName() + ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(binTmp), BUFFER_BYTES);
        this.buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        docIndex[docIndexLength++] = 0L;
    }

    /**
     * Opens a writer whose token dtype follows {@link MegatronLayout#dtypeFor(int)}.
     *
     * @param prefix path prefix; the files become {@code prefix.bin} and {@code prefix.idx}
     * @param vocabSize tokenizer vocabulary size; every token id must be in {@code [0, vocabSize)}
     * @return a writer on {@code prefix.bin.tmp}
     * @throws IllegalArgumentException when {@code vocabSize <= 0}
     * @throws IOException when the temporary data file cannot be created
     */
    public static MegatronWriter open(Path prefix, int vocabSize) throws IOException {
        return new MegatronWriter(prefix, vocabSize);
    }

    /** @return the token dtype chosen from the vocabulary size */
    public DType dtype() {
        return dtype;
    }

    /** @return sequences added so far */
    public int sequenceCount() {
        return sequences;
    }

    /** @return documents ended so far */
    public int documentCount() {
        return docIndexLength - 1;
    }

    /** @return tokens added so far */
    public long tokenCount() {
        return tokens;
    }

    /**
     * Appends one sequence (Megatron {@code add_item}); it belongs to the current document.
     *
     * @param ids token ids, each in {@code [0, vocabSize)}; may be empty
     * @throws IllegalArgumentException when an id is out of range (nothing of the sequence is
     *     written)
     * @throws IllegalStateException after {@link #close()} or {@link #abort()}
     * @throws IOException on a write error
     */
    public void add(int[] ids) throws IOException {
        ensureOpen();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new IllegalArgumentException("token id " + ids[i] + " at position " + i
                        + " outside vocabulary [0, " + vocabSize + ")");
            }
        }
        for (int id : ids) {
            if (buf.remaining() < 4) {
                flushBuffer();
            }
            if (dtype == DType.UINT16) {
                buf.putShort((short) id);
            } else {
                buf.putInt(id);
            }
        }
        if (sequences == lengths.length) {
            lengths = Arrays.copyOf(lengths, lengths.length * 2);
        }
        lengths[sequences++] = ids.length;
        tokens += ids.length;
    }

    /**
     * Ends the current document (Megatron {@code end_document}): the sequences added since the
     * previous call form one document. Calling it with no new sequence records an empty document,
     * as Megatron does.
     *
     * @throws IllegalStateException after {@link #close()} or {@link #abort()}
     */
    public void endDocument() {
        ensureOpen();
        if (docIndexLength == docIndex.length) {
            docIndex = Arrays.copyOf(docIndex, docIndex.length * 2);
        }
        docIndex[docIndexLength++] = sequences;
    }

    /**
     * Ends the open document if sequences were added since the last {@link #endDocument()}
     * (Megatron requires the last document index to equal the sequence count), writes the index
     * and publishes both files under their final names. Idempotent.
     *
     * @throws IOException on a write or rename error (temporary files are then deleted)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (docIndex[docIndexLength - 1] != sequences) {
                endDocument();
            }
            flushBuffer();
            out.close();
            closed = true;
            writeIndex();
            try (FileChannel ch = FileChannel.open(binTmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(binTmp, bin);
            move(idxTmp, idx);
        } catch (IOException | RuntimeException e) {
            closed = true;
            deleteTemps();
            throw e;
        }
    }

    /** Discards everything written: closes and deletes the temporary files. Idempotent. */
    public void abort() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
        }
        deleteTemps();
    }

    private void writeIndex() throws IOException {
        try (FileChannel ch = FileChannel.open(idxTmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MegatronLayout.magic());
            b.putLong(MegatronLayout.VERSION);
            b.put((byte) dtype.code());
            b.putLong(sequences);
            b.putLong(docIndexLength);
            for (int i = 0; i < sequences; i++) {
                b = room(ch, b, 4);
                b.putInt(lengths[i]);
            }
            long pointer = 0;
            for (int i = 0; i < sequences; i++) {
                b = room(ch, b, 8);
                b.putLong(pointer);
                pointer += (long) lengths[i] * dtype.size();
            }
            for (int i = 0; i < docIndexLength; i++) {
                b = room(ch, b, 8);
                b.putLong(docIndex[i]);
            }
            drain(ch, b);
            ch.force(true);
        }
    }

    private static ByteBuffer room(FileChannel ch, ByteBuffer b, int need) throws IOException {
        if (b.remaining() < need) {
            drain(ch, b);
        }
        return b;
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }

    private void flushBuffer() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void deleteTemps() {
        try {
            Files.deleteIfExists(binTmp);
            Files.deleteIfExists(idxTmp);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Megatron writer for " + bin + " is closed");
        }
    }
}
