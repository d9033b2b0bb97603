package dev.codemill.bench;

import dev.codemill.stages.analysis.syntax.NativeTrees;
import dev.codemill.stages.analysis.syntax.ParseResult;
import dev.codemill.stages.analysis.syntax.ParseStatus;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityScorer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tree-sitter throughput per core: parse alone (through the binding's reader, and in one native
 * call), parse + the pure-Java walk (5–7 JNI calls per node), parse + the native export (one JNI
 * call per tree), on the Python and Java files of a corpus; then a 10,000-level nested file
 * against a flat file of the same size. Thread CPU time next to wall time, median of 3 measured
 * rounds after 1 warm-up; MB/s of UTF-8 text per CPU second.
 *
 * <pre>
 * mvn -q -pl codemill-bench -am package -DskipTests
 * java -cp "codemill-bench/target/classes:codemill-cli/target/codemill.jar" \
 *     dev.codemill.bench.SyntaxExportThroughput /tmp/codemill-bench/corpus-medium 6
 * </pre>
 * The second argument caps the MB of text read per language (files in sorted path order, spread
 * over the corpus by taking every k-th file); a third argument {@code no-nesting} skips the
 * nested-versus-flat table.
 */
public final class SyntaxExportThroughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SyntaxExportThroughput() {
    }

    private interface Job {
        void run(byte[] utf8, String text, String language);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/codemill-bench/corpus-medium");
        double capMb = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        System.out.println("syntax export: " + NativeTrees.status() + "; " + root);
        List<Path> all = BenchFiles.under(root);
        System.out.println("| language | files | MB | path | CPU s | wall s | MB/s per core | vs parse alone |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String[] lang : new String[][] {{"Python", ".py"}, {"Java", ".java"}}) {
            List<String> texts = sample(all, lang[1], capMb);
            long bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
            long nodes = 0;
            for (String t : texts) {
                nodes += Parsers.parseWithin(t, lang[0], 4_000_000, 0).tree().size();
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | (%,d nodes) | | | | |%n", lang[0], texts.size(), bytes / 1e6, nodes);
            double[] parseAlone = null;
            for (String[] path : new String[][] {{"parse alone (binding reader)", "p"}, {"parse alone (native call)", "pn"},
                    {"parse + Java walk", "j"}, {"parse + native export", "n"}}) {
                Job job = job(path[1]);
                double[] m = measure(texts, lang[0], job);
                if (parseAlone == null) {
                    parseAlone = m;
                }
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %.2f | %.2f | %.2f | %.2f× |%n", lang[0], texts.size(),
                        bytes / 1e6, path[0], m[0], m[1], bytes / 1e6 / m[0], m[0] / parseAlone[0]);
            }
        }
        if (args.length < 3 || !args[2].equals("no-nesting")) {
            deepVersusFlat();
        }
    }

    private static Job job(String kind) {
        return switch (kind) {
            case "p" -> (b, t, l) -> Parsers.parseOnly(b, l, false);
            case "pn" -> (b, t, l) -> Parsers.parseOnly(b, l, true);
            case "j" -> (b, t, l) -> parse(t, l, false);
            default -> (b, t, l) -> parse(t, l, true);
        };
    }

    private static void parse(String text, String language, boolean nat) {
        Parsers.useNativeWalk(nat);
        ParseResult r = Parsers.parseWithin(text, language, 4_000_000, 0);
        if (r.status() != ParseStatus.COMPLETE) {
            throw new IllegalStateException(r.status().toString());
        }
    }

    /** {cpu seconds, wall seconds}: medians of 3 rounds after a warm-up. */
    private static double[] measure(List<String> texts, String language, Job job) {
        List<byte[]> utf8 = texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        double[] cpu = new double[3];
        double[] wall = new double[3];
        for (int round = -1; round < 3; round++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                job.run(utf8.get(i), texts.get(i), language);
            }
            if (round >= 0) {
                cpu[round] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
                wall[round] = (System.nanoTime() - w0) / 1e9;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new double[] {cpu[1], wall[1]};
    }

    private static List<String> sample(List<Path> all, String ext, double capMb) throws Exception {
        List<Path> files = all.stream().filter(p -> p.toString().endsWith(ext)).toList();
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        int step = (int) Math.max(1, Math.ceil(total / (capMb * 1e6)));
        List<String> out = new ArrayList<>();
        long taken = 0;
        for (int i = 0; i < files.size() && taken < capMb * 1e6; i += step) {
            String t = utf8(Files.readAllBytes(files.get(i)));
            if (t != null && !t.isEmpty()) {
                out.add(t);
                taken += t.length();
            }
        }
        return out;
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A 10,000-level nested file against a flat file of the same size: µs of CPU per file. */
    private static void deepVersusFlat() {
        int depth = 10_000;
        String pyDeep = "x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\n";
        String pyFlat = flat("x = (1)\n", pyDeep.length());
        String javaDeep = "class A { void f() " + "{".repeat(depth) + "}".repeat(depth) + " }\n";
        String javaFlat = "class A { void f() " + flat("{}", javaDeep.length() - 22) + " }\n";
        QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        System.out.println();
        System.out.println("| file (" + depth + " levels vs flat, same bytes) | bytes | nodes | parse + Java walk µs | parse + native export µs | quality score (parse: true) µs |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] f : new String[][] {{"Python nested ( )", pyDeep, "Python"}, {"Python flat x = (1) lines", pyFlat, "Python"},
                {"Java nested { }", javaDeep, "Java"}, {"Java flat {} blocks", javaFlat, "Java"}}) {
            List<String> one = List.of(f[1]);
            int reps = 20;
            List<String> many = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                many.addAll(one);
            }
            double j = measure(many, f[2], job("j"))[0] / reps * 1e6;
            double n = measure(many, f[2], job("n"))[0] / reps * 1e6;
            double q = measure(many, f[2], (b, t, l) -> scorer.score(t, "a", l))[0] / reps * 1e6;
            int nodes = Parsers.parseWithin(f[1], f[2], 4_000_000, 0).tree().size();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.0f |%n", f[0], f[1].length(), nodes, j, n, q);
        }
    }

    private static String flat(String unit, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() + unit.length() <= length) {
            b.append(unit);
        }
        return b.toString();
    }
}
