package dev.codemill.bench.quality;

import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.quality.CheckResult;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityReport;
import dev.codemill.stages.quality.QualityScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The quality pairs set (issue 13 §4): real files degraded in one dimension each
 * ({@link Degrader.Dimension}), scored by Codemill at text level ({@code parse: false}) and with
 * syntax ({@code parse: true}, the default); prints the share of pairs where the original scores
 * strictly higher, per language and dimension, and writes every pair under {@code OUT} for the
 * peer tools ({@code codemill-bench/quality-pairs.sh} runs pylint and PMD on them).
 *
 * <pre>
 * java -cp ... dev.codemill.bench.quality.QualityPairs PY_DIR JAVA_DIR OUT [FILES_PER_LANGUAGE]
 * </pre>
 * {@code PY_DIR}: a CPython {@code Lib} folder (its top-level {@code *.py}); {@code JAVA_DIR}: a
 * folder of JDK sources ({@code java/util} from {@code lib/src.zip}). Files of 1–100 KB, sorted by
 * path, evenly spaced; generated files (linguist's markers) are left out. A degraded copy that parses with more error bytes than its original is
 * discarded (counted as {@code broken}). Writes {@code OUT/pairs.tsv} (one row per pair with both
 * scores of both modes and the tree sub-scores) and {@code OUT/<lang>/<dimension>/{orig,deg}/NAME}.
 */
public final class QualityPairs {
    private QualityPairs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: QualityPairs PY_DIR JAVA_DIR OUT [FILES_PER_LANGUAGE]");
            System.exit(2);
        }
        Path out = Path.of(args[2]);
        int perLanguage = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Files.createDirectories(out);
        QualityScorer text = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        QualityScorer tree = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        Map<String, int[]> wins = new LinkedHashMap<>();
        // per language: scores of the originals and of the ALL-degraded copies, text and default, for the AUC
        Map<String, List<double[]>> auc = new LinkedHashMap<>();
        List<String> speed = new ArrayList<>();
        try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out.resolve("pairs.tsv")))) {
            tsv.println("language\tdimension\tfile\torig_text\tdeg_text\torig_tree\tdeg_tree\tdiff_tree");
            for (String[] lang : new String[][] {{"Python", args[0], ".py"}, {"Java", args[1], ".java"}}) {
                List<Path> files = pick(Path.of(lang[1]), lang[2], perLanguage);
                Degrader dg = new Degrader(lang[0]);
                long cpuText = 0;
                long cpuTree = 0;
                long bytes = 0;
                int index = 0;
                for (Path f : files) {
                    String orig = Files.readString(f, StandardCharsets.UTF_8);
                    if (GeneratedDetector.builtIn().find(f.getFileName().toString(), orig).isPresent()) {
                        continue; // a generated file is no "original" to degrade
                    }
                    long t0 = tm.getCurrentThreadCpuTime();
                    QualityReport ot = text.score(orig, f.getFileName().toString(), lang[0]);
                    long t1 = tm.getCurrentThreadCpuTime();
                    QualityReport or = tree.score(orig, f.getFileName().toString(), lang[0]);
                    long t2 = tm.getCurrentThreadCpuTime();
                    cpuText += t1 - t0;
                    cpuTree += t2 - t1;
                    bytes += QualityScorer.bytes(orig);
                    long origErr = errorBytes(orig, lang[0]);
                    for (Degrader.Dimension d : Degrader.Dimension.values()) {
                        String dim = d.name().toLowerCase(Locale.ROOT);
                        int[] w = wins.computeIfAbsent(lang[0] + "\t" + dim, k -> new int[5]);
                        Optional<String> deg;
                        try {
                            deg = dg.degrade(orig, d, index);
                        } catch (RuntimeException e) {
                            deg = Optional.empty();
                        }
                        if (deg.isEmpty() || deg.get().equals(orig)) {
                            w[3]++;
                            continue;
                        }
                        if (errorBytes(deg.get(), lang[0]) > origErr) {
                            w[4]++;
                            continue;
                        }
                        QualityReport dt = text.score(deg.get(), f.getFileName().toString(), lang[0]);
                        QualityReport dr = tree.score(deg.get(), f.getFileName().toString(), lang[0]);
                        if (d == Degrader.Dimension.ALL) {
                            auc.computeIfAbsent(lang[0], k -> new ArrayList<>()).add(
                                    new double[] {ot.score(), dt.score(), or.score(), dr.score()});
                        }
                        w[0]++;
                        w[1] += ot.score() > dt.score() ? 1 : 0;
                        w[2] += or.score() > dr.score() ? 1 : 0;
                        Path dir = out.resolve(lang[0].toLowerCase(Locale.ROOT)).resolve(dim);
                        Files.createDirectories(dir.resolve("orig"));
                        Files.createDirectories(dir.resolve("deg"));
                        Files.writeString(dir.resolve("orig").resolve(f.getFileName().toString()), orig);
                        Files.writeString(dir.resolve("deg").resolve(f.getFileName().toString()), deg.get());
                        tsv.printf(Locale.ROOT, "%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s%n", lang[0], dim, f.getFileName(),
                                ot.score(), dt.score(), or.score(), dr.score(), diff(or, dr));
                    }
                    index++;
                }
                speed.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.2f | %.0f | %.2f |", lang[0], files.size(),
                        bytes / 1e6, files.size() / (cpuText / 1e9), bytes / 1e6 / (cpuText / 1e9),
                        files.size() / (cpuTree / 1e9), bytes / 1e6 / (cpuTree / 1e9)));
            }
        }
        System.out.println("| language | dimension | pairs | Codemill text | Codemill parse | skipped (n/a) | broken |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, int[]> e : wins.entrySet()) {
            int[] w = e.getValue();
            String[] k = e.getKey().split("\t");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %d | %d |%n", k[0], k[1], w[0], pct(w[1], w[0]),
                    pct(w[2], w[0]), w[3], w[4]);
        }
        System.out.println();
        System.out.println("AUC, curated (originals) against junk (the same files with all six degradations), unpaired:");
        System.out.println("| language | curated | junk | Codemill text AUC | Codemill default AUC |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> e : auc.entrySet()) {
            List<double[]> v = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |%n", e.getKey(), v.size(), v.size(),
                    auc(v, 0, 1), auc(v, 2, 3));
        }
        System.out.println();
        System.out.println("| language | files | MB | text files/s per core | text MB/s | parse files/s per core | parse MB/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        speed.forEach(System.out::println);
    }

    /** Mann–Whitney AUC: P(curated score > junk score) + ½ P(tie), over every curated × junk pair. */
    static double auc(List<double[]> rows, int good, int bad) {
        double sum = 0;
        for (double[] a : rows) {
            for (double[] b : rows) {
                sum += a[good] > b[bad] ? 1 : a[good] == b[bad] ? 0.5 : 0;
            }
        }
        return rows.isEmpty() ? Double.NaN : sum / ((double) rows.size() * rows.size());
    }

    private static String pct(int a, int n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * a / n);
    }

    /** Principles whose sub-score differs between original and degraded copy: {@code id:orig>deg,…}. */
    private static String diff(QualityReport a, QualityReport b) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, CheckResult> e : a.results().entrySet()) {
            Double x = e.getValue().score();
            CheckResult other = b.results().get(e.getKey());
            Double y = other == null ? null : other.score();
            if (x == null ? y != null : y == null || Math.abs(x - y) > 1e-9) {
                sb.append(sb.isEmpty() ? "" : ",").append(e.getKey()).append(':').append(fmt(x)).append('>').append(fmt(y));
            }
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "na" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static long errorBytes(String text, String language) {
        Optional<SyntaxTree> t = Parsers.parse(text, language, 4_000_000);
        return t.map(SyntaxTree::errorBytes).orElse(Long.MAX_VALUE);
    }

    /** Up to {@code n} top-level files of the extension, 1–100 KB, sorted by name, evenly spaced. */
    static List<Path> pick(Path dir, String ext, int n) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(ext)).filter(p -> {
                try {
                    long size = Files.size(p);
                    return size >= 1_000 && size <= 100_000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().toList();
        }
        if (all.size() <= n) {
            return all;
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }
}
