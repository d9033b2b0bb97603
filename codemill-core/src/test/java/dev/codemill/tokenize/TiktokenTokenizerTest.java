package dev.codemill.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Codemill's {@code cl100k_base} path ({@link Cl100kPreTokenizer}, {@link BpeRanks},
 * {@link PieceCache}) against the references: pieces and ids of Python {@code tiktoken} 0.14.0
 * ({@code regex.findall} of its {@code pat_str}, {@code encode_ordinary}) on a text of many
 * scripts, and jtokkit 1.1.0's {@code encodeOrdinary} on random text of the characters where
 * the pattern's alternatives meet.
 */
class TiktokenTokenizerTest {
    private static final Tokenizer CL = Tokenizers.byName("cl100k_base");
    private static final Encoding JTOKKIT = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    /** Python, CJK, emoji with a skin-tone modifier, Greek, Arabic-Indic digits, Arabic, NBSP, U+3000, CRLF,
     *  contractions (also {@code 'ſ}), Devanagari with its digits, a combining accent, mathematical letters
     *  outside the BMP, a zero-width space, and white space at the end after line breaks. */
    static final String MANY_SCRIPTS = "# -*- coding: utf-8 -*-\n"
            + "def gr\u00fc\u00dfe(name: str) -> str:\n"
            + "    \"\"\"Return 'hello' in 5 languages; it's fine, they'll see.\"\"\"\n"
            + "    return f\"Gr\u00fc\u00df Gott, {name}! \u4f60\u597d\uff0c\u4e16\u754c \u2014 \u3053\u3093\u306b\u3061\u306f \ud83c\udf0d\ud83d\udc4d\ud83c\udffd\"\n"
            + "\n"
            + "class \u03a9:  # \u0391\u0392\u0393 \u03c3\u03af\u03b3\u03bc\u03b1\n"
            + "    \u03c0 = 3.14159265358979\n"
            + "\tif x != y:\r\n"
            + "\t\treturn 12345 + \u0661\u0662\u0663 + \u00bd\n"
            + "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645  \u00a0nbsp\u3000ideographic\n"
            + "I'M WE'VE THEY'RE '\u017f 'Ll don't\n"
            + "    \n"
            + "Devanagari: \u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e \u0966\u0967\u0968\n"
            + "a\u0301 combining, \ud835\udd18\ud835\udd2b\ud835\udd26\ud835\udd20\ud835\udd2c\ud835\udd21\ud835\udd22 math, \u200b zero width, tab\tend   \n"
            + "\n"
            + "\n"
            + "   ";

    @Test
    void piecesAreTiktokensOnManyScripts() {
        assertThat(pieces(MANY_SCRIPTS)).containsExactly(
                "#", " -*-", " coding", ":", " utf", "-", "8", " -*-\n", "def", " gr\u00fc\u00dfe", "(name",
                ":", " str", ")", " ->", " str", ":\n", "   ", " \"\"\"", "Return", " '", "hello", "'", " in",
                " ", "5", " languages", ";", " it", "'s", " fine", ",", " they", "'ll", " see", ".\"\"\"\n",
                "   ", " return", " f", "\"Gr\u00fc\u00df", " Gott", ",", " {", "name", "}!", " \u4f60\u597d",
                "\uff0c\u4e16\u754c", " \u2014", " \u3053\u3093\u306b\u3061\u306f",
                " \ud83c\udf0d\ud83d\udc4d\ud83c\udffd\"\n\n", "class", " \u03a9", ":", " ", " #",
                " \u0391\u0392\u0393", " \u03c3\u03af\u03b3\u03bc\u03b1", "\n", "   ", " \u03c0", " =", " ",
                "3", ".", "141", "592", "653", "589", "79", "\n", "\tif", " x", " !=", " y", ":\r\n", "\t",
                "\treturn", " ", "123", "45", " +", " ", "\u0661\u0662\u0663", " +", " ", "\u00bd", "\n",
                "\u0645\u0631\u062d\u0628\u0627", " \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "  ",
                "\u00a0nbsp", "\u3000ideographic", "\n", "I", "'M", " WE", "'VE", " THEY", "'RE", " '",
                "\u017f", " '", "Ll", " don", "'t", "\n    \n", "Devanagari", ":", " \u0928\u092e\u0938",
                "\u094d\u0924", "\u0947", " \u0926", "\u0941\u0928", "\u093f\u092f", "\u093e", " ",
                "\u0966\u0967\u0968", "\n", "a", "\u0301", " combining", ",",
                " \ud835\udd18\ud835\udd2b\ud835\udd26\ud835\udd20\ud835\udd2c\ud835\udd21\ud835\udd22",
                " math", ",", " \u200b", " zero", " width", ",", " tab", "\tend", "   \n\n\n   ");
    }

