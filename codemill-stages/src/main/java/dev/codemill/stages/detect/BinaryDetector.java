package dev.codemill.stages.detect;

import dev.codemill.stage.Check;
import java.util.HexFormat;

/**
 * Decides from content alone whether a file is binary, looking at no more than the first
 * {@link #sniffBytes()} bytes. Immutable and thread-safe.
 *
 * <p>Evidence, checked in this order (the first that holds is reported as the {@link Check}
 * detail, so that the ledger row names it):
 * <ol>
 *   <li>{@code magic:NAME}: a known file signature at offset 0 (see {@link #magic(byte[])}); the
 *       check's value is the signature in hex. This is how libmagic/{@code file(1)} decides, and
 *       it names the kind of file, which a byte statistic cannot.</li>
 *   <li>{@code nul_bytes}: any NUL byte in the sniff window (git's {@code buffer_is_binary}, which
 *       looks for NUL in the first 8000 bytes; GitHub linguist bails out on binary blobs the same
 *       way). Value: the NUL count in the window; limit {@code <= 0}.</li>
 *   <li>{@code control_bytes}: the share of control bytes in the window is above
 *       {@link #controlFraction()} (default {@value #DEFAULT_CONTROL_FRACTION}, after Perl's
 *       {@code -B} file test, which calls a block binary when more than about a third of it is
 *       "odd" characters). Control bytes are {@code 0x01–0x1F} and {@code 0x7F} except
 *       {@code \t \n \r \f} and ESC ({@code 0x1B}, which ANSI-coloured logs contain). High bytes
 *       ({@code >= 0x80}) never count: they are legal in UTF-8 and the legacy encodings.
 *       Value: the share (0..1); limit {@code <= SHARE} with the configured share.</li>
 * </ol>
 * UTF-16/UTF-32 text is full of NUL bytes: {@link EncodingDetector} recognises it (BOM or the
 * NUL-every-other-byte pattern) <em>before</em> calling the byte checks and runs
 * {@link #inspectChars(CharSequence)} on the decoded characters instead.
 */
public final class BinaryDetector {
    /** Rule name in checks, verdicts and the ledger. */
    public static final String RULE = "binary";
    /** Default sniff window: 8 KiB, the window git ({@code 8000} bytes) and file(1) use, rounded to a page. */
    public static final int DEFAULT_SNIFF_BYTES = 8192;
    /** Default largest share of control bytes in the sniff window that is still text (after Perl's {@code -B}). */
    public static final double DEFAULT_CONTROL_FRACTION = 0.3;

    /** Byte classes: 0 text, 1 control, 2 NUL. */
    private static final byte[] CLASS = new byte[256];

    static {
        CLASS[0] = 2;
        for (int b = 1; b < 0x20; b++) {
            CLASS[b] = 1;
        }
        CLASS['\t'] = 0;
        CLASS['\n'] = 0;
        CLASS['\r'] = 0;
        CLASS['\f'] = 0;
        CLASS[0x1B] = 0;
        CLASS[0x7F] = 1;
    }

    /** MPEG transport stream packet length and sync byte (ISO/IEC 13818-1). */
    private static final int TS_PACKET = 188;
    private static final int TS_SYNC = 0x47;

    private record Magic(String name, byte[] signature) {
    }

