package dev.codemill.stages.detect;

import dev.codemill.stage.Check;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a file's bytes into text, strictly: every decoder runs with
 * {@link java.nio.charset.CodingErrorAction#REPORT}, so a byte sequence that is not valid in a
 * candidate encoding rejects that candidate; nothing is ever replaced by U+FFFD. Immutable and
 * thread-safe.
 *
 * <h2>Order of decisions (first match wins)</h2>
 * <ol>
 *   <li>Empty file: text {@code ""}, encoding {@code UTF-8}.</li>
 *   <li>Byte-order mark (Unicode §23.8): {@code 00 00 FE FF} UTF-32BE, {@code FF FE 00 00}
 *       UTF-32LE, {@code EF BB BF} UTF-8 (recorded {@code UTF-8 (BOM)}), {@code FE FF} UTF-16BE,
 *       {@code FF FE} UTF-16LE. The BOM is authoritative, above any declaration (as in the
 *       WHATWG Encoding Standard's BOM sniffing and PEP 263): the rest is decoded in that
 *       encoding only; a failure is {@code undecodable}. For UTF-16/32 the binary check runs on
 *       the decoded characters ({@link BinaryDetector#inspectChars}).</li>
 *   <li>Binary signature ({@link BinaryDetector#magic}): {@code binary}, {@code magic:NAME}.</li>
 *   <li>UTF-16 without BOM: the sniff window has even length, at least 2 code units, at least
 *       60 % of them look like {@code XX 00} (LE) resp. {@code 00 XX} (BE) with XX non-zero, and
 *       the opposite pattern occurs at most a tenth as often (cloc #696; Notepad's
 *       {@code IsTextUnicode} uses the same statistic). Decoded strictly (recorded
 *       {@code UTF-16LE (no BOM)}); if that fails, the file goes on to the byte checks.</li>
 *   <li>Binary byte checks on the sniff window: NUL bytes, control share.</li>
 *   <li>Pure ASCII (checked 8 bytes at a time) is {@code UTF-8} without a decoder (a declaration
 *       could not change the text), unless it holds ESC, the shift of the 7-bit ISO-2022
 *       charsets: then it goes through the two steps below.</li>
 *   <li>Declared encoding ({@link EncodingDeclaration}: PEP 263, Emacs, Vim, XML, HTML meta,
 *       CSS {@code @charset}): used when the bytes decode strictly under it and the text is not
 *       implausible ({@link #DECLARED_MIN_PLAUSIBILITY}). It is rejected (and the rejection
 *       recorded) when they do not, when the label is unknown or names
 *       UTF-16/32, and when it names a single-byte charset but the bytes are valid UTF-8 with
 *       multi-byte sequences (an editor re-saved the file as UTF-8 and kept the old cookie).</li>
 *   <li>Strict UTF-8.</li>
 *   <li>Statistical detection among the {@link #legacy()} candidates ({@link StatisticalDetector}:
 *       ICU4J's CharsetDetector refined by {@link ScriptPlausibility}). Below
 *       {@link #minConfidence()} the file is {@code undecodable} (limit {@code confidence >=
 *       FLOOR}, detail naming the chosen and the competing reading): a guess between two
 *       readings is mojibake half of the time, and mojibake must not reach dedup or training.</li>
 * </ol>
 *
 * <p>Decoded text cannot hold unpaired surrogates: the strict UTF-8/16/32 decoders reject
 * encoded surrogates and unpaired surrogate code units, and legacy charsets map to BMP
 * characters or proper pairs.
 */
public final class EncodingDetector {
    /**
     * Default legacy candidates for statistical detection, the encodings legacy source is found
     * in: Chinese (GB18030, a superset of GBK and GB 2312; Big5), Japanese (EUC-JP, windows-31j,
     * Microsoft's Shift_JIS that keeps {@code 95 5C} = 表 one character: thtk #92, splat #431),
     * Korean (EUC-KR), Russian (windows-1251, KOI8-R), Western (windows-1252, then ISO-8859-1,
     * which decodes every byte). The order breaks exact ties.
     */
    public static final List<String> DEFAULT_LEGACY = List.of("GB18030", "Big5", "EUC-JP", "windows-31j", "EUC-KR",
            "windows-1251", "KOI8-R", "windows-1252", "ISO-8859-1");
    /** Default floor of the detection confidence below which a file is {@code undecodable}. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.05;
    /**
     * Least {@link ScriptPlausibility} of a detected reading: below it, no candidate reads as
     * text of its script (random bytes, a charset missing from the candidates) and the file is
     * {@code undecodable} whatever the confidence. 0.5 keeps kanji-only Shift_JIS (halved score).
     */
    public static final double MIN_PLAUSIBILITY = 0.5;
    /**
     * Least {@link ScriptPlausibility} of the text a declaration gives: a declaration is strong
     * evidence and is overruled only when its text is hardly text of its script at all (KOI8-R
     * Russian declared Shift_JIS reads as half-width katakana; GBK declared windows-1252 as runs
     * of accented capitals).
     */
    public static final double DECLARED_MIN_PLAUSIBILITY = 0.2;
    /** Japanese charsets (plausibility accepts kana in them). */
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
    private final StatisticalDetector statistical;
    private final double minConfidence;

    /**
     * @param binary        the binary checks (and the sniff window used for the UTF-16 pattern)
     * @param legacy        candidates for statistical detection after UTF-8 fails; may be empty
     *                      (UTF-8 only); UTF-8 itself in the list is skipped
     * @param minConfidence floor in [0, 1] of the detection confidence
     */
    public EncodingDetector(BinaryDetector binary, List<Charset> legacy, double minConfidence) {
        this(binary, legacy, minConfidence, StatisticalDetector.Mode.COMBINED);
    }

    /** With {@link #DEFAULT_MIN_CONFIDENCE}. */
    public EncodingDetector(BinaryDetector binary, List<Charset> legacy) {
        this(binary, legacy, DEFAULT_MIN_CONFIDENCE);
    }

    EncodingDetector(BinaryDetector binary, List<Charset> legacy, double minConfidence, StatisticalDetector.Mode mode) {
        this.binary = Objects.requireNonNull(binary, "binary");
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1]: " + minConfidence);
        }
        List<Charset> kept = new ArrayList<>();
        for (Charset cs : legacy) {
            if (!cs.equals(StandardCharsets.UTF_8) && !kept.contains(cs)) {
                kept.add(cs);
            }
        }
        this.statistical = new StatisticalDetector(kept, mode);
        this.minConfidence = minConfidence;
    }

    /** The defaults: {@link BinaryDetector#defaults()}, {@link #DEFAULT_LEGACY}, {@link #DEFAULT_MIN_CONFIDENCE}. */
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

    /** The legacy candidates of statistical detection (UTF-8 and duplicates removed). */
    public List<Charset> legacy() {
        return statistical.candidates();
    }

    /** The confidence floor of statistical detection. */
    public double minConfidence() {
        return minConfidence;
    }

    /** Decides binary / text / undecodable for one file's bytes (not modified). */
    public DecodedText detect(byte[] bytes) {
        int n = bytes.length;
        if (n == 0) {
            return DecodedText.text("", UTF8, Check.pass(BinaryDetector.RULE, 0.0, "", "empty file"), "empty", 1.0, null);
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
            return utf8Bom(bytes);
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
        boolean ascii = isAscii(bytes, 0);
        if (ascii && indexOf(bytes, (byte) 0x1B) < 0) {
            return DecodedText.text(ascii(bytes, 0), UTF8, bin, "ascii", 1.0, null);
        }
        String utf8 = ascii ? null : StrictDecoder.decode(StandardCharsets.UTF_8, bytes, 0);
        EncodingDeclaration decl = EncodingDeclaration.find(bytes, 0);
        String note = null;
        if (decl != null) {
            note = judge(decl, bytes, utf8);
            if (note == null) {
                String text = StrictDecoder.decode(decl.charset(), bytes, 0);
                return DecodedText.text(text, decl.charset().name(), bin, "declared:" + decl.kind(), 1.0, decl.toString());
            }
        }
        if (ascii) {
            return DecodedText.text(ascii(bytes, 0), UTF8, bin, "ascii", 1.0, note);
        }
        if (utf8 != null) {
            return DecodedText.text(utf8, UTF8, bin, "utf8", 1.0, note);
        }
        return detected(bytes, bin, note);
    }

    /**
     * Null when {@code decl} is to be used, else the declaration and why it was rejected (as
     * recorded). {@code utf8} is the strict UTF-8 text of non-ASCII bytes, or null.
     */
    private static String judge(EncodingDeclaration decl, byte[] bytes, String utf8) {
        if (decl.charset() == null) {
            return decl + " rejected: " + decl.problem();
        }
        StrictDecoder.Failure f = new StrictDecoder.Failure();
        String text = StrictDecoder.decode(decl.charset(), bytes, 0, f);
        if (text == null) {
            return decl + " rejected: " + f.kind + " " + decl.charset().name() + " at byte " + f.offset;
        }
        if (utf8 != null && !decl.charset().equals(StandardCharsets.UTF_8) && !ScriptPlausibility.isMultiByte(decl.charset())) {
            return decl + " rejected: the bytes are valid UTF-8 with multi-byte sequences";
        }
        double plausibility = ScriptPlausibility.score(decl.charset(), text);
        if (plausibility < DECLARED_MIN_PLAUSIBILITY) {
            return String.format(Locale.ROOT, "%s rejected: implausible as %s (plausibility %.3f < %s)",
                    decl, decl.charset().name(), plausibility, DECLARED_MIN_PLAUSIBILITY);
        }
        return null;
    }

    private DecodedText detected(byte[] bytes, Check bin, String note) {
        StatisticalDetector.Result r = statistical.detect(bytes);
        StringBuilder failures = new StringBuilder(UTF8);
        StrictDecoder.Failure f = new StrictDecoder.Failure();
        StrictDecoder.decode(StandardCharsets.UTF_8, bytes, 0, f);
        failures.append('@').append(f.offset);
        for (String fail : r.failures()) {
            failures.append(',').append(fail);
        }
        String declared = note == null ? "" : "; declaration " + note;
        if (r.chosen() == null) {
            return DecodedText.undecodable(bin, failures.toString(),
                    "no candidate decodes strictly: UTF-8 " + f.kind + " at byte " + f.offset
                            + (r.failures().isEmpty() ? "" : "; " + String.join("; ", r.failureDetails())) + declared);
        }
        if (r.chosen().plausibility() < MIN_PLAUSIBILITY) {
            String value = String.format(Locale.ROOT, "%s:plausibility=%.3f", r.chosen().charset().name(), r.chosen().plausibility());
            return DecodedText.undecodable(bin, value, "plausibility >= " + MIN_PLAUSIBILITY,
                    "implausible: no candidate reads as text of its script; best " + value + declared);
        }
        if (r.confidence() < minConfidence) {
            String value = String.format(Locale.ROOT, "%s:%.3f", r.chosen().charset().name(), r.confidence());
            String detail = String.format(Locale.ROOT, "low_confidence: best reading %s (plausibility %.3f, ICU %d)",
                    r.chosen().charset().name(), r.chosen().plausibility(), r.chosen().icu());
            if (r.rival() != null) {
                detail += String.format(Locale.ROOT, " vs %s (plausibility %.3f, ICU %d)",
                        r.rival().charset().name(), r.rival().plausibility(), r.rival().icu());
            }
            return DecodedText.undecodable(bin, value, String.format(Locale.ROOT, "confidence >= %s", minConfidence), detail + declared);
        }
        return DecodedText.text(r.chosen().text(), r.chosen().charset().name(), bin, "detected", r.confidence(), note);
    }

    /** A UTF-8 BOM: the rest must be UTF-8; a contradicting declaration is recorded, not used. */
    private DecodedText utf8Bom(byte[] bytes) {
        Check bin = binary.inspectBytes(bytes, 3);
        if (!bin.passed()) {
            return DecodedText.binary(bin);
        }
        StrictDecoder.Failure f = new StrictDecoder.Failure();
        String text = isAscii(bytes, 3) ? ascii(bytes, 3) : StrictDecoder.decode(StandardCharsets.UTF_8, bytes, 3, f);
        if (text == null) {
            return DecodedText.undecodable(bin, UTF8_BOM + "@" + f.offset,
                    "UTF-8 byte-order mark, but " + f.kind + " UTF-8 at byte " + f.offset + " (a BOM is not second-guessed)");
        }
        EncodingDeclaration decl = EncodingDeclaration.find(bytes, 3);
        String note = decl == null || StandardCharsets.UTF_8.equals(decl.charset()) ? null
                : decl + " rejected: the file starts with a UTF-8 byte-order mark";
        return DecodedText.text(text, UTF8_BOM, bin, "bom", 1.0, note);
    }

    /**
     * Decodes a UTF-16/32 file from {@code from}; then the binary check on the characters.
     * With a BOM a decode failure is {@code undecodable}; without one (a guess) it returns null.
     */
    private DecodedText wide(byte[] bytes, int from, Charset cs, String name, boolean bom) {
        StrictDecoder.Failure f = new StrictDecoder.Failure();
        String text = StrictDecoder.decode(cs, bytes, from, f);
        if (text == null) {
            if (!bom) {
                return null;
            }
            Check bin = Check.pass(BinaryDetector.RULE, "", "", "byte-order mark " + name);
            return DecodedText.undecodable(bin, name + "@" + f.offset,
                    name + " byte-order mark, but " + f.kind + " " + name + " at byte " + f.offset);
        }
        Check bin = binary.inspectChars(text);
        return bin.passed() ? DecodedText.text(text, name, bin, bom ? "bom" : "utf16_pattern", 1.0, null) : DecodedText.binary(bin);
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

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
