package dev.codemill.cli.eval;

/**
 * The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on Code",
 * eq. 1): {@code 1 - C(n-c, k) / C(n, k)}, computed in the numerically stable product form
 * {@code 1 - prod_{i=n-c+1..n} (1 - k/i)} that the paper's reference code uses.
 */
public final class PassAtK {
    private PassAtK() {
    }

    /**
     * @param n samples drawn for the problem (≥ 1)
     * @param c samples that passed (0 ≤ c ≤ n)
     * @param k the k of pass@k (1 ≤ k ≤ n)
     * @return the probability that at least one of k samples drawn without replacement passes
     * @throws IllegalArgumentException when the counts are out of range
     */
    public static double estimate(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
            throw new IllegalArgumentException("pass@k needs 1 <= k <= n and 0 <= c <= n: n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double fail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            fail *= 1.0 - (double) k / i;
        }
        return 1.0 - fail;
    }
}
