package dev.codemill.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReusableCharsTest {

    @Test
    void holdsTheTextsCharsGrowsByDoublingAndKeepsOnlyUpToTheLimit() {
        ReusableChars r = new ReusableChars(4);
        char[] a = r.of("h\u00e9\ud83d\ude00");
        assertThat(new String(a, 0, 4)).isEqualTo("h\u00e9\ud83d\ude00");
        assertThat(r.of("xy")).isSameAs(a).isSameAs(r.kept());
        assertThat(new String(a, 0, 2)).isEqualTo("xy");
        assertThat(r.of("abcde").length).isEqualTo(8); // doubled from 4
        String big = "z".repeat(ReusableChars.KEEP + 1);
        char[] b = r.of(big);
        assertThat(b.length).isEqualTo(ReusableChars.KEEP + 1);
        assertThat(r.kept()).isNotSameAs(b).hasSize(8); // an over-limit array is not kept
        assertThat(new String(r.of("q"), 0, 1)).isEqualTo("q");
    }

    @Test
    void anEmptyFirstArrayIsRefused() {
        assertThatThrownBy(() -> new ReusableChars(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialChars must be at least 1: 0");
    }
}
