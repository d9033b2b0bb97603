package dev.codemill.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream into memory, never more than a cap, whatever sizes the stream declares. */
public final class Limited {
    private Limited() {
    }

    /**
     * Reads {@code in} to its end, or stops after {@code cap + 1} bytes.
     *
     * @return the bytes read; a result longer than {@code cap} means the stream holds more than
     *         {@code cap} bytes (the rest is left unread)
     */
    public static byte[] readAtMost(InputStream in, long cap) throws IOException {
        long want = Math.min(cap, Integer.MAX_VALUE - 16L) + 1;
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(want, 1 << 16));
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        while (total < want) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, want - total));
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
            total += n;
        }
        return buf.toByteArray();
    }
}
