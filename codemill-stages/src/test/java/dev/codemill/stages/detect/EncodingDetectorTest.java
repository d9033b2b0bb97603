package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodingDetectorTest {
    private static final EncodingDetector DEFAULTS = EncodingDetector.defaults();

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static EncodingDetector withLegacy(String... names) {
        return new EncodingDetector(BinaryDetector.defaults(), EncodingDetector.charsets(List.of(names)));
    }

    @Test
    void emptyFileIsEmptyUtf8Text() {
        DecodedText d = DEFAULTS.detect(new byte[0]);
        assertThat(d.isText()).isTrue();
        assertThat(d.text()).isEmpty();
        assertThat(d.encoding()).isEqualTo("UTF-8");
    }

    @Test
    void pureAsciiIsUtf8() {
        DecodedText d = DEFAULTS.detect("def f(x):\r\n\treturn x\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.text()).isEqualTo("def f(x):\r\n\treturn x\n");
        assertThat(d.encoding()).isEqualTo("UTF-8");
    }

    @Test
    void utf8WithFourByteEmojiDecodesToASurrogatePair() {
        byte[] b = concat("s = \"".getBytes(StandardCharsets.US_ASCII), bytes(0xF0, 0x9F, 0x98, 0x80),
                "\"  # é\n".getBytes(StandardCharsets.UTF_8));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.encoding()).isEqualTo("UTF-8");
        assertThat(d.text()).isEqualTo("s = \"\uD83D\uDE00\"  # \u00E9\n");
        assertThat(d.text().codePointAt(5)).isEqualTo(0x1F600);
    }

    @Test
    void utf16BeWithBomDropsTheBom() {
        byte[] b = concat(bytes(0xFE, 0xFF), "int x;\r\n// \u00FC\n".getBytes(StandardCharsets.UTF_16BE));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.encoding()).isEqualTo("UTF-16BE");
        assertThat(d.text()).isEqualTo("int x;\r\n// \u00FC\n");
    }

    @Test
    void utf16BeWithoutBomIsFoundByTheNulPattern() {
        byte[] b = "public class A {}\n".getBytes(StandardCharsets.UTF_16BE);
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.encoding()).isEqualTo("UTF-16BE (no BOM)");
        assertThat(d.text()).isEqualTo("public class A {}\n");
    }

    @Test
    void utf32LeBomIsNotMistakenForUtf16Le() {
        byte[] b = concat(bytes(0xFF, 0xFE, 0, 0), "ok\n".getBytes(Charset.forName("UTF-32LE")));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.encoding()).isEqualTo("UTF-32LE");
        assertThat(d.text()).isEqualTo("ok\n");
    }

    @Test
    void utf16LeBomWithOddLengthIsUndecodable() {
        byte[] b = concat(bytes(0xFF, 0xFE), "ab".getBytes(StandardCharsets.UTF_16LE), bytes(0x41));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.isUndecodable()).isTrue();
        assertThat(d.verdict().rule()).isEqualTo("undecodable");
        assertThat(d.verdict().value()).isEqualTo("UTF-16LE@6");
    }

    @Test
    void utf16LeBomWithUnpairedSurrogateIsUndecodable() {
        byte[] b = concat(bytes(0xFF, 0xFE), "a".getBytes(StandardCharsets.UTF_16LE), bytes(0x00, 0xD8),
                "b".getBytes(StandardCharsets.UTF_16LE));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.isUndecodable()).isTrue();
        assertThat(d.verdict().value()).isEqualTo("UTF-16LE@4");
    }

    @Test
    void utf16LeBomWithNulCharactersIsBinary() {
        byte[] b = concat(bytes(0xFF, 0xFE), "a\u0000b".getBytes(StandardCharsets.UTF_16LE));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.isBinary()).isTrue();
        assertThat(d.verdict().detail()).isEqualTo("nul_chars");
        assertThat(d.verdict().value()).isEqualTo("1");
    }

    @Test
    void littleEndianUint16TableLooksLikeUtf16ButItsCharactersAreControls() {
        byte[] b = new byte[40];
        for (int i = 0; i < 20; i++) {
            b[2 * i] = (byte) (i + 1);   // 1..20, high byte 0
        }
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.isBinary()).isTrue();
        assertThat(d.verdict().detail()).isEqualTo("control_chars");
        assertThat(d.verdict().value()).isEqualTo("0.8");   // 16 of 20: all but \t \n \f \r
        assertThat(d.verdict().limit()).isEqualTo("<= 0.3");
    }

    @Test
    void utf8BomFollowedByInvalidUtf8IsUndecodableNotLegacy() {
        byte[] b = concat(bytes(0xEF, 0xBB, 0xBF), "caf".getBytes(StandardCharsets.US_ASCII), bytes(0xE9, 0x0A));
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.isUndecodable()).isTrue();
        assertThat(d.verdict().value()).isEqualTo("UTF-8 (BOM)@6");
    }

    @Test
    void invalidUtf8WithUtf8OnlyCandidatesIsUndecodableWithOffset() {
        byte[] b = concat("abc".getBytes(StandardCharsets.US_ASCII), bytes(0xC3, 0x28), "def\n".getBytes(StandardCharsets.US_ASCII));
        DecodedText d = withLegacy("UTF-8").detect(b);
        assertThat(d.isUndecodable()).isTrue();
        assertThat(d.verdict().value()).isEqualTo("UTF-8@3");
        assertThat(d.verdict().detail()).isEqualTo("no candidate decodes strictly: UTF-8 malformed at byte 3");
        assertThat(d.binaryCheck().passed()).isTrue();
    }

    @Test
    void randomTextLikeBytesAreUndecodableWithUtf8OnlyAndLegacyWithTheDefaults() {
        Random random = new Random(42);
        byte[] b = new byte[4000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (0x20 + random.nextInt(0xE0));   // 0x20..0xFF: no control byte, no NUL
        }
        assertThat(BinaryDetector.defaults().inspectBytes(b, 0).passed()).isTrue();
        DecodedText strictOnly = withLegacy("UTF-8").detect(b);
        assertThat(strictOnly.isUndecodable()).isTrue();
        assertThat(strictOnly.verdict().value()).startsWith("UTF-8@");

        DecodedText d = DEFAULTS.detect(b);
        boolean undefinedIn1252 = false;
        for (byte x : b) {
            int v = x & 0xFF;
            undefinedIn1252 |= v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D;
        }
        assertThat(undefinedIn1252).isTrue();
        // random high bytes are no script's text: every reading is implausible, so no guess is kept
        assertThat(d.isUndecodable()).as(d.encoding() + " " + d.confidence() + " " + d.encodingCheck()).isTrue();
        assertThat(d.verdict().detail()).startsWith("implausible: no candidate reads as text of its script; best ");
        assertThat(d.verdict().limit()).isEqualTo("plausibility >= 0.5");

        DecodedText no8859 = withLegacy("windows-31j", "windows-1252").detect(b);
        assertThat(no8859.isUndecodable()).isTrue();
        assertThat(no8859.verdict().value()).matches("UTF-8@\\d+,windows-31j@\\d+,windows-1252@\\d+");
    }

    @Test
    void windows1252SmartQuotesAndIso88591ForItsUndefinedBytes() {
        DecodedText quotes = DEFAULTS.detect(concat("s = ".getBytes(StandardCharsets.US_ASCII), bytes(0x93, 'h', 'i', 0x94, 0x0A)));
        assertThat(quotes.encoding()).isEqualTo("windows-1252");
        assertThat(quotes.text()).isEqualTo("s = \u201Chi\u201D\n");
        assertThat(quotes.evidence()).isEqualTo("detected");
        // 81 is undefined in windows-1252; ISO-8859-1 reads it as a C1 control, KOI8-R as box
        // drawing, windows-1251 as a Cyrillic capital inside a Latin word: no plausible reading
        DecodedText c1 = DEFAULTS.detect(bytes('a', 0x81, 'b'));
        assertThat(c1.isUndecodable()).as(c1.encoding() + " " + c1.confidence() + " " + c1.text()).isTrue();
        assertThat(c1.verdict().detail()).startsWith("implausible");
    }

    @Test
    void latinTextThatAlsoDecodesAsShiftJisIsNotTakenForJapanese() throws Exception {
        byte[] b = "// \u00E9l\u00E8ve r\u00E9p\u00E9t\u00E9s\n".getBytes(StandardCharsets.ISO_8859_1);
        // the trap: windows-31j accepts these bytes (é + ASCII letter is a valid kanji pair)
        String asSjis = Charset.forName("windows-31j").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        assertThat(asSjis).doesNotContain("\u00E9");
        DecodedText d = DEFAULTS.detect(b);
        assertThat(d.encoding()).isEqualTo("windows-1252");
        assertThat(d.text()).isEqualTo("// \u00E9l\u00E8ve r\u00E9p\u00E9t\u00E9s\n");
    }

    @Test
    void overlongAndSurrogateUtf8AreNotUtf8() {
        DecodedText overlong = withLegacy("windows-1252").detect(bytes('a', 0xC0, 0xAF, 'b'));
        assertThat(overlong.encoding()).isEqualTo("windows-1252");
        assertThat(overlong.text()).isEqualTo("a\u00C0\u00AFb");
        DecodedText surrogate = withLegacy().detect(bytes('a', 0xED, 0xA0, 0x80, 'b'));
        assertThat(surrogate.isUndecodable()).isTrue();
        assertThat(surrogate.verdict().value()).isEqualTo("UTF-8@1");
    }

    @Test
    void candidatesAreConfigurableAndPlausibilityNotOrderDecides() {
        byte[] sjis = "// \u8868\u793A\u3059\u308B\n".getBytes(Charset.forName("windows-31j"));
        assertThat(DEFAULTS.detect(sjis).encoding()).isEqualTo("windows-31j");
        assertThat(DEFAULTS.detect(sjis).text()).isEqualTo("// \u8868\u793A\u3059\u308B\n");
        assertThat(withLegacy("ISO-8859-1", "windows-31j").detect(sjis).encoding()).isEqualTo("windows-31j");
        // a Western-only list: the 8-byte run of high bytes is no Western text, so undecodable, not mojibake
        DecodedText latin = withLegacy("ISO-8859-1").detect(sjis);
        assertThat(latin.isUndecodable()).isTrue();
        assertThat(latin.verdict().value()).isEqualTo("ISO-8859-1:plausibility=0.000");
        assertThat(withLegacy("UTF-8", "windows-1252", "UTF-8").legacy()).containsExactly(Charset.forName("windows-1252"));
    }

    @Test
    void pureKanjiWithoutKanaHalvesTheShiftJisPlausibility() {
        byte[] kanjiOnly = "// \u8868\u793A\n".getBytes(Charset.forName("windows-31j"));   // 表示: 95 5C 8E A6
        assertThat(ScriptPlausibility.score(Charset.forName("windows-31j"), "// \u8868\u793A\n")).isEqualTo(0.5);
        assertThat(ScriptPlausibility.score(Charset.forName("windows-31j"), "// \u8868\u793A\u3059\n")).isEqualTo(0.5 / 0.5 * 1.0);
        DecodedText d = DEFAULTS.detect(kanjiOnly);
        assertThat(d.encoding()).isEqualTo("windows-31j");
        assertThat(d.text()).isEqualTo("// \u8868\u793A\n");
    }

    @Test
    void utf16PatternNeedsEvenLengthAndEnoughUnits() {
        assertThat(DEFAULTS.utf16Pattern("ab".getBytes(StandardCharsets.UTF_16LE))).isEqualTo(-1);
        assertThat(DEFAULTS.utf16Pattern("ab".getBytes(StandardCharsets.UTF_16BE))).isEqualTo(1);
        assertThat(DEFAULTS.utf16Pattern(bytes('a', 0))).isZero();
        assertThat(DEFAULTS.utf16Pattern(bytes('a', 0, 'b', 0, 'c'))).isZero();
        assertThat(DEFAULTS.utf16Pattern("abcd".getBytes(StandardCharsets.US_ASCII))).isZero();
    }
}
