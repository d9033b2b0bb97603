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
}