    @Test
    void idsAreTiktokensOnManyScripts() {
        int[] expected = {
                2, 12286, 11058, 25, 10871, 12, 23, 19279, 755, 1099, 2448, 24352, 3232, 25, 610, 8, 1492, 610,
                512, 262, 4304, 5715, 364, 15339, 6, 304, 220, 20, 15823, 26, 433, 596, 7060, 11, 814, 3358,
                1518, 14781, 262, 471, 282, 1, 6600, 2448, 8156, 69109, 11, 314, 609, 92, 0, 220, 57668, 53901,
                3922, 3574, 244, 98220, 2001, 220, 90115, 11410, 234, 235, 9468, 239, 235, 9468, 237, 121,
                1875, 1058, 8008, 102, 25, 220, 674, 8008, 239, 138, 240, 138, 241, 48823, 55241, 60474, 44223,
                19481, 198, 262, 52845, 284, 220, 18, 13, 9335, 20128, 21598, 22905, 4643, 198, 748, 865, 976,
                379, 2904, 197, 862, 220, 4513, 1774, 489, 220, 149, 94, 149, 95, 149, 96, 489, 220, 27154,
                198, 10386, 11318, 30925, 22071, 5821, 28946, 32482, 24102, 32482, 10386, 256, 4194, 5792,
                23249, 95107, 198, 40, 28703, 20255, 6, 4592, 63593, 95253, 364, 129, 123, 364, 43, 75, 1541,
                956, 7361, 14934, 276, 351, 2850, 25, 15272, 101, 88344, 79468, 31584, 97, 35470, 15272, 99,
                73753, 61196, 43411, 107, 24810, 220, 12906, 99, 12906, 100, 12906, 101, 198, 64, 54939, 35271,
                11, 82350, 242, 246, 57352, 242, 104, 57352, 242, 99, 57352, 242, 254, 57352, 242, 105, 57352,
                242, 94, 57352, 242, 95, 7033, 11, 30848, 7315, 2430, 11, 5769, 6379, 262, 1432, 262};
        assertThat(expected).hasSize(218);
        assertThat(CL.encode(MANY_SCRIPTS)).containsExactly(expected);
        assertThat(CL.count(MANY_SCRIPTS)).isEqualTo(218);
        assertThat(CL.decode(CL.encode(MANY_SCRIPTS))).isEqualTo(MANY_SCRIPTS);
        // again, now from the piece cache
        assertThat(CL.encode(MANY_SCRIPTS)).containsExactly(expected);
    }

