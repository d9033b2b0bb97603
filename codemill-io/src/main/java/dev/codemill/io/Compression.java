package dev.codemill.io;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.z.ZCompressorInputStream;

/**
 * Stream compression of an input, told by its file name's last extension, so that every
 * compressed name is read as what it holds ({@code x.jsonl.xz} is a JSONL dump, {@code x.tar.zst}
 * a tar archive, {@code x.py.gz} one source file) and never as one raw document of compressed bytes.
 *
 * <p>Readable: gzip ({@code .gz .gzip}, {@code java.util.zip}, concatenated members), zstd
 * ({@code .zst .zstd}, zstd-jni, frames with windows up to 2<sup>31</sup> bytes as written by
 * {@code zstd --long=31}), bzip2 ({@code .bz2}), xz ({@code .xz}, through {@code org.tukaani:xz}),
 * lzma ({@code .lzma}), LZ4 frames ({@code .lz4}), Unix compress ({@code .Z}), framed Snappy
 * ({@code .sz}) through commons-compress, concatenated streams read to their end. Known but not
 * readable here ({@link #unsupported}): brotli ({@code .br}), and the random-access archives
 * {@code .7z} and {@code .rar}; readers refuse them with {@link IngestRules#UNSUPPORTED_INPUT}.
 */
public enum Compression {
    NONE(List.of()),
    GZIP(List.of(".gz", ".gzip")),
    ZSTD(List.of(".zst", ".zstd")),
    BZIP2(List.of(".bz2")),
    XZ(List.of(".xz")),
    LZMA(List.of(".lzma")),
    LZ4(List.of(".lz4")),
    UNIX_COMPRESS(List.of(".Z")),
    SNAPPY(List.of(".sz")),
    BROTLI(List.of(".br"));

    /** Largest zstd window log accepted: 31, the most {@code zstd --long} writes on 64-bit machines. */
    public static final int ZSTD_WINDOW_LOG_MAX = 31;

    /** Tar archives with the compression in one extension, and their long form. */
    private static final String[][] TAR_SHORT = {
            {".tgz", ".tar.gz"}, {".taz", ".tar.gz"}, {".txz", ".tar.xz"}, {".tbz2", ".tar.bz2"}, {".tbz", ".tar.bz2"},
            {".tzst", ".tar.zst"}, {".tlz", ".tar.lzma"}, {".tlz4", ".tar.lz4"}, {".taZ", ".tar.Z"}};

    private final List<String> extensions;

    Compression(List<String> extensions) {
        this.extensions = extensions;
    }

    /** The compression of {@code fileName} by its last extension ({@code .Z} is case-sensitive, the rest not). */
    public static Compression of(String fileName) {
        String n = longForm(fileName);
        String lower = n.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            for (String ext : c.extensions) {
                if (ext.equals(".Z") ? n.endsWith(ext) : lower.endsWith(ext)) {
                    return c;
                }
            }
        }
        return NONE;
    }

    /** {@code fileName} without its compression extension: {@code a.jsonl.xz} → {@code a.jsonl}, {@code a.tgz} → {@code a.tar}. */
    public static String inner(String fileName) {
        String n = longForm(fileName);
        Compression c = of(n);
        if (c == NONE) {
            return n;
        }
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : c.extensions) {
            if (ext.equals(".Z") ? n.endsWith(ext) : lower.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /** {@code x.tgz} → {@code x.tar.gz} (and the other one-extension tar names); other names unchanged. */
    static String longForm(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String[] t : TAR_SHORT) {
            if (t[0].equals(".taZ") ? fileName.endsWith(t[0]) : lower.endsWith(t[0])) {
                return fileName.substring(0, fileName.length() - t[0].length()) + t[1];
            }
        }
        return fileName;
    }

    /** Whether this compression is known but cannot be read here. */
    public boolean unsupported() {
        return this == BROTLI;
    }

    /** Names of formats known but never read (random-access archives): refused, never taken as one document. */
    public static boolean unsupportedArchive(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".7z") || n.endsWith(".rar");
    }

    /**
     * Decompresses {@code raw} (which the caller closes through the returned stream).
     *
     * @throws IOException when the stream does not start as this compression says, or for {@link #BROTLI}
     */
    public InputStream open(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            // Not wrapped in a BufferedInputStream: its read() asks the decompressor again after a
            // partial read, so a truncated stream would throw away bytes already decompressed.
            case GZIP -> new GZIPInputStream(raw, 1 << 16);
            case ZSTD -> new ZstdInputStreamNoFinalizer(raw).setLongMax(ZSTD_WINDOW_LOG_MAX);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case XZ -> new XZCompressorInputStream(raw, true);
            case LZMA -> new LZMACompressorInputStream(raw);
            case LZ4 -> new FramedLZ4CompressorInputStream(raw, true);
            case UNIX_COMPRESS -> new ZCompressorInputStream(raw);
            case SNAPPY -> new FramedSnappyCompressorInputStream(raw);
            case BROTLI -> throw new IOException("brotli (.br) is not read by codemill; decompress it first");
        };
    }
}
