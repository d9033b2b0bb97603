package dev.codemill.stages.analysis.text;

import dev.codemill.testkit.SharedCases;
import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineStatsTest {

    @Test
    void emptyTextHasNoLines() {
        LineStats s = LineStats.of("");
        assertThat(s.numLines()).isZero();
        assertThat(s.maxLineLength()).isZero();
        assertThat(s.avgLineLength()).isZero();
        assertThat(s.alphanumFraction()).isZero();
        assertThat(s.utf8Bytes()).isZero();
    }

    @Test
    void finalLineWithoutNewlineCountsAndTrailingNewlineDoesNotAddOne() {
        assertThat(LineStats.of("a").numLines()).isEqualTo(1);
        assertThat(LineStats.of("a\n").numLines()).isEqualTo(1);
        assertThat(LineStats.of("a\nb").numLines()).isEqualTo(2);
        assertThat(LineStats.of("\n").numLines()).isEqualTo(1);
        assertThat(LineStats.of("\n\n").numLines()).isEqualTo(2);
        assertThat(LineStats.of("a\n\nb\n").numLines()).isEqualTo(3);
    }

    @Test
    void crlfIsOneTerminatorAndCrIsNotPartOfTheLine() {
        LineStats s = LineStats.of("ab\r\ncdef\r\n");
        assertThat(s.numLines()).isEqualTo(2);
        assertThat(s.maxLineLength()).isEqualTo(4);
        assertThat(s.avgLineLength()).isEqualTo(3.0);
        LineStats lf = LineStats.of("ab\ncdef\n");
        assertThat(s.maxLineLength()).isEqualTo(lf.maxLineLength());
        assertThat(s.avgLineLength()).isEqualTo(lf.avgLineLength());
        // a lone CR (not before LF) is an ordinary character of its line
        assertThat(LineStats.of("a\rb").maxLineLength()).isEqualTo(3);
        assertThat(LineStats.of("a\rb").numLines()).isEqualTo(1);
    }

    @Test
    void lineLengthsAreCodePointsAndEmojiCountsOnce() {
        String text = "x = \"\uD83D\uDE42\"\n\u6c47\u603b\n"; // x = "🙂" / 汇总
        LineStats s = LineStats.of(text);
        assertThat(s.numLines()).isEqualTo(2);
        assertThat(s.maxLineLength()).isEqualTo(7);
        assertThat(s.avgLineLength()).isEqualTo(4.5);
        assertThat(s.codePoints()).isEqualTo(11);
        // x, 汇, 总 are letters; the emoji is one non-alnum code point, not two surrogates
        assertThat(s.alphanumFraction()).isEqualTo(3.0 / 11);
        assertThat(s.utf8Bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void utf8LengthMatchesTheJdkEncoderIncludingLoneSurrogates() {
        String text = "a\u00e9\u20ac\uD83D\uDE42\uD800z";
        assertThat(LineStats.of(text).utf8Bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    @NeedsShared("cases/C12_alnum_fraction_cjk")
    void caseC12AlnumFractionPerCodePoint() throws Exception {
        var dir = SharedCases.caseDir("C12_");
        LineStats zh = LineStats.of(SharedCases.read(dir.resolve("zh_comments.py")));
        LineStats banner = LineStats.of(SharedCases.read(dir.resolve("banner.py")));
        assertThat(zh.alphanumFraction()).isCloseTo(0.600, within(0.005));
        assertThat(zh.codePoints()).isEqualTo(365);
        assertThat(zh.alphanumFraction()).isEqualTo(219.0 / 365);
        assertThat(banner.alphanumFraction()).isCloseTo(0.039, within(0.005));
        assertThat(banner.alphanumFraction()).isLessThan(0.25);
        assertThat(zh.alphanumFraction()).isGreaterThanOrEqualTo(0.25);
    }

    @Test
    void latin1LettersAndDigitsCountSignsDoNot() {
        // é º ÿ are letters (º is Lo), ² is No, × and ÷ are Sm: 7 of 12 code points; Latin-1 is 2 UTF-8 bytes
        LineStats s = LineStats.of("caf\u00e9 \u00b2\u00d7\u00ba1 \u00ff\u00f7");
        assertThat(s).isEqualTo(new LineStats(1, 12, 12, 7, 12, 18));
    }

    @Test
    void crlfAndSurrogatePairsAcrossA4096CharBoundary() {
        // CR at index 4095, LF at 4096; the pair right after
        LineStats s = LineStats.of("x".repeat(4095) + "\r\n" + "\ud83d\ude00y\n");
        assertThat(s).isEqualTo(new LineStats(2, 4095, 4097, 4096, 4100, 4103));
    }

    @Test
    void textLongerThanTheKeptBufferThenAShortOne() {
        // 1,200,003 chars: more than TextChars keeps per thread; the next, short text must not see its chars
        LineStats big = LineStats.of("a\n".repeat(600000) + "\u4e2d\r\n");
        assertThat(big).isEqualTo(new LineStats(600001, 1, 600001, 600001, 1200003, 1200005));
        assertThat(LineStats.of("ab")).isEqualTo(new LineStats(1, 2, 2, 2, 2, 2));
        assertThat(LineStats.of("")).isEqualTo(new LineStats(0, 0, 0, 0, 0, 0));
    }

    @Test
    void nonLatin1LettersDigitsSignsAndSupplementaryCodePoints() {
        // 中文 (Lo Lo), Ж (Lu), ω (Ll), ٣ (Arabic-Indic digit, Nd), → (Sm), ─ (So), ‿ (Pc), U+0301 (Mn),
        // 𝐀 (U+1D400, Lu outside the BMP), 😀 (So outside the BMP), a lone high surrogate
        String text = "\u4e2d\u6587\u0416\u03c9\u0663\u2192\u2500\u203f\u0301\n\ud835\udc00\ud83d\ude00\ud800";
        // line 1: 9 code points (5 alnum), line 2: 3 code points (1 alnum); UTF-8: 3+3+2+2+2+3+3+3+2+1+4+4+1
        assertThat(LineStats.of(text)).isEqualTo(new LineStats(2, 9, 12, 6, 13, 33));
        assertThat(LineStats.of(text).utf8Bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void agreesWithAPlainCodePointDefinitionOnRandomTexts() {
        // chars where the branches meet: ASCII, CR/LF, Latin-1, Greek/Cyrillic, combining marks, CJK,
        // symbols, both surrogate halves (paired and lone), supplementary letters and emoji
        char[] pool = {'a', 'Z', '7', ' ', '_', '\n', '\r', '\t', '\u00e9', '\u00d7', '\u00ba', '\u00a0',
            '\u0416', '\u03c9', '\u0301', '\u0663', '\u4e2d', '\u3000', '\u2192', '\uff10', '\uac00',
            '\ud835', '\udc00', '\ud83d', '\ude00', '\uffff', '\u0800', '\u07ff'};
        java.util.Random rnd = new java.util.Random(20261207);
        for (int t = 0; t < 20000; t++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(t % 100 == 0 ? 5000 : 40);
            for (int i = 0; i < len; i++) {
                b.append(pool[rnd.nextInt(pool.length)]);
            }
            String text = b.toString();
            LineStats expected = reference(text);
            if (!LineStats.of(text).equals(expected)) {
                assertThat(LineStats.of(text)).as("text %d %s", t, text.chars().mapToObj(Integer::toHexString).toList())
                        .isEqualTo(expected);
            }
        }
    }

    /** The definitions of the class Javadoc, written the plain way (split, code points, the JDK encoder). */
    private static LineStats reference(String text) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            lines.add(text.substring(start, i));
            start = i + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        long max = 0;
        long total = 0;
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            boolean terminated = k < lines.size() - 1 || text.endsWith("\n");
            if (terminated && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            long len = line.codePointCount(0, line.length());
            max = Math.max(max, len);
            total += len;
        }
        long alnum = text.codePoints().filter(Character::isLetterOrDigit).count();
        long cps = text.codePointCount(0, text.length());
        return new LineStats(lines.size(), max, total, alnum, cps, text.getBytes(StandardCharsets.UTF_8).length);
    }
}
