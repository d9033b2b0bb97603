package dev.codemill.run;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One spill frame's bytes read as {@link DataInput} (big-endian, as {@link SpillOutput} and
 * {@code DataOutputStream} write them). Reading past the frame's end is an {@link EOFException}, so
 * a codec can never read into the next frame; {@link #remaining()} tells whether it read the whole
 * frame. Replaces {@code DataInputStream} over a buffered stream, whose numbers cost one
 * synchronized {@code read()} per byte (issue 20 §5).
 */
final class SpillInput extends InputStream implements DataInput {
    private final byte[] buf;
    private int pos;
    private final int end;

    /** Reads bytes {@code [from, to)} of {@code buf} (not copied). */
    SpillInput(byte[] buf, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, buf.length);
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Bytes of the frame not read yet. */
    int remaining() {
        return end - pos;
    }

    private int take(int n) throws EOFException {
        if (n < 0 || n > end - pos) {
            throw new EOFException("spill frame ends " + (end - pos) + " bytes on, " + n + " asked for");
        }
        int at = pos;
        pos += n;
        return at;
    }

    /** The next {@code n} bytes as a new array. */
    byte[] readBytes(int n) throws EOFException {
        int at = take(n);
        return java.util.Arrays.copyOfRange(buf, at, at + n);
    }

    /** The next {@code n} bytes decoded as {@code cs} (no intermediate array). */
    String readString(int n, java.nio.charset.Charset cs) throws EOFException {
        int at = take(n);
        return new String(buf, at, n, cs);
    }

    @Override
    public int read() {
        return pos < end ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= end) {
            return -1;
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int at = take(len);
        System.arraycopy(buf, at, b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int k = Math.max(0, Math.min(n, end - pos));
        pos += k;
        return k;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return buf[take(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return buf[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return buf[take(1)] & 0xff;
    }

    @Override
    public short readShort() throws IOException {
        int at = take(2);
        return (short) ((buf[at] & 0xff) << 8 | buf[at + 1] & 0xff);
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xffff;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        int at = take(4);
        byte[] b = buf;
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    @Override
    public long readLong() throws IOException {
        return (long) readInt() << 32 | readInt() & 0xffffffffL;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not part of any spill format (DataInput's line reading is deprecated in DataInputStream too). */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("spill frames hold no lines");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
