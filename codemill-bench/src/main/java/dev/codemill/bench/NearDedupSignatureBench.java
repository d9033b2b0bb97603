package dev.codemill.bench;

import dev.codemill.stages.dedup.near.BandKeys;
import dev.codemill.stages.dedup.near.LshParams;
import dev.codemill.stages.dedup.near.MinHasher;
import dev.codemill.stages.dedup.near.Normaliser;
import dev.codemill.stages.dedup.near.Shingler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Near-dedup signature throughput on one core: one operation = normalise + word-5-gram shingle +
 * sign + band keys for every file of {@code cpython-3.12} of the medium corpus (about 1850 files,
 * 31.6 MB of UTF-8; sizes are printed at setup). MB/s = ops/s × MB per op; signatures/s =
 * ops/s × files per op. {@code shingleOnly} isolates normalise + shingle.
 *
 * <pre>
 * mvn -o -q -B -pl codemill-bench -am package -DskipTests
 * java -cp "codemill-bench/target/classes:$(cat /tmp/cp.txt)" org.openjdk.jmh.Main NearDedupSignatureBench \
 *      -wi 2 -i 3 -f 1 -w 2s -r 3s [-jvmArgs -Dcorpus=/tmp/codemill-bench/corpus-medium]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearDedupSignatureBench {
    @Param({"CLASSIC", "OPH"})
    public String kind;

    @Param({"128", "256"})
    public int k;

    private String[] texts;
    private MinHasher hasher;
    private LshParams lsh;
    private Shingler shingler;
    private int[] sig;
    private long[] keys;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path root = Path.of(System.getProperty("corpus", NearDedupCorpus.DEFAULT_ROOT));
        List<NearDedupCorpus.Doc> docs = NearDedupCorpus.load(root).stream()
                .filter(d -> d.version().equals(System.getProperty("version", "cpython-3.12"))).toList();
        texts = docs.stream().map(NearDedupCorpus.Doc::text).toArray(String[]::new);
        long bytes = docs.stream().mapToLong(NearDedupCorpus.Doc::bytes).sum();
        System.out.printf(Locale.ROOT, "%n[setup] %d files, %d bytes (%.3f MB) per op%n", texts.length, bytes, bytes / 1e6);
        hasher = MinHasher.of(MinHasher.Kind.valueOf(kind), k, 42);
        lsh = LshParams.optimal(0.7, k);
        shingler = Shingler.words(5);
        sig = new int[k];
        keys = new long[lsh.bands()];
    }

    @Benchmark
    public void signAll(Blackhole bh) {
        for (String text : texts) {
            int m = shingler.shingle(Normaliser.normalise(text));
            if (m > 0) {
                hasher.sign(shingler.buffer(), m, sig);
                BandKeys.of(sig, lsh.bands(), lsh.rows(), keys);
                bh.consume(keys[0]);
            }
        }
    }

    @Benchmark
    public void shingleOnly(Blackhole bh) {
        for (String text : texts) {
            bh.consume(shingler.shingle(Normaliser.normalise(text)));
        }
    }
}
