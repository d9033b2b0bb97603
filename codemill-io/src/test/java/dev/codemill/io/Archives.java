package dev.codemill.io;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Test inputs written with the real libraries: tar archives and every readable stream compression. */
public final class Archives {
    private Archives() {
    }

    /** A tar archive of UTF-8 text files (path → content), entries in path order. */
    public static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
            for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(b.length);
                t.putArchiveEntry(entry);
                t.write(b);
                t.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    /** {@code data} compressed as {@code c} (Unix compress through {@link #unixCompress}: commons-compress has no writer). */
    public static byte[] compress(Compression c, byte[] data) throws IOException {
        if (c == Compression.UNIX_COMPRESS) {
            return unixCompress(data);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream o = switch (c) {
            case NONE -> bos;
            case GZIP -> new GZIPOutputStream(bos);
            case ZSTD -> new ZstdOutputStream(bos);
            case BZIP2 -> new BZip2CompressorOutputStream(bos);
            case XZ -> new XZCompressorOutputStream(bos);
            case LZMA -> new LZMACompressorOutputStream(bos);
            case LZ4 -> new FramedLZ4CompressorOutputStream(bos);
            case SNAPPY -> new FramedSnappyCompressorOutputStream(bos);
            default -> throw new IllegalArgumentException("no writer for " + c);
        }) {
            o.write(data);
        }
        return bos.toByteArray();
    }

    /**
     * LZW in the {@code compress(1)} format (header 1F 9D, 16-bit maximum, block mode), written
     * without clearing the table: enough for small inputs (no writer of it exists in commons-compress).
     */
    static byte[] unixCompress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1F);
        out.write(0x9D);
        out.write(0x80 | 16);
        Map<String, Integer> dict = new java.util.HashMap<>();
        for (int i = 0; i < 256; i++) {
            dict.put(String.valueOf((char) i), i);
        }
        int next = 257; // 256 is CLEAR in block mode
        int bits = 9;
        long acc = 0;
        int accBits = 0;
        String w = "";
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        java.util.List<Integer> widths = new java.util.ArrayList<>();
        for (byte b : data) {
            String wc = w + (char) (b & 0xff);
            if (dict.containsKey(wc)) {
                w = wc;
            } else {
                codes.add(dict.get(w));
                widths.add(bits);
                if (next < (1 << 16)) {
                    dict.put(wc, next++);
                    if (next > (1 << bits) && bits < 16) {
                        bits++;
                    }
                }
                w = String.valueOf((char) (b & 0xff));
            }
        }
        if (!w.isEmpty()) {
            codes.add(dict.get(w));
            widths.add(bits);
        }
        for (int i = 0; i < codes.size(); i++) {
            acc |= ((long) codes.get(i)) << accBits;
            accBits += widths.get(i);
            while (accBits >= 8) {
                out.write((int) (acc & 0xff));
                acc >>>= 8;
                accBits -= 8;
            }
        }
        if (accBits > 0) {
            out.write((int) (acc & 0xff));
        }
        return out.toByteArray();
    }
}
