package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;

class ShinglerTest {
    @Test
    void bigCodeTokensAndFiveGrams() {
        Shingler s = Shingler.words(5);
        // tokens: def, add, a, b, return, a, b -> 7 tokens, 3 five-grams
        assertThat(s.shingle("def add(a, b):\n    return a+b")).isEqualTo(3);
        assertThat(s.tokenCount()).isEqualTo(7);
        assertThat(s.tooShort()).isFalse();
        // shingle = fmix64(sum of XXH3 token hashes times odd multipliers): check the first by hand
        LongHashFunction xx3 = LongHashFunction.xx3();
        String[] t = {"def", "add", "a", "b", "return"};
        long h = 0;
        for (int q = 0; q < 5; q++) {
            h += xx3.hashChars(t[q]) * (MinHasher.splitMix(0x5EEDL, q) | 1L);
        }
        assertThat(s.buffer()[0]).isEqualTo(MinHasher.fmix(h));
        // order matters: "b a" and "a b" are different 2-grams
        assertThat(Shingler.words(2).shingleSet("a b")).isNotEqualTo(Shingler.words(2).shingleSet("b a"));
    }

    @Test
    void separatorsAreEverythingButAsciiWordChars() {
        Shingler s = Shingler.words(1);
        assertThat(s.shingle("a.b-c__d 9$x\u00e9y")).isEqualTo(6); // a b c__d 9 x y
        assertThat(s.shingleSet("x_1 x_1 x_1")).hasSize(1);
        // separators differ, tokens equal -> same shingles
        assertThat(Shingler.words(2).shingleSet("foo(bar)")).isEqualTo(Shingler.words(2).shingleSet("foo  bar"));
    }

    @Test
    void fewerTokensThanNGivesNoShingle() {
        Shingler s = Shingler.words(5);
        for (String text : new String[] {"", "   ", "x", "}", "return 0;", "fn main() {}", "a b c d"}) {
            assertThat(s.shingle(text)).as(text).isZero();
            assertThat(s.tooShort()).as(text).isTrue();
            assertThat(s.shingleSet(text)).as(text).isEmpty();
        }
        assertThat(s.shingle("a b c d e")).isEqualTo(1);
    }

    @Test
    void charNGrams() {
        Shingler s = Shingler.chars(3);
        assertThat(s.shingle("abcd")).isEqualTo(2);
        assertThat(s.buffer()[0]).isEqualTo(LongHashFunction.xx3().hashChars("abc"));
        assertThat(s.buffer()[1]).isEqualTo(LongHashFunction.xx3().hashChars("bcd"));
        assertThat(s.shingle("ab")).isZero();
        assertThat(s.tooShort()).isTrue();
        assertThat(s.shingleSet("aaaa")).hasSize(1);
    }

