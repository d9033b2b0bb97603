package dev.codemill.stages.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.dedup.near.Normaliser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.openhft.hashing.LongTupleHashFunction;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    /** The definition: XXH3-128 of the UTF-8 bytes of the normalised text, as 32 hex chars. */
    private static String reference(String text) {
        long[] h = LongTupleHashFunction.xx128().hashBytes(Normaliser.normalise(text).getBytes(StandardCharsets.UTF_8));
        return String.format("%016x%016x", h[0], h[1]);
    }

    @Test
    void goldenValueAndWhitespaceOnlyDifferencesHashAlike() {
        String h = ContentHash.of("def f():\n    return 1\n");
        assertThat(h).isEqualTo(reference("def f():\n    return 1\n")).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(ContentHash.of("\r\n  def f():\r\n\treturn 1")).isEqualTo(h);
        assertThat(ContentHash.of("def f():  return 1")).isNotEqualTo(h);
        assertThat(ContentHash.of("")).isEqualTo(ContentHash.of(" \n\t")).isEqualTo(reference(""));
    }

    @Test
    void fastPathGivesTheNormalisedTextsBytes() {
        String[] texts = {"a", " a ", "a\u001Cb", "caf\u00e9\u0085\u00a0x", "\u02ff\n\n\u00ff", "x\u0300", "\uFEFFa b", "a\u2028b",
            "e\u0301", "\u212A", "a\u3000 b", "\u1680\u2000"};
        byte[] buf = new byte[64];
        for (String t : texts) {
            assertThat(ContentHash.of(t)).as(t).isEqualTo(reference(t));
            int n = Normaliser.utf8BelowU0300(t, buf);
            boolean below = t.chars().allMatch(c -> c < 0x300);
            if (below) {
                assertThat(Arrays.copyOf(buf, n)).as(t).isEqualTo(Normaliser.normalise(t).getBytes(StandardCharsets.UTF_8));
            } else {
                assertThat(n).as(t).isEqualTo(-1);
            }
        }
    }

    @Test
    void randomTextsOverTheCharsWhereThePathsMeet() {
        char[] alphabet = {' ', '\t', '\n', '\r', '\u000B', '\f', '\u001C', '\u001F', '!', 'a', 'Z', '\u007F', '\u0080',
            '\u0085', '\u00A0', '\u00E9', '\u02FF', '\u0300', '\u0301', '\u2028', '\u00FF', '\u0100'};
        Random r = new Random(20);
        for (int k = 0; k < 5000; k++) {
            char[] c = new char[r.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                c[i] = alphabet[r.nextInt(k % 2 == 0 ? alphabet.length - 5 : alphabet.length)];
            }
            String t = new String(c);
            assertThat(ContentHash.of(t)).as("%s", Arrays.toString(c)).isEqualTo(reference(t));
        }
    }

    @Test
    void longTextsOutgrowTheBuffer() {
        String t = "x = 1\r\n".repeat(200_000) + "\u00e9";
        assertThat(ContentHash.of(t)).isEqualTo(reference(t));
        assertThat(ContentHash.of("short")).isEqualTo(reference("short"));
    }

    @Test
    void longUtf16TextsBelowU0300AndTextsThatMeetU0300Late() {
        // UTF-16 strings (a char in U+0100..U+02FF) are read through a per-thread char[]; texts over
        // its first 4,096 chars, and texts whose first char at or above U+0300 comes last
        char[] alphabet = {' ', '\n', '\r', '\t', 'a', '{', '\u00a0', '\u0085', '\u0101', '\u02bc', '\u00e9'};
        Random r = new Random(1207);
        byte[] buf = new byte[40000];
        for (int k = 0; k < 300; k++) {
            char[] c = new char[r.nextInt(12000)];
            for (int i = 0; i < c.length; i++) {
                c[i] = alphabet[r.nextInt(alphabet.length)];
            }
            String t = new String(c);
            assertThat(ContentHash.of(t)).isEqualTo(reference(t));
            int n = Normaliser.utf8BelowU0300(t, buf);
            assertThat(Arrays.copyOf(buf, n)).isEqualTo(Normaliser.normalise(t).getBytes(StandardCharsets.UTF_8));
            String late = t + "e\u0301";
            assertThat(Normaliser.utf8BelowU0300(late, buf)).isEqualTo(-1);
            assertThat(ContentHash.of(late)).isEqualTo(reference(late));
            assertThat(Normaliser.forWordTokens(t)).isSameAs(t);
            assertThat(Normaliser.forWordTokens(late)).isEqualTo(Normaliser.normalise(late));
        }
    }
}
