package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The line format of {@link Checkpoint}'s marker log: {@code TYPE INDEX PAYLOAD CRC}, ASCII, the
 * CRC-32 of {@code TYPE INDEX PAYLOAD} in hex; a line whose CRC does not hold (a kill cut it
 * short) is not a marker. Counters travel as Java serialization of {@link RunStats}, deflated
 * (the payload is their base64).
 */
final class MarkerLines {
    private MarkerLines() {
    }

    /** One marker line, newline included. */
    static String line(String type, int index, String payload) {
        String body = type + " " + index + " " + payload;
        return body + " " + crc(body) + "\n";
    }

    /** The fields of a line (type, index, payload) when its CRC-32 holds, else null. */
    static String[] parse(String line) {
        int last = line.lastIndexOf(' ');
        if (last < 0) {
            return null;
        }
        String body = line.substring(0, last);
        if (!crc(body).equals(line.substring(last + 1))) {
            return null;
        }
        String[] f = body.split(" ", 3);
        return f.length == 3 ? f : null;
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Long.toHexString(crc.getValue());
    }

    static byte[] serialize(RunStats s) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(buf))) {
            out.writeObject(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static RunStats deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(b)))) {
            return (RunStats) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
