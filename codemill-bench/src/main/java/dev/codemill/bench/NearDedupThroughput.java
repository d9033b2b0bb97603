package dev.codemill.bench;

import dev.codemill.stages.dedup.near.BandKeys;
import dev.codemill.stages.dedup.near.LshParams;
import dev.codemill.stages.dedup.near.MinHasher;
import dev.codemill.stages.dedup.near.Normaliser;
import dev.codemill.stages.dedup.near.Shingler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Per-core signature throughput measured in <em>thread CPU time</em> (not wall time), so that it
 * stays meaningful on a shared, oversubscribed machine where JMH's wall-clock scores are not:
 * normalise + word-5-gram shingle + sign + band keys over one CPython version of the medium
 * corpus, 5 rounds after 3 warm-up rounds, median reported, for CLASSIC/OPH × k=128/256.
 *
 * <pre>
 * java -cp "codemill-bench/target/classes:$(cat /tmp/cp.txt)" dev.codemill.bench.NearDedupThroughput [corpusRoot] [version]
 * </pre>
 */
public final class NearDedupThroughput {
    private NearDedupThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : NearDedupCorpus.DEFAULT_ROOT);
        String version = args.length > 1 ? args[1] : "cpython-3.12";
        List<NearDedupCorpus.Doc> docs = NearDedupCorpus.load(root).stream().filter(d -> d.version().equals(version)).toList();
        String[] texts = docs.stream().map(NearDedupCorpus.Doc::text).toArray(String[]::new);
        long bytes = docs.stream().mapToLong(NearDedupCorpus.Doc::bytes).sum();
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%s: %d files, %.1f MB; thread CPU time, median of 5 rounds%n", version, texts.length, bytes / 1e6);
        System.out.println("| signature | k | MB/s per core | signatures/s per core |");
        System.out.println("|---|---|---|---|");
        for (String kind : new String[] {"none (normalise+shingle)", "CLASSIC", "OPH"}) {
            for (int k : new int[] {128, 256}) {
                MinHasher h = kind.startsWith("none") ? null : MinHasher.of(MinHasher.Kind.valueOf(kind), k, 42);
                LshParams lsh = LshParams.optimal(0.7, k);
                Shingler sh = Shingler.words(5);
                int[] sig = new int[k];
                long[] keys = new long[lsh.bands()];
                double[] secs = new double[8];
                long sink = 0;
                for (int round = 0; round < secs.length; round++) {
                    long t0 = tm.getCurrentThreadCpuTime();
                    for (String text : texts) {
                        int m = sh.shingle(Normaliser.normalise(text));
                        if (m > 0 && h != null) {
                            h.sign(sh.buffer(), m, sig);
                            BandKeys.of(sig, lsh.bands(), lsh.rows(), keys);
                            sink += keys[0];
                        }
                        sink += m;
                    }
                    secs[round] = (tm.getCurrentThreadCpuTime() - t0) / 1e9;
                }
                double[] measured = java.util.Arrays.copyOfRange(secs, 3, secs.length);
                java.util.Arrays.sort(measured);
                double s = measured[measured.length / 2];
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f |%s%n", kind, k, bytes / 1e6 / s, texts.length / s,
                        sink == 42 ? " " : "");
                if (h == null) {
                    break;
                }
            }
        }
    }
}