    private static Magic m(String name, int... bytes) {
        byte[] sig = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            sig[i] = (byte) bytes[i];
        }
        return new Magic(name, sig);
    }

    private static Magic m(String name, String ascii) {
        return new Magic(name, ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * Signatures at offset 0 (from libmagic's magic database and each format's spec). Only
     * signatures that plain text cannot plausibly start with are listed: short ASCII ones such as
     * {@code MZ} or {@code BM} are left to the NUL and control checks, which those formats fail anyway.
     */
    private static final Magic[] MAGICS = {
        m("gettext_mo", 0xDE, 0x12, 0x04, 0x95),          // GNU gettext, little-endian
        m("gettext_mo", 0x95, 0x04, 0x12, 0xDE),          // GNU gettext, big-endian
        m("png", 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
        m("gif", "GIF87a"),
        m("gif", "GIF89a"),
        m("jpeg", 0xFF, 0xD8, 0xFF),
        m("zip", 'P', 'K', 0x03, 0x04),                   // also jar, docx, apk, whl
        m("zip", 'P', 'K', 0x05, 0x06),                   // empty archive
        m("zip", 'P', 'K', 0x07, 0x08),                   // spanned archive
        m("gzip", 0x1F, 0x8B),
        m("bzip2", "BZh"),                                // + level digit, checked below
        m("xz", 0xFD, '7', 'z', 'X', 'Z', 0x00),
        m("zstd", 0x28, 0xB5, 0x2F, 0xFD),
        m("7z", '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
        m("rar", "Rar!\u001A\u0007"),
        m("elf", 0x7F, 'E', 'L', 'F'),
        m("pdf", "%PDF-"),
        m("java_class", 0xCA, 0xFE, 0xBA, 0xBE),          // also Mach-O universal binaries
        m("macho", 0xFE, 0xED, 0xFA, 0xCE),
        m("macho", 0xFE, 0xED, 0xFA, 0xCF),
        m("macho", 0xCE, 0xFA, 0xED, 0xFE),
        m("macho", 0xCF, 0xFA, 0xED, 0xFE),
        m("wasm", 0x00, 'a', 's', 'm'),
        m("sqlite", "SQLite format 3\u0000"),
        m("java_serialized", 0xAC, 0xED, 0x00, 0x05),
        m("lua_bytecode", 0x1B, 'L', 'u', 'a'),
    };

    private final int sniffBytes;
    private final double controlFraction;

    /**
     * @param sniffBytes      how many bytes from the start (after a BOM) to look at; at least 1
     * @param controlFraction largest share (0..1) of control bytes that is still text
     */
    public BinaryDetector(int sniffBytes, double controlFraction) {
        if (sniffBytes < 1) {
            throw new IllegalArgumentException("sniffBytes must be >= 1, got " + sniffBytes);
        }
        if (!(controlFraction >= 0 && controlFraction <= 1)) {
            throw new IllegalArgumentException("controlFraction must be in [0, 1], got " + controlFraction);
        }
        this.sniffBytes = sniffBytes;
        this.controlFraction = controlFraction;
    }

    /** A detector with the defaults: 8 KiB window, control share 0.3. */
    public static BinaryDetector defaults() {
        return new BinaryDetector(DEFAULT_SNIFF_BYTES, DEFAULT_CONTROL_FRACTION);
    }

    public int sniffBytes() {
        return sniffBytes;
    }

    public double controlFraction() {
        return controlFraction;
    }

    /**
     * The name of the file signature {@code bytes} start with ({@code png}, {@code gettext_mo},
     * {@code mpeg_ts}, …), or null when none matches. MPEG-TS has no signature at offset 0
     * alone: it needs the sync byte {@code 0x47} at every 188-byte packet start inside the sniff
     * window (at least two packets) and a non-text control byte or NUL in the first packet header
     * area, so a text file that happens to start with {@code G} is not taken for one.
     */
    public String magic(byte[] bytes) {
        Magic found = findMagic(bytes);
        return found == null ? null : found.name();
    }

    private static final Magic MPEG_TS = m("mpeg_ts", TS_SYNC);

    private Magic findMagic(byte[] bytes) {
        for (Magic magic : MAGICS) {
            byte[] sig = magic.signature();
            if (startsWith(bytes, sig)) {
                if (magic.name().equals("bzip2") && (bytes.length < 4 || bytes[3] < '1' || bytes[3] > '9'
                        || bytes.length < 10 || bytes[4] != 0x31 || bytes[5] != 0x41 || bytes[6] != 0x59)) {
                    continue;   // "BZh" + level + block magic 0x314159265359: plain text never has this
                }
                return magic;
            }
        }
        return isMpegTs(bytes) ? MPEG_TS : null;
    }

    private boolean isMpegTs(byte[] b) {
        int window = Math.min(b.length, sniffBytes);
        if (window < TS_PACKET + 1 || (b[0] & 0xFF) != TS_SYNC) {
            return false;
        }
        for (int p = TS_PACKET; p < window; p += TS_PACKET) {
            if ((b[p] & 0xFF) != TS_SYNC) {
                return false;
            }
        }
        int header = Math.min(TS_PACKET, b.length);
        for (int i = 1; i < header; i++) {
            if (CLASS[b[i] & 0xFF] != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] sig) {
        if (bytes.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (bytes[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * All three byte checks on {@code bytes} from offset {@code from} (where a BOM ends): the
     * signature check only when {@code from == 0}. Returns a passing {@link Check} with the control
     * share as value, or a failing one whose detail is the evidence ({@code magic:png},
     * {@code nul_bytes}, {@code control_bytes}).
     */
    public Check inspectBytes(byte[] bytes, int from) {
        if (from == 0) {
            Magic magic = findMagic(bytes);
            if (magic != null) {
                int n = magic.name().equals("bzip2") ? 10 : magic.signature().length;
                return Check.fail(RULE, HexFormat.of().formatHex(bytes, 0, n), "", "magic:" + magic.name());
            }
        }
        int end = (int) Math.min((long) from + sniffBytes, bytes.length);
        int nul = 0;
        int control = 0;
        for (int i = from; i < end; i++) {
            byte c = CLASS[bytes[i] & 0xFF];
            if (c != 0) {
                if (c == 2) {
                    nul++;
                } else {
                    control++;
                }
            }
        }
        if (nul > 0) {
            return Check.fail(RULE, (long) nul, "<= 0", "nul_bytes");
        }
        return controlCheck(control, end - from, "control_bytes");
    }

    /**
     * The NUL and control checks on the first {@link #sniffBytes()}{@code / 2} characters of text
     * decoded from UTF-16/32 (whose NUL <em>bytes</em> are not evidence, but whose U+0000
     * <em>characters</em> are). Failing details: {@code nul_chars}, {@code control_chars}.
     */
    public Check inspectChars(CharSequence text) {
        int end = Math.min(text.length(), Math.max(1, sniffBytes / 2));
        int nul = 0;
        int control = 0;
        for (int i = 0; i < end; i++) {
            char ch = text.charAt(i);
            if (ch < 0x80) {
                byte c = CLASS[ch];
                if (c == 2) {
                    nul++;
                } else if (c == 1) {
                    control++;
                }
            }
        }
        if (nul > 0) {
            return Check.fail(RULE, (long) nul, "<= 0", "nul_chars");
        }
        return controlCheck(control, end, "control_chars");
    }

    private Check controlCheck(int control, int window, String evidence) {
        double share = window == 0 ? 0.0 : (double) control / window;
        if (share > controlFraction) {
            return Check.fail(RULE, share, "<= " + Check.format(controlFraction), evidence);
        }
        return Check.pass(RULE, share, "<= " + Check.format(controlFraction),
                "no signature, no NUL, control share within limit in the first " + window + " units");
    }
}