    @Test
    void buffersGrowForLongTexts() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("t").append(i).append(' ');
        }
        Shingler s = Shingler.words(5);
        assertThat(s.shingle(sb.toString())).isEqualTo(4996);
        long[] set = s.shingleSet(sb.toString());
        assertThat(set).hasSize(4996);
        long[] sorted = set.clone();
        Arrays.sort(sorted);
        assertThat(set).isEqualTo(sorted);
    }

    @Test
    void rejectsNonPositiveN() {
        assertThatThrownBy(() -> Shingler.words(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordShinglesEqualTheStringDefinitionOnRandomTextsOfManyScripts() {
        // token hashes are taken from a char[] copy; they must equal XXH3 over the String's chars
        // (Latin-1 and UTF-16 strings, texts over the 4,096 chars the per-thread array starts with)
        char[] pool = {'a', 'Z', '_', '9', ' ', '\n', '.', '\u00e9', '\u00ff', '\u4e2d', '\u0416', '\ud83d', '\ude00', '\u0301'};
        LongHashFunction xx3 = LongHashFunction.xx3();
        java.util.Random rnd = new java.util.Random(7);
        Shingler s = Shingler.words(3);
        for (int k = 0; k < 3000; k++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(k % 50 == 0 ? 9000 : 60);
            for (int i = 0; i < len; i++) {
                b.append(pool[rnd.nextInt(k % 3 == 0 ? 7 : pool.length)]);
            }
            String text = b.toString();
            java.util.List<Long> tokens = new java.util.ArrayList<>();
            for (String w : text.split("[^A-Za-z_0-9]+")) {
                if (!w.isEmpty()) {
                    tokens.add(xx3.hashChars(w));
                }
            }
            int m = s.shingle(text);
            assertThat(s.tokenCount()).isEqualTo(tokens.size());
            assertThat(m).isEqualTo(Math.max(0, tokens.size() - 2));
            for (int j = 0; j < m; j++) {
                long h = 0;
                for (int q = 0; q < 3; q++) {
                    h += tokens.get(j + q) * (MinHasher.splitMix(0x5EEDL, q) | 1L);
                }
                if (s.buffer()[j] != MinHasher.fmix(h)) {
                    assertThat(s.buffer()[j]).as("text %d shingle %d", k, j).isEqualTo(MinHasher.fmix(h));
                }
            }
        }
    }

    @Test
    void aTextOverTheKeptArrayThenAShortOne() {
        // 1,200,000 chars: more than an instance keeps; the next, short text must not see its chars
        Shingler s = Shingler.words(2);
        assertThat(s.shingle("ab ".repeat(400_000))).isEqualTo(399_999);
        assertThat(s.shingle("x y")).isEqualTo(1);
        assertThat(s.buffer()[0]).isEqualTo(Shingler.words(2).shingleSet("x y")[0]);
        assertThat(s.shingle("x")).isZero();
    }

    @Test
    void shingleNormalisedEqualsShinglingTheNormalisedText() {
        // the dedup key's shingles taken from one char[] copy (all chars below U+0300: the text as it
        // is) must equal the shingles of Normaliser.normalise(text), in both modes, on edge texts
        // (empty, BOM, CRLF, Latin-1 above 0x7F, combining marks, KELVIN SIGN, surrogates)
        char[] pool = {'a', 'Z', '_', '9', ' ', '\t', '\n', '\r', '.', '\u00a0', '\u0085', '\u00e9', '\u00ff', '\u02ff',
            '\u0300', '\u0301', '\u212a', '\u2028', '\u3000', '\ufeff', '\ud83d', '\ude00', '\u4e2d'};
        java.util.Random rnd = new java.util.Random(2020);
        Shingler[] fast = {Shingler.words(2), Shingler.chars(3)};
        Shingler[] plain = {Shingler.words(2), Shingler.chars(3)};
        String[] fixed = {"", "\uFEFF", "a b c", "a\r\nb\r\nc", "cafe\u0301 menu card", "\u212a elvin x", "caf\u00e9 \u00ff y z"};
        for (int k = 0; k < 4000; k++) {
            String text;
            if (k < fixed.length) {
                text = fixed[k];
            } else {
                StringBuilder b = new StringBuilder();
                int len = rnd.nextInt(k % 100 == 0 ? 6000 : 40);
                for (int i = 0; i < len; i++) {
                    b.append(pool[rnd.nextInt(k % 2 == 0 ? 13 : pool.length)]);
                }
                text = b.toString();
            }
            for (int m = 0; m < 2; m++) {
                int n = fast[m].shingleNormalised(text);
                int want = plain[m].shingle(Normaliser.normalise(text));
                assertThat(n).as("mode %d text %d", m, k).isEqualTo(want);
                assertThat(fast[m].tokenCount()).isEqualTo(plain[m].tokenCount());
                assertThat(Arrays.copyOf(fast[m].buffer(), n)).as("mode %d text %d", m, k)
                        .isEqualTo(Arrays.copyOf(plain[m].buffer(), want));
            }
        }
        // NFC composes e + U+0301 into \u00e9, a separator: the tokens are "caf" and "menu", not "cafe"
        Shingler w = Shingler.words(2);
        assertThat(w.shingleNormalised("cafe\u0301 menu")).isEqualTo(1);
        assertThat(w.buffer()[0]).isEqualTo(Shingler.words(2).shingleSet("caf menu")[0])
                .isNotEqualTo(Shingler.words(2).shingleSet("cafe menu")[0]);
    }
}
