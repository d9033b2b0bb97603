package dev.codemill.run;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array written as {@link DataOutput} (big-endian, the bytes {@link DataOutputStream}
 * writes): a spill frame is encoded here once, outside the partition lock, and reaches the file in
 * one write. Unlike {@code DataOutputStream} over a buffered stream, a number is one array store per
 * byte, not one synchronized call per byte (issue 20 §5: under C1 those calls were a visible share).
 * Not thread-safe: one per thread ({@link #reset()} between frames).
 */
final class SpillOutput extends OutputStream implements DataOutput {
    private byte[] buf;
    private int size;
    /** For the rarely used {@link #writeUTF}: DataOutputStream's modified UTF-8, written into this array. */
    private DataOutputStream modifiedUtf8;

    SpillOutput(int capacity) {
        buf = new byte[capacity];
    }

    /** Empties the array (its capacity stays). */
    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return buf.length;
    }

    /** The backing array; bytes {@code [0, size())} are the written ones. */
    byte[] array() {
        return buf;
    }

    /** Overwrites the 4 bytes at {@code at} (already written) with {@code v}, big-endian. */
    void putInt(int at, int v) {
        if (at < 0 || at + 4 > size) {
            throw new IndexOutOfBoundsException("int at " + at + " of " + size + " bytes");
        }
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int more) {
        int need = size + more;
        if (need < 0) {
            throw new OutOfMemoryError("spill frame over 2 GB");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length < (1 << 30) ? 2 * buf.length : Integer.MAX_VALUE - 8));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        buf[size] = (byte) (v >>> 8);
        buf[size + 1] = (byte) v;
        size += 2;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        byte[] b = buf;
        int s = size;
        b[s] = (byte) (v >>> 24);
        b[s + 1] = (byte) (v >>> 16);
        b[s + 2] = (byte) (v >>> 8);
        b[s + 3] = (byte) v;
        size = s + 4;
    }

    @Override
    public void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /**
     * Writes {@code ascii}'s length (int) and its chars as bytes, copied straight into the array: the
     * caller guarantees every char is below U+0080 (a compact string's bytes are then copied whole).
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) keeps each char's low 8 bits: exact for ASCII
    void writeAscii(String ascii) {
        int n = ascii.length();
        writeInt(n);
        ensure(n);
        ascii.getBytes(0, n, buf, size);
        size += n;
    }

    @Override
    public void writeBytes(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    @Override
    public void writeChars(String s) {
        int n = s.length();
        ensure(2 * n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[size++] = (byte) (c >>> 8);
            buf[size++] = (byte) c;
        }
    }

    @Override
    public void writeUTF(String s) throws IOException {
        if (modifiedUtf8 == null) {
            modifiedUtf8 = new DataOutputStream(this);
        }
        modifiedUtf8.writeUTF(s);
    }
}
