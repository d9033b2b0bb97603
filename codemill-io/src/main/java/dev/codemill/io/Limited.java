package dev.codemill.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a stream into memory, never more than a cap, whatever sizes the stream declares. */
public final class Limited {
    /** First buffer size when the caller gives no expected size. */
    private static final int FIRST = 8192;

    private Limited() {
    }

    /**
     * Reads {@code in} to its end, or stops after {@code cap + 1} bytes.
     *
     * @return the bytes read; a result longer than {@code cap} means the stream holds more than
     *         {@code cap} bytes (the rest is left unread)
     */
    public static byte[] readAtMost(InputStream in, long cap) throws IOException {
        return readAtMost(in, cap, FIRST);
    }

    /**
     * {@link #readAtMost(InputStream, long)} reading straight into one array of {@code expected}
     * bytes (e.g. a file's size from its directory entry; only a hint: a stream that turns out
     * longer or shorter reads the same bytes, the array grows or is trimmed). A stream of exactly
     * the expected size costs one array and no copy.
     */
    public static byte[] readAtMost(InputStream in, long cap, long expected) throws IOException {
        int want = (int) (Math.min(cap, Integer.MAX_VALUE - 16L) + 1);
        byte[] buf = new byte[(int) Math.max(0, Math.min(expected, want))];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n == want) {
                    break;
                }
                int b = in.read(); // one byte before growing: at the end of the stream nothing is copied
                if (b < 0) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(want, Math.max(2L * n, n + (long) FIRST)));
                buf[n++] = (byte) b;
                continue;
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
