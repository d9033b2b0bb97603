package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference numbers come from an independent Python script,
 * {@code src/test/resources/dev/codemill/stages/dedup/near/lsh_optimal_param.py}: datasketch's
 * {@code _optimal_param} loop with {@code scipy.integrate.quad} (scipy 1.17.1), output:
 * <pre>
 * t=0.7 k=256: b=25 r=10 fp=0.0380052485839 fn=0.0260217270002
 * t=0.85 k=128: b=8 r=16 fp=0.0260953596422 fn=0.0223151538294
 * t=0.7 k=128: b=14 r=9 fp=0.0346379297503 fn=0.037871025881
 * t=0.5 k=64: b=14 r=4 fp=0.0707625570038 fn=0.0342386124914
 * </pre>
 */
class LshParamsTest {
    private static void check(double t, int k, int b, int r, double fp, double fn) {
        LshParams p = LshParams.optimal(t, k);
        assertThat(p.bands()).isEqualTo(b);
        assertThat(p.rows()).isEqualTo(r);
        assertThat(p.falsePositive()).isCloseTo(fp, within(1e-9));
        assertThat(p.falseNegative()).isCloseTo(fn, within(1e-9));
        assertThat(p.threshold()).isEqualTo(t);
    }

    @Test
    void defaultK256Threshold07() {
        check(0.7, 256, 25, 10, 0.0380052485839, 0.0260217270002);
    }

    @Test
    void k128Threshold085() {
        check(0.85, 128, 8, 16, 0.0260953596422, 0.0223151538294);
    }

    @Test
    void moreReferencePoints() {
        check(0.7, 128, 14, 9, 0.0346379297503, 0.037871025881);
        check(0.5, 64, 14, 4, 0.0707625570038, 0.0342386124914);
    }

    @Test
    void sCurve() {
        LshParams p = LshParams.optimal(0.7, 256);
        assertThat(p.slotsUsed()).isEqualTo(250);
        assertThat(p.collisionProbability(0.7)).isCloseTo(1 - Math.pow(1 - Math.pow(0.7, 10), 25), within(1e-15));
        assertThat(p.collisionProbability(0.0)).isEqualTo(0.0);
        assertThat(p.collisionProbability(1.0)).isEqualTo(1.0);
    }

    @Test
    void gaussLegendreIsExactForPolynomials() {
        double[][] gl = LshParams.gaussLegendre(129);
        double sum = 0;
        for (int i = 0; i < gl[0].length; i++) {
            sum += gl[1][i] * Math.pow((gl[0][i] + 1) / 2, 256) / 2;
        }
        assertThat(sum).isCloseTo(1.0 / 257, within(1e-15)); // ∫_0^1 s^256 ds
    }
}
