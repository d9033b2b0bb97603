package dev.codemill.stages.detect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Locale;

/**
 * How well a decoded text looks like real text in the decoding charset's script: the share (0..1)
 * of its non-ASCII characters that are "good". Text with no non-ASCII character scores 1.
 *
 * <ul>
 *   <li><b>CJK multi-byte charsets</b>: a character is good when its code lies in the charset's
 *       frequent area: the first level of hanzi/kanji (which the standards sort by frequency or
 *       give to the common characters), Hangul, kana, and the symbol rows. GB 2312 level 1
 *       {@code B0A1–D7F9}, symbols {@code A1A1–A3FE}; Big5 level 1 {@code A440–C67E}, symbols
 *       {@code A140–A3BF}; KS X 1001 Hangul {@code B0A1–C8FE}, symbols {@code A1A1–A3FE}; EUC-JP
 *       kana {@code A4A1–A5F6}, JIS level 1 {@code B0A1–CFD3}, symbols {@code A1A1–A3FE};
 *       Shift_JIS the same rows ({@code 8140–81FC}, {@code 824F–8396}, {@code 889F–9872}); the
 *       7-bit ISO-2022 forms by their EUC table; another multi-byte charset scores a neutral 0.5.
 *       Bytes of another script decoded as a CJK charset land mostly in the rare second level.
 *       Kana counts as bad in the Chinese and Korean charsets (Chinese and Korean text hardly
 *       uses it; Japanese bytes read as GB or KS X 1001 keep their kana rows). The score is
 *       0 when the text has no ideograph, kana or Hangul at all (symbol rows
 *       alone), halved for a Japanese charset when the text has no kana at all (kanji-only bytes fit a
 *       Chinese reading just as well), and for a Chinese charset when more than 1 in 20
 *       ideographs stand between spaces (Korean word spacing read as hanzi).</li>
 *   <li><b>Single-byte charsets</b>, by the character's script: a Latin letter or Western
 *       symbol (Latin-1 signs, general punctuation, euro, trade mark; not box drawing) is good when at most 2 non-ASCII characters stand together (Western text puts
 *       accented letters between ASCII ones; CJK or Cyrillic bytes read as windows-1252 make
 *       long runs); a letter of another script is good when its word is all lower case, all
 *       upper case or capitalised and has no ASCII letter. For a cased non-Latin script the score is halved when less
 *       than half of its letters are lower case (KOI8-R and windows-1251 swap the cases of each
 *       other's letters). C1 controls and private-use characters are bad.</li>
 * </ul>
 */
final class ScriptPlausibility {
    /** Characters scored at most (the start of the text); enough to judge, bounded cost. */
    static final int MAX_CHARS = 16_384;

    private ScriptPlausibility() {
    }

    /** The score of {@code text} decoded from {@code cs}, in [0, 1]. */
    static double score(Charset cs, String text) {
        if (cs.name().startsWith("UTF-")) {
            return 1.0;
        }
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return isMultiByte(cs) ? cjk(cs, t) : singleByte(t);
    }

    static boolean isMultiByte(Charset cs) {
        return cs.canEncode() && cs.newEncoder().maxBytesPerChar() > 1.0f;
    }

