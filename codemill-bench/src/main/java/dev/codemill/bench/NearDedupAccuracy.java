package dev.codemill.bench;

import dev.codemill.stages.dedup.near.BandKeys;
import dev.codemill.stages.dedup.near.Jaccard;
import dev.codemill.stages.dedup.near.NearDedupStage;
import dev.codemill.stages.dedup.near.LshParams;
import dev.codemill.stages.dedup.near.MinHasher;
import dev.codemill.stages.dedup.near.Normaliser;
import dev.codemill.stages.dedup.near.Shingler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Accuracy of MinHash LSH on natural near-duplicates: the five CPython standard libraries of the
 * medium corpus, where the same relative path in two versions is a (often near-) duplicate.
 *
 * <p>Pairs: every same-path pair across versions, plus {@code sample} random pairs of different
 * paths (seeded). Truth: exact Jaccard of the word-n-gram shingle sets ≥ t. Prediction: the pair
 * shares an LSH band (b × r from {@link LshParams#optimal}) <em>and</em> its estimated Jaccard
 * ≥ t. Documents with fewer than n tokens are left out (they go to exact dedup).
 *
 * <pre>
 * mvn -o -q -B -pl codemill-bench -am package -DskipTests
 * java -Xmx3g -cp "codemill-bench/target/classes:$(cat /tmp/cp.txt)" dev.codemill.bench.NearDedupAccuracy \
 *      [corpusRoot=/tmp/codemill-bench/corpus-medium] [k=256] [t=0.7] [n=5] [sample=20000] [seed=1] [boilerplate=0|1]
 * </pre>
 */
public final class NearDedupAccuracy {
    private NearDedupAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : NearDedupCorpus.DEFAULT_ROOT);
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        double t = args.length > 2 ? Double.parseDouble(args[2]) : 0.7;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int sample = args.length > 4 ? Integer.parseInt(args[4]) : 20000;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        // 7th argument 1: licence headers left out of shingling, as near_dedup's exclude_boilerplate does
        dev.codemill.stages.dedup.near.Boilerplate boilerplate = new dev.codemill.stages.dedup.near.Boilerplate(
                args.length > 6 && args[6].equals("1"), List.of());

        List<NearDedupCorpus.Doc> docs = NearDedupCorpus.load(root);
        LshParams lsh = LshParams.optimal(t, k);
        MinHasher.Kind[] kinds = MinHasher.Kind.values();
        MinHasher[] hashers = new MinHasher[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            hashers[i] = MinHasher.of(kinds[i], k, seed);
        }
        Shingler sh = Shingler.words(n);
        int d = docs.size();
        long[][] sets = new long[d][];
        int[][][] sigs = new int[kinds.length][d][];
        long[][][] bands = new long[kinds.length][d][];
        long[] nanos = new long[kinds.length];
        long bytes = 0;
        int tooShort = 0;
        for (int i = 0; i < d; i++) {
            String key = Normaliser.normalise(boilerplate.strip(docs.get(i).text(), null, docs.get(i).relPath()));
            sets[i] = sh.shingleSet(key);
            bytes += docs.get(i).bytes();
            if (sets[i].length == 0) {
                tooShort++;
                continue;
            }
            for (int h = 0; h < kinds.length; h++) {
                long t0 = System.nanoTime();
                sigs[h][i] = hashers[h].sign(sets[i], sets[i].length);
                nanos[h] += System.nanoTime() - t0;
                bands[h][i] = BandKeys.of(sigs[h][i], lsh);
            }
        }

        Map<String, List<Integer>> byPath = new LinkedHashMap<>();
        for (int i = 0; i < d; i++) {
            if (sets[i].length > 0) {
                byPath.computeIfAbsent(docs.get(i).relPath(), p -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> same = new ArrayList<>();
        for (List<Integer> ids : byPath.values()) {
            for (int x = 0; x < ids.size(); x++) {
                for (int y = x + 1; y < ids.size(); y++) {
                    same.add(new int[] {ids.get(x), ids.get(y)});
                }
            }
        }
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            if (sets[i].length > 0) {
                usable.add(i);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> other = new ArrayList<>();
        while (other.size() < sample) {
            int a = usable.get(rnd.nextInt(usable.size()));
            int b = usable.get(rnd.nextInt(usable.size()));
            if (!docs.get(a).relPath().equals(docs.get(b).relPath())) {
                other.add(new int[] {a, b});
            }
        }

        System.out.printf(Locale.ROOT, "corpus %s: %d docs (%d cpython versions), %.1f MB, %d too short (< %d tokens)%s%n",
                root, d, docs.stream().map(NearDedupCorpus.Doc::version).distinct().count(), bytes / 1e6, tooShort, n,
                boilerplate.none() ? "" : ", licence headers left out");
        System.out.printf(Locale.ROOT, "k=%d t=%.2f n=%d: LSH b=%d r=%d (FP area %.4f, FN area %.4f); pairs: %d same-path + %d other%n",
                k, t, n, lsh.bands(), lsh.rows(), lsh.falsePositive(), lsh.falseNegative(), same.size(), other.size());
        double[] exactSame = exact(sets, same);
        double[] exactOther = exact(sets, other);
        System.out.printf(Locale.ROOT, "exact J >= t: %d of %d same-path pairs, %d of %d other pairs%n",
                count(exactSame, t), same.size(), count(exactOther, t), other.size());
        System.out.println();
        System.out.println("| signature | pairs | TP | FP | FN | precision | recall | F1 | mean abs(est-exact) | sign-only MB/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int h = 0; h < kinds.length; h++) {
            double mbps = bytes / 1e6 / (nanos[h] / 1e9);
            int[] cs = confusion(sigs[h], bands[h], same, exactSame, t);
            int[] co = confusion(sigs[h], bands[h], other, exactOther, t);
            row(kinds[h] + "", "same-path", cs, mae(sigs[h], same, exactSame), Double.NaN);
            List<int[]> near = new ArrayList<>();
            List<Double> nearJ = new ArrayList<>();
            for (int p = 0; p < same.size(); p++) {
                if (exactSame[p] < 1.0) {
                    near.add(same.get(p));
                    nearJ.add(exactSame[p]);
                }
            }
            double[] nearExact = nearJ.stream().mapToDouble(Double::doubleValue).toArray();
            row(kinds[h] + "", "same-path, exact J < 1 (" + near.size() + ")", confusion(sigs[h], bands[h], near, nearExact, t),
                    mae(sigs[h], near, nearExact), Double.NaN);
            row(kinds[h] + "", "other (sample)", co, mae(sigs[h], other, exactOther), Double.NaN);
            int[] all = {cs[0] + co[0], cs[1] + co[1], cs[2] + co[2]};
            row(kinds[h] + "", "all", all, Double.NaN, mbps);
            // what near_dedup does by default: band candidates verified by exact Jaccard when both
            // documents have at most 8,192 distinct shingles, by the estimate otherwise
            int[] vs = confusion(sigs[h], bands[h], same, exactSame, t, sets, NearDedupStage.DEFAULT_EXACT_MAX_SHINGLES);
            int[] vo = confusion(sigs[h], bands[h], other, exactOther, t, sets, NearDedupStage.DEFAULT_EXACT_MAX_SHINGLES);
            row(kinds[h] + " + exact verification", "all", new int[] {vs[0] + vo[0], vs[1] + vo[1], vs[2] + vo[2]},
                    Double.NaN, Double.NaN);
        }
    }

    private static double[] exact(long[][] sets, List<int[]> pairs) {
        double[] j = new double[pairs.size()];
        for (int p = 0; p < j.length; p++) {
            j[p] = Jaccard.exact(sets[pairs.get(p)[0]], sets[pairs.get(p)[1]]);
        }
        return j;
    }

    private static int count(double[] j, double t) {
        int c = 0;
        for (double v : j) {
            if (v >= t) {
                c++;
            }
        }
        return c;
    }

    /** {TP, FP, FN}. */
    private static int[] confusion(int[][] sigs, long[][] bands, List<int[]> pairs, double[] exact, double t) {
        return confusion(sigs, bands, pairs, exact, t, null, 0);
    }

    /** {TP, FP, FN}; candidates verified by exact Jaccard when both sets have at most {@code exactMax} elements. */
    private static int[] confusion(int[][] sigs, long[][] bands, List<int[]> pairs, double[] exact, double t,
                                   long[][] sets, int exactMax) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int p = 0; p < exact.length; p++) {
            int a = pairs.get(p)[0];
            int b = pairs.get(p)[1];
            boolean exactly = sets != null && sets[a].length <= exactMax && sets[b].length <= exactMax;
            double j = exactly ? exact[p] : Jaccard.estimate(sigs[a], sigs[b]);
            boolean pred = BandKeys.collide(bands[a], bands[b]) && j >= t;
            boolean truth = exact[p] >= t;
            if (pred && truth) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (truth) {
                fn++;
            }
        }
        return new int[] {tp, fp, fn};
    }

    private static double mae(int[][] sigs, List<int[]> pairs, double[] exact) {
        double s = 0;
        for (int p = 0; p < exact.length; p++) {
            s += Math.abs(Jaccard.estimate(sigs[pairs.get(p)[0]], sigs[pairs.get(p)[1]]) - exact[p]);
        }
        return s / exact.length;
    }

    private static void row(String kind, String set, int[] c, double mae, double mbps) {
        double p = c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
        double r = c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %.4f | %.4f | %.4f | %s | %s |%n", kind, set, c[0], c[1], c[2],
                p, r, f1, Double.isNaN(mae) ? "" : String.format(Locale.ROOT, "%.4f", mae),
                Double.isNaN(mbps) ? "" : String.format(Locale.ROOT, "%.1f", mbps));
    }
}
