package dev.codemill.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {
    /** FNV-1a 64 of "fim\0a.py" by hand, then the SplitMix64 finaliser as in the class comment. */
    @Test
    void seedIsFnvOfPurposeAndKeyMixedWithTheRecipeSeed() {
        long h = 0xcbf29ce484222325L;
        for (char c : "fim\u0000a.py".toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        assertThat(Seeds.seedFor(1234, Seeds.FIM, "a.py")).isEqualTo(Seeds.mix64(h ^ Seeds.mix64(1234)));
        assertThat(Seeds.mix64(0)).isEqualTo(0xe220a8397b1dcdafL); // SplitMix64's first output from state 0
    }

    @Test
    void purposeKeyAndRecipeSeedEachChangeTheSeed() {
        long s = Seeds.seedFor(7, Seeds.FIM, new DocId("repo/a.py"));
        assertThat(Seeds.seedFor(7, Seeds.FIM, "repo/a.py")).isEqualTo(s);
        assertThat(Seeds.seedFor(8, Seeds.FIM, "repo/a.py")).isNotEqualTo(s);
        assertThat(Seeds.seedFor(7, Seeds.MIX, "repo/a.py")).isNotEqualTo(s);
        assertThat(Seeds.seedFor(7, Seeds.FIM, "repo/b.py")).isNotEqualTo(s);
        // the separator keeps ("fi", "ma.py") apart from ("fim", "a.py")
        assertThat(Seeds.seedFor(7, "fi", "ma.py")).isNotEqualTo(s);
        assertThat(Seeds.rngFor(7, Seeds.FIM, "repo/a.py").nextLong())
                .isEqualTo(new java.util.SplittableRandom(s).nextLong());
    }

    @Test
    void uniformDrawsAreUniformOverManyKeys() {
        int below = 0;
        for (int i = 0; i < 100_000; i++) {
            double u = Seeds.uniform(1234, Seeds.MIX, "doc" + i);
            assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            below += u < 0.25 ? 1 : 0;
        }
        assertThat(below).isBetween(24_500, 25_500);
    }
}