    private static double cjk(Charset declared, String t) {
        Charset cs = tableCharset(declared);
        if (cs == null) {
            return 0.5;     // a multi-byte charset without a frequency table: neutral
        }
        String name = cs.name().toUpperCase(Locale.ROOT);
        boolean japanese = EncodingDetector.JAPANESE.contains(cs.name());
        CharsetEncoder enc = cs.newEncoder();
        ByteBuffer buf = ByteBuffer.allocate(8);
        boolean chinese = name.startsWith("GB") || name.contains("BIG5") || name.contains("950");
        int nonAscii = 0;
        int good = 0;
        int kanaCount = 0;
        int han = 0;
        int hanSpaceHan = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' && i > 0 && i + 1 < t.length() && isHan(t.charAt(i - 1)) && isHan(t.charAt(i + 1))) {
                hanSpaceHan++;
            }
            if (c < 0x80) {
                continue;
            }
            nonAscii++;
            if (Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xF8FF)) {
                continue;
            }
            boolean kana = c >= 0x3040 && c <= 0x30FF;
            kanaCount += kana ? 1 : 0;
            han += isHan(c) ? 1 : 0;
            if (kana && !japanese) {
                continue;
            }
            buf.clear();
            enc.reset();
            if (enc.encode(CharBuffer.wrap(new char[] {c}), buf, true).isError() || buf.position() != 2) {
                continue;
            }
            int code = ((buf.get(0) & 0xFF) << 8) | (buf.get(1) & 0xFF);
            if (frequent(name, japanese, code)) {
                good++;
            }
        }
        if (nonAscii == 0) {
            return 1.0;
        }
        if (han + kanaCount == 0 && !hasHangul(t)) {
            return 0.0;     // symbol rows only (a full-width bar, a box corner): no evidence of any CJK script
        }
        double score = good / (double) nonAscii;
        if (japanese && kanaCount == 0) {
            score /= 2;     // Japanese text without a single kana is rare; kanji-only bytes fit Chinese as well
        }
        if (chinese && hanSpaceHan * 20 > han) {
            score /= 2;     // spaces between ideographs: Korean word spacing read as hanzi
        }
        return score;
    }

    private static boolean hasHangul(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 0xAC00 && c <= 0xD7AF) {
                return true;
            }
        }
        return false;
    }

    /**
     * The charset whose code table scores {@code cs}: itself for the EUC, GB, Big5 and Shift_JIS
     * families; the EUC form for the 7-bit ISO-2022 forms (same character set); null otherwise.
     */
    private static Charset tableCharset(Charset cs) {
        String n = cs.name().toUpperCase(Locale.ROOT);
        if (n.startsWith("ISO-2022-JP") || n.equals("X-WINDOWS-50220") || n.equals("X-WINDOWS-50221") || n.equals("X-WINDOWS-ISO2022JP")) {
            return Charset.forName("EUC-JP");
        }
        if (n.equals("ISO-2022-KR")) {
            return Charset.forName("EUC-KR");
        }
        if (n.startsWith("ISO-2022-CN")) {
            return Charset.forName("GBK");
        }
        boolean known = n.startsWith("GB") || n.contains("BIG5") || n.contains("950") || n.contains("KR") || n.contains("949")
                || EncodingDetector.JAPANESE.contains(cs.name());
        return known ? cs : null;
    }

    private static boolean isHan(char c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0xF900 && c <= 0xFAFF;
    }

    private static boolean frequent(String name, boolean japanese, int code) {
        int lead = code >> 8;
        int trail = code & 0xFF;
        if (name.startsWith("GB")) {
            return trail >= 0xA1 && ((lead >= 0xB0 && lead <= 0xD7) || (lead >= 0xA1 && lead <= 0xA3)) && code <= 0xD7F9;
        }
        if (name.contains("BIG5") || name.contains("950")) {
            return (code >= 0xA440 && code <= 0xC67E) || (code >= 0xA140 && code <= 0xA3BF);
        }
        if (name.contains("KR") || name.contains("949")) {
            return trail >= 0xA1 && ((lead >= 0xB0 && lead <= 0xC8) || (lead >= 0xA1 && lead <= 0xA3));
        }
        if (japanese && name.contains("EUC")) {
            return trail >= 0xA1 && (code >= 0xA1A1 && code <= 0xA3FE || code >= 0xA4A1 && code <= 0xA5F6
                    || code >= 0xB0A1 && code <= 0xCFD3);
        }
        if (japanese) {   // Shift_JIS family
            return code >= 0x8140 && code <= 0x81FC || code >= 0x824F && code <= 0x8396 || code >= 0x889F && code <= 0x9872;
        }
        return false;
    }

    private static double singleByte(String t) {
        int nonAscii = 0;
        int good = 0;
        int cased = 0;
        int lower = 0;
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (c < 0x80) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < n && t.charAt(runEnd) >= 0x80) {
                runEnd++;
            }
            int wordStart = i;
            while (wordStart > 0 && Character.isLetter(t.charAt(wordStart - 1))) {
                wordStart--;
            }
            int wordEnd = runEnd;
            while (wordEnd < n && Character.isLetter(t.charAt(wordEnd))) {
                wordEnd++;
            }
            boolean shaped = wellShaped(t, wordStart, wordEnd);
            for (int k = i; k < runEnd; k++) {
                char d = t.charAt(k);
                nonAscii++;
                if (d < 0xA0 || (d >= 0xE000 && d <= 0xF8FF)) {
                    continue;
                }
                Character.UnicodeScript script = Character.UnicodeScript.of(d);
                if (script == Character.UnicodeScript.LATIN || westernSymbol(d)) {
                    boolean lone = Character.isUpperCase(d) && !hasAsciiLetter(t, wordStart, wordEnd);
                    if (runEnd - i <= 2 && !lone) {
                        good++;
                    }
                } else if (Character.isLetter(d)) {
                    if (shaped) {
                        good++;
                    }
                    if (Character.isUpperCase(d) || Character.isLowerCase(d)) {
                        cased++;
                        lower += Character.isLowerCase(d) ? 1 : 0;
                    }
                }
            }
            i = runEnd;
        }
        if (nonAscii == 0) {
            return 1.0;
        }
        double score = good / (double) nonAscii;
        return cased > 0 && lower * 2 < cased ? score / 2 : score;
    }

    private static boolean hasAsciiLetter(String t, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c < 0x80 && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** Latin-1 symbols (not the rare ¤ ¦ ¨ ¬ soft hyphen ¯ ´ ¸), general punctuation (dashes, quotes, bullet, ellipsis), euro and trade mark signs. */
    private static boolean westernSymbol(char d) {
        return (d >= 0xA0 && d <= 0xBF && "\u00A4\u00A6\u00A8\u00AC\u00AD\u00AF\u00B4\u00B8".indexOf(d) < 0) || d == 0xD7 || d == 0xF7 || (d >= 0x2010 && d <= 0x203A) || d == 0x20AC || d == 0x2122;
    }

    /**
     * All lower case, all upper case, or one capital then lower case (letters only), and no
     * ASCII letter in the word (a Cyrillic or Greek letter inside a Latin word is mojibake).
     */
    private static boolean wellShaped(String t, int from, int to) {
        int upper = 0;
        int lowerAfterUpper = 0;
        boolean sawLower = false;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c < 0x80) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                if (sawLower) {
                    return false;   // upper after lower: mIxEd
                }
                upper++;
            } else if (Character.isLowerCase(c)) {
                sawLower = true;
                if (upper > 0) {
                    lowerAfterUpper++;
                }
            }
        }
        return upper <= 1 || lowerAfterUpper == 0;
    }
}
