package dev.codemill.stages.detect;

import dev.codemill.stage.Check;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a file's bytes into text, strictly: every decoder runs with
 * {@link CodingErrorAction#REPORT}, so a byte sequence that is not valid in a candidate encoding
 * rejects that candidate; nothing is ever replaced by U+FFFD. Immutable and thread-safe.
 *
 * <h2>Order of decisions (first match wins)</h2>
 * <ol>
 *   <li>Empty file: text {@code ""}, encoding {@code UTF-8}.</li>
 *   <li>Byte-order mark (Unicode §23.8): {@code 00 00 FE FF} UTF-32BE, {@code FF FE 00 00}
 *       UTF-32LE, {@code EF BB BF} UTF-8 (recorded {@code UTF-8 (BOM)}), {@code FE FF} UTF-16BE,
 *       {@code FF FE} UTF-16LE. The BOM is authoritative: the rest is decoded in that encoding
 *       only (no legacy fallback); a failure is {@code undecodable}. For UTF-16/32 the binary
 *       check runs on the decoded characters ({@link BinaryDetector#inspectChars}).</li>
 *   <li>Binary signature ({@link BinaryDetector#magic}): {@code binary}, {@code magic:NAME}.</li>
 *   <li>UTF-16 without BOM: the sniff window has even length, at least 2 code units, at least
 *       60 % of them look like {@code XX 00} (LE) resp. {@code 00 XX} (BE) with XX non-zero, and
 *       the opposite pattern occurs at most a tenth as often. This is the pattern ASCII-range code
 *       has in UTF-16 (cloc #696; Notepad's {@code IsTextUnicode} uses the same statistic). The
 *       file is then decoded strictly (recorded {@code UTF-16LE (no BOM)}); if that fails, the
 *       file goes on to the byte checks below (which its NULs fail).</li>
 *   <li>Binary byte checks on the sniff window after any UTF-8 BOM: NUL bytes, control share.</li>
 *   <li>Text: pure ASCII (checked 8 bytes at a time) is {@code UTF-8} without a decoder; else
 *       strict UTF-8; else each {@link #legacy()} charset in order, strict, with the plausibility
 *       test below for multi-byte ones; the first that passes is recorded by its canonical Java
 *       name. None: {@code undecodable}, with every candidate and the byte offset where it
 *       failed.</li>
 * </ol>
 *
 * <h2>Legacy fallback (default {@link #DEFAULT_LEGACY})</h2>
 * {@code windows-31j} (Microsoft's Shift_JIS, a superset of JIS X 0208 Shift_JIS that also maps
 * {@code 0x5C} to {@code \}, so {@code 95 5C} = 表 before a quote stays one character: thtk #92,
 * splat #431), then {@code windows-1252}, then {@code ISO-8859-1}. The order goes from the most
 * to the least constrained: a multi-byte CJK charset rejects most non-CJK byte strings; windows-1252
 * rejects only {@code 81 8D 8F 90 9D}; ISO-8859-1 accepts every byte, so it is last and makes
 * the list total (with it, only a BOM-declared file can be undecodable).
 *
 * <p><b>Plausibility for multi-byte legacy charsets.</b> Latin-1 text often decodes strictly as
 * Shift_JIS too ({@code é} + ASCII letter is a valid kanji pair). So a multi-byte, non-Unicode
 * charset is accepted only when the decoded text looks like its script: at least 90 % of the
 * non-ASCII characters are CJK (ideographs, kana, Hangul, CJK punctuation, full- and half-width
 * forms, and the JIS X 0208 symbol, Greek and Cyrillic rows), there is no private-use
 * character, and for the Japanese charsets ({@link #JAPANESE}) at least one kana or CJK
 * punctuation character (U+3001–U+30FF), which mis-decoded Latin text virtually never
 * yields (it needs the bytes {@code 81–83} in lead position). Single-byte charsets need only the
 * strict decode.
 *
 * <p>Decoded text cannot hold unpaired surrogates: the strict UTF-8/16/32 decoders reject
 * encoded surrogates and unpaired surrogate code units, and legacy charsets map to BMP
 * characters or proper pairs.
 */
public final class EncodingDetector {
    /** Default legacy charsets, in the order they are tried after UTF-8 (see the class comment). */
    public static final List<String> DEFAULT_LEGACY = List.of("windows-31j", "windows-1252", "ISO-8859-1");
    /** Charsets whose plausibility test also asks for kana or CJK punctuation. */
    public static final Set<String> JAPANESE = Set.of("Shift_JIS", "windows-31j", "EUC-JP", "ISO-2022-JP",
            "x-SJIS_0213", "x-MS932_0213", "x-euc-jp-linux", "x-eucJP-Open", "x-windows-50220",
            "x-windows-50221", "x-windows-iso2022jp");

    public static final String UTF8 = "UTF-8";
    public static final String UTF8_BOM = "UTF-8 (BOM)";
    public static final String UTF16LE = "UTF-16LE";
    public static final String UTF16BE = "UTF-16BE";
    public static final String UTF16LE_NO_BOM = "UTF-16LE (no BOM)";
    public static final String UTF16BE_NO_BOM = "UTF-16BE (no BOM)";
    public static final String UTF32LE = "UTF-32LE";
    public static final String UTF32BE = "UTF-32BE";

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    private final BinaryDetector binary;
    private final List<Charset> legacy;

    /**
     * @param binary the binary checks (and the sniff window used for the UTF-16 pattern)
     * @param legacy charsets tried in order after UTF-8 fails; may be empty (UTF-8 only); UTF-8
     *               itself in the list is skipped (it was already tried)
     */
    public EncodingDetector(BinaryDetector binary, List<Charset> legacy) {
        this.binary = Objects.requireNonNull(binary, "binary");
        List<Charset> kept = new ArrayList<>();
        for (Charset cs : legacy) {
            if (!cs.equals(StandardCharsets.UTF_8) && !kept.contains(cs)) {
                kept.add(cs);
            }
        }
        this.legacy = List.copyOf(kept);
    }

    /** The defaults: {@link BinaryDetector#defaults()} and {@link #DEFAULT_LEGACY}. */
    public static EncodingDetector defaults() {
        return new EncodingDetector(BinaryDetector.defaults(), charsets(DEFAULT_LEGACY));
    }

    /** Looks up charsets by name; throws {@link IllegalArgumentException} naming an unknown one. */
    public static List<Charset> charsets(List<String> names) {
        List<Charset> out = new ArrayList<>();
        for (String name : names) {
            try {
                out.add(Charset.forName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown charset '" + name + "'", e);
            }
        }
        return out;
    }

    public BinaryDetector binary() {
        return binary;
    }

    /** The legacy charsets tried after UTF-8, in order (UTF-8 and duplicates removed). */
    public List<Charset> legacy() {
        return legacy;
    }

    /** Decides binary / text / undecodable for one file's bytes (not modified). */
    public DecodedText detect(byte[] bytes) {
        int n = bytes.length;
        if (n == 0) {
            return DecodedText.text("", UTF8, Check.pass(BinaryDetector.RULE, 0.0, "", "empty file"));
        }
        // 1. byte-order marks (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE)
        int b0 = bytes[0] & 0xFF;
        int b1 = n > 1 ? bytes[1] & 0xFF : -1;
        if (n >= 4 && b0 == 0 && b1 == 0 && (bytes[2] & 0xFF) == 0xFE && (bytes[3] & 0xFF) == 0xFF) {
            return wide(bytes, 4, UTF_32BE, UTF32BE, true);
        }
        if (n >= 4 && b0 == 0xFF && b1 == 0xFE && bytes[2] == 0 && bytes[3] == 0) {
            return wide(bytes, 4, UTF_32LE, UTF32LE, true);
        }
        if (n >= 3 && b0 == 0xEF && b1 == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            Check bin = binary.inspectBytes(bytes, 3);
            if (!bin.passed()) {
                return DecodedText.binary(bin);
            }
            Failure f = new Failure();
            String text = isAscii(bytes, 3) ? ascii(bytes, 3) : strict(StandardCharsets.UTF_8, bytes, 3, f);
            if (text == null) {
                return DecodedText.undecodable(bin, UTF8_BOM + "@" + f.offset,
                        "UTF-8 byte-order mark, but " + f.kind + " UTF-8 at byte " + f.offset + " (a BOM is not second-guessed)");
            }
            return DecodedText.text(text, UTF8_BOM, bin);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return wide(bytes, 2, StandardCharsets.UTF_16BE, UTF16BE, true);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return wide(bytes, 2, StandardCharsets.UTF_16LE, UTF16LE, true);
        }
        // 2. signatures, then UTF-16 without BOM, then NUL / control bytes
        Check bin = binary.inspectBytes(bytes, 0);
        if (!bin.passed() && bin.detail().startsWith("magic:")) {
            return DecodedText.binary(bin);
        }
        int pattern = utf16Pattern(bytes);
        if (pattern != 0) {
            DecodedText wide = pattern < 0
                    ? wide(bytes, 0, StandardCharsets.UTF_16LE, UTF16LE_NO_BOM, false)
                    : wide(bytes, 0, StandardCharsets.UTF_16BE, UTF16BE_NO_BOM, false);
            if (wide != null) {
                return wide;
            }
        }
        if (!bin.passed()) {
            return DecodedText.binary(bin);
        }
        // 3. text
        if (isAscii(bytes, 0)) {
            return DecodedText.text(ascii(bytes, 0), UTF8, bin);
        }
        StringBuilder failures = new StringBuilder();
        StringBuilder detail = new StringBuilder("no candidate decodes strictly:");
        Failure f = new Failure();
        String text = strict(StandardCharsets.UTF_8, bytes, 0, f);
        if (text != null) {
            return DecodedText.text(text, UTF8, bin);
        }
        failures.append(UTF8).append('@').append(f.offset);
        detail.append(' ').append(UTF8).append(' ').append(f.kind).append(" at byte ").append(f.offset);
        for (Charset cs : legacy) {
            f = new Failure();
            text = strict(cs, bytes, 0, f);
            if (text != null) {
                String implausible = implausible(cs, text);
                if (implausible == null) {
                    return DecodedText.text(text, cs.name(), bin);
                }
                failures.append(',').append(cs.name()).append(":implausible");
                detail.append("; ").append(cs.name()).append(' ').append(implausible);
            } else {
                failures.append(',').append(cs.name()).append('@').append(f.offset);
                detail.append("; ").append(cs.name()).append(' ').append(f.kind).append(" at byte ").append(f.offset);
            }
        }
        return DecodedText.undecodable(bin, failures.toString(), detail.toString());
    }

    /**
     * Decodes a UTF-16/32 file from {@code from}; then the binary check on the characters.
     * With a BOM a decode failure is {@code undecodable}; without one (a guess) it returns null.
     */
    private DecodedText wide(byte[] bytes, int from, Charset cs, String name, boolean bom) {
        Failure f = new Failure();
        String text = strict(cs, bytes, from, f);
        if (text == null) {
            if (!bom) {
                return null;
            }
            Check bin = Check.pass(BinaryDetector.RULE, "", "", "byte-order mark " + name);
            return DecodedText.undecodable(bin, name + "@" + f.offset,
                    name + " byte-order mark, but " + f.kind + " " + name + " at byte " + f.offset);
        }
        Check bin = binary.inspectChars(text);
        return bin.passed() ? DecodedText.text(text, name, bin) : DecodedText.binary(bin);
    }

    /**
     * The UTF-16 NUL-every-other-byte pattern in the sniff window: -1 little-endian, +1
     * big-endian, 0 none (see the class comment for the thresholds).
     */
    int utf16Pattern(byte[] bytes) {
        if ((bytes.length & 1) != 0) {
            return 0;
        }
        int window = Math.min(bytes.length, binary.sniffBytes()) & ~1;
        int units = window / 2;
        if (units < 2) {
            return 0;
        }
        int le = 0;
        int be = 0;
        for (int i = 0; i < window; i += 2) {
            byte lo = bytes[i];
            byte hi = bytes[i + 1];
            if (hi == 0 && lo != 0) {
                le++;
            } else if (lo == 0 && hi != 0) {
                be++;
            }
        }
        if (le * 10L >= units * 6L && be * 10L <= le) {
            return -1;
        }
        if (be * 10L >= units * 6L && le * 10L <= be) {
            return 1;
        }
        return 0;
    }

    /** True when every byte from {@code from} is below 0x80 (checked 8 bytes at a time). */
    static boolean isAscii(byte[] b, int from) {
        int i = from;
        int end8 = b.length - 7;
        for (; i < end8; i += 8) {
            if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < b.length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from) {
        return new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
    }

    /** Where and how a strict decode failed. */
    private static final class Failure {
        int offset;
        String kind = "";
    }

    /** Strict decode of {@code bytes[from..]}; null (and {@code f} filled) on the first bad sequence. */
    private static String strict(Charset cs, byte[] bytes, int from, Failure f) {
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int len = bytes.length - from;
        ByteBuffer in = ByteBuffer.wrap(bytes, from, len);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, (long) Math.ceil(len * (double) dec.maxCharsPerByte()) + 4));
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError() && !r.isOverflow()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            f.offset = in.position();
            f.kind = r.isMalformed() ? "malformed" : "unmappable";
            return null;
        }
        if (r.isOverflow()) {   // cannot happen with maxCharsPerByte sizing; be strict anyway
            f.offset = in.position();
            f.kind = "overflow";
            return null;
        }
        return new String(out.array(), 0, out.position());
    }

    /** Null when {@code text} is plausible for {@code cs}, else why not (see the class comment). */
    static String implausible(Charset cs, String text) {
        if (cs.name().startsWith("UTF-") || cs.newEncoder().maxBytesPerChar() <= 1.0f) {
            return null;
        }
        int nonAscii = 0;
        int cjk = 0;
        int kana = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            nonAscii++;
            if (c >= 0xE000 && c <= 0xF8FF) {
                return "decodes to private-use characters";
            }
            if (c >= 0x3001 && c <= 0x30FF) {
                kana++;
                cjk++;
            } else if (isCjk(c)) {
                cjk++;
            }
        }
        if (cjk * 10L < nonAscii * 9L) {
            return "implausible: " + cjk + " of " + nonAscii + " non-ASCII characters are CJK (< 90 %)";
        }
        if (JAPANESE.contains(cs.name()) && kana == 0) {
            return "implausible: no kana or CJK punctuation";
        }
        return null;
    }

    private static boolean isCjk(char c) {
        return (c >= 0x3000 && c <= 0x33FF)         // CJK punctuation, kana, compatibility
                || (c >= 0x3400 && c <= 0x4DBF)     // CJK extension A
                || (c >= 0x4E00 && c <= 0x9FFF)     // CJK unified ideographs
                || (c >= 0xAC00 && c <= 0xD7AF)     // Hangul syllables
                || (c >= 0x1100 && c <= 0x11FF)     // Hangul jamo
                || (c >= 0x3130 && c <= 0x318F)     // Hangul compatibility jamo
                || (c >= 0xF900 && c <= 0xFAFF)     // CJK compatibility ideographs
                || (c >= 0xFE30 && c <= 0xFE4F)     // CJK compatibility forms
                || (c >= 0xFF00 && c <= 0xFFEF)     // full- and half-width forms
                || (c >= 0x2010 && c <= 0x266F)     // JIS X 0208 row 1-2/8 symbols, arrows, box drawing, circled digits
                || (c >= 0x0391 && c <= 0x03C9)     // Greek row
                || (c >= 0x0401 && c <= 0x0451)     // Cyrillic row
                || c == 0x00A7 || c == 0x00A8 || c == 0x00B0 || c == 0x00B1
                || c == 0x00B4 || c == 0x00B6 || c == 0x00D7 || c == 0x00F7;
    }
}