    /**
     * Random text over the characters where the pattern's alternatives meet; the same ids as jtokkit's
     * encoder. (No unpaired surrogates: jtokkit asserts valid UTF-16, and tests run with {@code -ea}.)
     */
    @Test
    void idsEqualJtokkitsOnRandomText() {
        String[] alphabet = {"a", "Z", "é", "ß", "ſ", "中", "\ud835\udd18", "0", "7", "½", "١", "\u2167", "'", "s", "t", "ll",
            "ve", "RE", "M", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u001f", ".",
            "(", "{", "-", "\"", "\ud83d\ude00", "\u0301", "\u200b", "_", "x", "ab", "     ", "\n\n"};
        Random r = new Random(20261207);
        for (int k = 0; k < 3000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(40);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
            String s = sb.toString();
            assertThat(CL.encode(s)).as("ids of %s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .containsExactly(JTOKKIT.encodeOrdinary(s).toArray());
            assertThat(CL.count(s)).isEqualTo(JTOKKIT.countTokensOrdinary(s));
        }
    }

    /** Pieces longer than the cache keeps (33+ chars) and than the BPE table takes (256+ bytes, to jtokkit). */
    @Test
    void longPiecesEqualJtokkits() {
        for (String s : List.of("x" + "abcdefghij".repeat(4), "é".repeat(200), "pneumonoultramicroscopic".repeat(20),
                " ".repeat(300) + "y", "\n".repeat(100) + "  ", "(".repeat(500), "9".repeat(100))) {
            assertThat(CL.encode(s)).containsExactly(JTOKKIT.encodeOrdinary(s).toArray());
        }
    }

    /**
     * Lone surrogates (a piece character of its own, encoded as its 3-byte form): the ids the
     * String-based path of main a22f504 gave, kept as golden values for the array-based path.
     */
    @Test
    void loneSurrogatesKeepTheirIds() {
        assertThat(CL.encode("a\ud800b")).containsExactly(64, 169, 64319, 65);
        assertThat(CL.encode("x = '\udc00'\n")).containsExactly(87, 284, 364, 169, 108, 222, 1270);
        assertThat(CL.encode("\ud83d\ude00\ud800 \udfff\ud83d")).containsExactly(76460, 222, 169, 64319, 10997, 123, 123, 169, 254, 121);
        assertThat(CL.encode("\ud800")).containsExactly(169, 64319);
        assertThat(CL.encode("caf\u00e9 \udbff\u4e2d\u6587 '\ud800s")).containsExactly(936, 59958, 10997, 107, 123, 16325, 17161, 364, 169,
                64319, 82);
    }

    /** Texts longer than the per-thread char array starts with (16 Ki chars), Latin-1 and UTF-16, then a short one. */
    @Test
    void longTextsOfManyScriptsEqualJtokkits() {
        String[] alphabet = {"def ", "x", "_1", "(", ")", "\n", "    ", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "'s",
            "12345", "\u0416\u0438", " ", "\t", "\r\n", "\u3000", "//"};
        Random r = new Random(1207);
        for (int k = 0; k < 12; k++) {
            StringBuilder sb = new StringBuilder();
            int len = 5000 + r.nextInt(30000);
            while (sb.length() < len) {
                sb.append(alphabet[r.nextInt(k % 2 == 0 ? 7 : alphabet.length)]);
            }
            String s = sb.toString();
            assertThat(CL.encode(s)).containsExactly(JTOKKIT.encodeOrdinary(s).toArray());
            assertThat(CL.count(s)).isEqualTo(JTOKKIT.countTokensOrdinary(s));
        }
        assertThat(CL.encode(" hello")).containsExactly(24748);
    }

    /**
     * Every token of the rank file is found with its own rank (the short ones in the table slot
     * itself, the longer ones through the byte compare), and byte strings next to tokens (a byte
     * more, a byte changed) are found exactly when the rank file holds them.
     */
    @Test
    void everyTokenHasItsRankAndNeighboursAreFoundExactlyWhenTokens() throws Exception {
        java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
        List<byte[]> tokens = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                TiktokenTokenizer.class.getResourceAsStream(TiktokenTokenizer.CL100K_RANKS), java.nio.charset.StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    int sp = line.indexOf(' ');
                    byte[] b = java.util.Base64.getDecoder().decode(line.substring(0, sp));
                    ranks.put(HexFormat.of().formatHex(b), Integer.parseInt(line.substring(sp + 1)));
                    tokens.add(b);
                }
            }
        }
        BpeRanks table = BpeRanks.load(TiktokenTokenizer.CL100K_RANKS);
        assertThat(tokens).hasSize(100256);
        int inline = 0;
        Random r = new Random(5);
        for (byte[] b : tokens) {
            byte[] padded = new byte[b.length + 2];
            System.arraycopy(b, 0, padded, 1, b.length);
            assertThat(table.rank(padded, 1, 1 + b.length)).isEqualTo(ranks.get(HexFormat.of().formatHex(b)));
            inline += b.length <= BpeRanks.INLINE_BYTES ? 1 : 0;
            padded[1 + b.length] = (byte) r.nextInt(256); // one byte more
            byte[] more = java.util.Arrays.copyOfRange(padded, 1, 2 + b.length);
            assertThat(table.rank(padded, 1, 2 + b.length)).isEqualTo(ranks.getOrDefault(HexFormat.of().formatHex(more), Integer.MAX_VALUE));
            padded[b.length] ^= (byte) (1 + r.nextInt(255)); // last byte changed
            byte[] changed = java.util.Arrays.copyOfRange(padded, 1, 1 + b.length);
            assertThat(table.rank(padded, 1, 1 + b.length)).isEqualTo(ranks.getOrDefault(HexFormat.of().formatHex(changed), Integer.MAX_VALUE));
        }
        assertThat(inline).isBetween(30000, 90000); // both kinds of slot are exercised
    }

    /** The ranks Codemill reads from jtokkit's jar are OpenAI's: tiktoken's expected SHA-256 of {@code cl100k_base.tiktoken}. */
    @Test
    void rankFileIsOpenAis() throws Exception {
        try (InputStream in = TiktokenTokenizer.class.getResourceAsStream(TiktokenTokenizer.CL100K_RANKS)) {
            assertThat(in).as(TiktokenTokenizer.CL100K_RANKS).isNotNull();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
                    .isEqualTo("223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7");
        }
        BpeRanks ranks = BpeRanks.load(TiktokenTokenizer.CL100K_RANKS);
        byte[] hello = " helloworld".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ranks.rank(hello, 1, 6)).isEqualTo(15339); // tiktoken's ranks: b"hello"
        assertThat(ranks.rank(hello, 0, 6)).isEqualTo(24748); // b" hello"
        assertThat(ranks.rank(hello, 1, 5)).isEqualTo(57195); // b"hell"
        assertThat(ranks.rank(hello, 1, 11)).isEqualTo(Integer.MAX_VALUE); // b"helloworld": no token
        assertThat(ranks.rank(new byte[] {(byte) 0xFF}, 0, 1)).isEqualTo(187); // tiktoken: the byte 0xFF (GPT-2 byte order)
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (int pos = 0; pos < text.length(); ) {
            int end = Cl100kPreTokenizer.pieceEnd(text, pos);
            out.add(text.substring(pos, end));
            pos = end;
        }
        return out;
    }
}
