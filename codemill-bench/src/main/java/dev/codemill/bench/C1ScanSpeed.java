package dev.codemill.bench;

import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.dedup.ContentHash;
import dev.codemill.stages.dedup.near.Normaliser;
import dev.codemill.stages.dedup.near.Shingler;
import dev.codemill.stages.redact.Redactor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One-core speed of the per-document text scans that issue 20 moved off {@code String.charAt} /
 * {@code indexOf} (no string intrinsics under C1): exact dedup's key ({@link ContentHash#of}),
 * near dedup's word 5-gram shingles of the dedup key, the redact scanners ({@link Redactor#find}) and the
 * vendor stage's generated-file check ({@link GeneratedDetector#find}: path rules, header markers).
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp CLASSPATH dev.codemill.bench.C1ScanSpeed FOLDER [PASSES]</pre>
 *
 * Reads every regular file under FOLDER (sorted paths) as UTF-8 and times each kernel over all
 * documents in CPU time of this thread, PASSES times (default 3; pass 0 includes the JIT's work).
 * Prints MB (UTF-8) per CPU-second per kernel and a checksum of the results, equal for two builds
 * that agree. Uses only public API (the shingles through {@code Shingler.shingleNormalised} where
 * the build has it, else {@code shingle(Normaliser.forWordTokens(text))}, the path the stage took
 * before), so the same class runs against an older jar for a side-by-side.
 */
public final class C1ScanSpeed {
    private C1ScanSpeed() {
    }

    public static void main(String[] args) throws Throwable {
        List<Path> files = BenchFiles.under(Path.of(args[0]));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> texts = new ArrayList<>(files.size());
        List<String> paths = new ArrayList<>(files.size());
        long bytes = 0;
        for (Path p : files) {
            paths.add(Path.of(args[0]).relativize(p).toString());
            byte[] b = Files.readAllBytes(p);
            bytes += b.length;
            texts.add(new String(b, StandardCharsets.UTF_8));
        }
        Shingler shingler = Shingler.words(Shingler.DEFAULT_NGRAM);
        MethodHandle normalised = shingleNormalised();
        Redactor redactor = new Redactor(Redactor.Options.defaults());
        GeneratedDetector generated = GeneratedDetector.builtIn();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double mb = bytes / 1e6;
        for (int p = 0; p < passes; p++) {
            long sum = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (String t : texts) {
                sum += ContentHash.of(t).hashCode();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (String t : texts) {
                int n = normalised != null ? (int) normalised.invokeExact(shingler, t) : shingler.shingle(Normaliser.forWordTokens(t));
                for (int j = 0; j < n; j++) {
                    sum += shingler.buffer()[j];
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            for (String t : texts) {
                sum += redactor.find(t).hashCode();
            }
            long t3 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < texts.size(); i++) {
                sum += generated.find(paths.get(i), texts.get(i)).hashCode();
            }
            long t4 = mx.getCurrentThreadCpuTime();
            System.out.printf("pass %d: %d files %.1f MB | exact key %.2f s %.0f MB/s | near shingles %.2f s %.0f MB/s"
                            + " | redact %.2f s %.0f MB/s | generated %.2f s %.0f MB/s | checksum %d%n", p, texts.size(), mb,
                    (t1 - t0) / 1e9, mb / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, mb / ((t2 - t1) / 1e9),
                    (t3 - t2) / 1e9, mb / ((t3 - t2) / 1e9), (t4 - t3) / 1e9, mb / ((t4 - t3) / 1e9), sum);
        }
    }

    private static MethodHandle shingleNormalised() throws IllegalAccessException {
        try {
            return MethodHandles.publicLookup().findVirtual(Shingler.class, "shingleNormalised",
                    MethodType.methodType(int.class, String.class));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
