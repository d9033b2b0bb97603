package dev.codemill.stages.analysis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCharsTest {

    @Test
    void holdsTheTextsCharsAndIsReusedOnlyUpToTheLimit() {
        char[] a = TextChars.of("h\u00e9\ud83d\ude00");
        assertThat(new String(a, 0, 4)).isEqualTo("h\u00e9\ud83d\ude00");
        assertThat(TextChars.of("xy")).isSameAs(a); // same thread, fits: the same buffer
        assertThat(new String(a, 0, 2)).isEqualTo("xy");

        String big = "z".repeat(TextChars.KEEP + 1);
        char[] b = TextChars.of(big);
        assertThat(b.length).isEqualTo(TextChars.KEEP + 1);
        assertThat(TextChars.of("q")).isNotSameAs(b); // an over-limit buffer is not kept
    }

    @Test
    void theSameStringObjectIsNotCopiedAgainAnEqualOneIs() {
        String text = new String("abc\u00e9");
        char[] a = TextChars.of(text);
        a[0] = 'X'; // callers never write; this test does, to see whether of() copies again
        assertThat(TextChars.of(text)[0]).isEqualTo('X'); // the same object: no copy
        assertThat(TextChars.of(new String("abc\u00e9"))[0]).isEqualTo('a'); // an equal copy: copied
        String big = "z".repeat(TextChars.KEEP + 1);
        TextChars.of(big);
        String other = "q".repeat(5);
        assertThat(new String(TextChars.of(other), 0, 5)).isEqualTo("qqqqq");
        assertThat(new String(TextChars.of(big), 0, 3)).isEqualTo("zzz"); // an over-limit text is copied each time
        assertThat(new String(TextChars.of(other), 0, 5)).isEqualTo("qqqqq");
    }
}
