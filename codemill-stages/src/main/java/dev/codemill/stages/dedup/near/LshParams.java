package dev.codemill.stages.dedup.near;

/**
 * LSH banding: {@code bands × rows} slots of a k-slot signature, chosen for a Jaccard threshold
 * {@code t} as datasketch's {@code MinHashLSH._optimal_param} does: over all {@code (b, r)} with
 * {@code b·r <= k} (b outer, r inner, ascending, first strict minimum wins) minimise
 * {@code wFp·FP + wFn·FN}, where with the S-curve {@code P(s) = 1-(1-s^r)^b} (probability that a
 * pair of Jaccard {@code s} shares a band)
 * {@code FP = ∫_0^t P(s) ds} and {@code FN = ∫_t^1 (1-P(s)) ds}.
 *
 * <p>Both integrands are polynomials of degree {@code b·r <= k}, so they are integrated exactly
 * (up to rounding) by Gauss–Legendre quadrature with {@code k/2+1} nodes, instead of datasketch's
 * adaptive {@code scipy.integrate.quad}. Defaults: threshold 0.7 and weights 0.5/0.5 (datasketch,
 * BigCode near-dedup of The Stack).
 *
 * @param bands         number of bands b
 * @param rows          slots per band r
 * @param threshold     Jaccard threshold t in (0, 1)
 * @param falsePositive the false-positive area FP (unweighted) of this (b, r)
 * @param falseNegative the false-negative area FN (unweighted) of this (b, r)
 */
public record LshParams(int bands, int rows, double threshold, double falsePositive, double falseNegative) {
    /** Default Jaccard threshold: 0.7 (BigCode, datasketch examples). */
    public static final double DEFAULT_THRESHOLD = 0.7;
    /** Default weight of the false-positive area: 0.5 (datasketch). */
    public static final double DEFAULT_FP_WEIGHT = 0.5;
    /** Default weight of the false-negative area: 0.5 (datasketch). */
    public static final double DEFAULT_FN_WEIGHT = 0.5;

    /** Optimal (b, r) for {@code threshold} and {@code k} with weights 0.5/0.5. */
    public static LshParams optimal(double threshold, int k) {
        return optimal(threshold, k, DEFAULT_FP_WEIGHT, DEFAULT_FN_WEIGHT);
    }

    /**
     * Optimal (b, r) minimising {@code fpWeight·FP + fnWeight·FN}.
     *
     * @param threshold Jaccard threshold, in (0, 1)
     * @param k         signature length, 1..65536
     * @throws IllegalArgumentException on a threshold outside (0, 1), k out of range or negative
     *         weights
     */
    public static LshParams optimal(double threshold, int k, double fpWeight, double fnWeight) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0,1), was " + threshold);
        }
        MinHasher.checkK(k);
        if (!(fpWeight >= 0 && fnWeight >= 0)) {
            throw new IllegalArgumentException("weights must be >= 0");
        }
        double[][] gl = gaussLegendre(k / 2 + 1);
        double best = Double.POSITIVE_INFINITY;
        LshParams opt = null;
        for (int b = 1; b <= k; b++) {
            for (int r = 1; r <= k / b; r++) {
                double fp = integrate(gl, b, r, 0.0, threshold, false);
                double fn = integrate(gl, b, r, threshold, 1.0, true);
                double err = fp * fpWeight + fn * fnWeight;
                if (err < best) {
                    best = err;
                    opt = new LshParams(b, r, threshold, fp, fn);
                }
            }
        }
        return opt;
    }

    /** Probability that a pair with Jaccard {@code s} shares at least one band. */
    public double collisionProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** Slots used: {@code bands·rows}. */
    public int slotsUsed() {
        return bands * rows;
    }

    private static double integrate(double[][] gl, int b, int r, double lo, double hi, boolean miss) {
        double half = (hi - lo) / 2;
        double mid = (hi + lo) / 2;
        double sum = 0;
        double[] x = gl[0];
        double[] w = gl[1];
        for (int i = 0; i < x.length; i++) {
            double s = mid + half * x[i];
            double p = Math.pow(1 - Math.pow(s, r), b); // 1 - P(s)
            sum += w[i] * (miss ? p : 1 - p);
        }
        return sum * half;
    }

    /** Nodes and weights of m-point Gauss–Legendre on [-1, 1] (Newton on P_m, Golub-free). */
    static double[][] gaussLegendre(int m) {
        double[] x = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < (m + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = z;
                for (int j = 2; j <= m; j++) {
                    double p2 = ((2 * j - 1) * z * p1 - (j - 1) * p0) / j;
                    p0 = p1;
                    p1 = p2;
                }
                if (m == 1) {
                    p0 = 1;
                    p1 = z;
                }
                dp = m * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            // recompute derivative at the converged root
            double p0 = 1;
            double p1 = z;
            for (int j = 2; j <= m; j++) {
                double p2 = ((2 * j - 1) * z * p1 - (j - 1) * p0) / j;
                p0 = p1;
                p1 = p2;
            }
            dp = m * (z * p1 - p0) / (z * z - 1);
            x[i] = -z;
            x[m - 1 - i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
            w[m - 1 - i] = w[i];
        }
        return new double[][] {x, w};
    }
}
