package dev.codemill.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassAtKTest {

    @Test
    void matchesTheCombinatorialForm() {
        // 1 - C(n-c, k) / C(n, k)
        assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-12));
        assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252.0, within(1e-12));
        assertThat(PassAtK.estimate(5, 1, 2)).isCloseTo(1 - 6.0 / 10.0, within(1e-12));
    }

    @Test
    void edgeCases() {
        assertThat(PassAtK.estimate(10, 0, 5)).isEqualTo(0.0);
        assertThat(PassAtK.estimate(10, 6, 5)).isEqualTo(1.0);
        assertThat(PassAtK.estimate(1, 1, 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> PassAtK.estimate(3, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassAtK.estimate(3, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staysStableForLargeN() {
        // C(200,100) overflows a double's exact range of integers; the product form does not need it
        assertThat(PassAtK.estimate(200, 1, 100)).isCloseTo(0.5, within(1e-12));
        assertThat(PassAtK.estimate(1000, 10, 1)).isCloseTo(0.01, within(1e-12));
    }
}
