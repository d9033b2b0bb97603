package dev.codemill.bench.quality;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.detect.DecodeStageFactory;
import dev.codemill.stages.detect.LanguageStageFactory;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityReport;
import dev.codemill.stages.quality.QualityScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Tier calibration and text-vs-parse cost on a real corpus (issue 13 §3): every {@code step}-th
 * file is decoded and given a language, then scored by the default constitution at text level
 * ({@code parse: false}) and with the default settings ({@code parse: true}, budgets); prints the
 * thread CPU seconds of both, the score quartiles (the cut points that would give four equal
 * tiers) and the tier distribution under the constitution's own cut points, overall and per
 * language. Writes {@code OUT} (one row per file: path, language, bytes, text score, score, tier).
 *
 * <pre>
 * java -cp ... dev.codemill.bench.quality.QualityTiers /tmp/codemill-bench/corpus-medium 4 /tmp/tiers.tsv
 * </pre>
 */
public final class QualityTiers {
    private QualityTiers() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int step = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        DocStage decode = (DocStage) new DecodeStageFactory().create(Params.empty("decode"));
        DocStage language = (DocStage) new LanguageStageFactory().create(Params.empty("language"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        QualityScorer text = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        QualityScorer tree = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES,
                QualityScorer.DEFAULT_MAX_PARSE_MILLIS);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long cpuText = 0;
        long cpuTree = 0;
        long bytes = 0;
        List<double[]> scores = new ArrayList<>();
        Map<String, int[]> tiers = new TreeMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("path\tlanguage\tbytes\ttext_score\tscore\ttier\tparsed");
            for (int i = 0; i < files.size(); i += step) {
                Path f = files.get(i);
                Document d = Document.ofBytes(DocId.of(f.toString()), new SourceRef(root.toString(), "", root.relativize(f).toString()),
                        Files.readAllBytes(f), Annotations.EMPTY);
                d = run(decode, d);
                d = d == null ? null : run(language, d);
                if (d == null || d.text() == null) {
                    continue;
                }
                String lang = d.get(Keys.LANGUAGE);
                String path = d.source().path();
                long t0 = tm.getCurrentThreadCpuTime();
                QualityReport a = text.score(d.text(), path, lang);
                long t1 = tm.getCurrentThreadCpuTime();
                QualityReport b = tree.score(d.text(), path, lang);
                long t2 = tm.getCurrentThreadCpuTime();
                cpuText += t1 - t0;
                cpuTree += t2 - t1;
                int n = QualityScorer.bytes(d.text());
                bytes += n;
                scores.add(new double[] {b.score()});
                String key = lang == null ? "(none)" : lang;
                for (String k : List.of("all", key)) {
                    int[] c = tiers.computeIfAbsent(k, x -> new int[4]);
                    c["ABCD".indexOf(b.tier())]++;
                }
                w.printf(Locale.ROOT, "%s\t%s\t%d\t%.4f\t%.4f\t%s\t%s%n", path, key, n, a.score(), b.score(), b.tier(), b.parsed());
            }
        }
        double[] s = scores.stream().mapToDouble(x -> x[0]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s, every %d. file: %d documents, %.1f MB%n", root, step, s.length, bytes / 1e6);
        System.out.printf(Locale.ROOT, "quality scoring CPU seconds (one thread): text %.1f, parse %.1f, ratio %.2f%n",
                cpuText / 1e9, cpuTree / 1e9, (double) cpuTree / cpuText);
        System.out.printf(Locale.ROOT, "score quantiles p25 %.4f p50 %.4f p75 %.4f%n", q(s, 0.25), q(s, 0.5), q(s, 0.75));
        System.out.println("| slice | n | A | B | C | D |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, int[]> e : tiers.entrySet()) {
            int[] c = e.getValue();
            int n = Arrays.stream(c).sum();
            if (n < 20 && !e.getKey().equals("all")) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", e.getKey(), n, p(c[0], n), p(c[1], n), p(c[2], n), p(c[3], n));
        }
    }

    private static String p(int a, int n) {
        return String.format(Locale.ROOT, "%d (%.0f %%)", a, 100.0 * a / n);
    }

    private static double q(double[] sorted, double at) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(at * sorted.length))];
    }

    private static Document run(DocStage stage, Document doc) {
        Document[] out = new Document[1];
        stage.process(doc, new Emitter() {
            @Override
            public void keep(Document d) {
                out[0] = d;
            }

            @Override
            public void drop(Document d, Verdict why) {
            }

            @Override
            public void quarantine(Document d, Verdict why) {
            }

            @Override
            public void modified(Document d, List<Verdict> whys) {
                out[0] = d;
            }
        });
        return out[0];
    }
}
