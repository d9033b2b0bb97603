package dev.codemill.bench;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.StageRegistry;
import dev.codemill.plan.StageSpec;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Explainable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the {@code decontaminate} stage on a folder of files: writes one TSV row per file
 * (path, dropped, best literal share, best identifier-abstracted share, every matched item, else the
 * best check) and prints files/s, MB/s on one thread and the index load time.
 *
 * <p>Usage: {@code DecontaminationScan BENCHMARKS_DIR SCAN_DIR OUT.tsv [threshold [min_chars
 * [identifier_threshold [min_distinctive_ngrams]]]]}; defaults are the stage's. Also prints, per
 * benchmark file, how many items have no solution or program in the identifier-abstracted pass (fewer than
 * {@code min_distinctive_ngrams} distinctive n-grams: a renamed copy of them cannot be found).
 * The recall of a planted set ({@code scripts/plant_benchmarks.py}) is computed from the TSV by
 * {@code scripts/decont_recall.py}.
 * Files that are not valid UTF-8 are decoded with replacement characters.
 */
public final class DecontaminationScan {
    private DecontaminationScan() {
    }

    public static void main(String[] args) throws IOException {
        Path bench = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        double threshold = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        long minChars = args.length > 4 ? Long.parseLong(args[4]) : 50;
        double idThreshold = args.length > 5 ? Double.parseDouble(args[5]) : 0.8;
        long minDistinctive = args.length > 6 ? Long.parseLong(args[6]) : 8;
        long t0 = System.nanoTime();
        DocStage stage = (DocStage) StageRegistry.load().build(new StageSpec("decontaminate",
                Map.of("benchmarks", List.of(bench.toString()), "threshold", threshold, "min_chars", minChars,
                "identifier_threshold", idThreshold, "min_distinctive_ngrams", minDistinctive)), 0);
        double loadS = (System.nanoTime() - t0) / 1e9;
        printUnmatchable(((dev.codemill.stages.decont.DecontaminateStage) stage).index());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            bytes += b.length;
            texts.add(new String(b, StandardCharsets.UTF_8));
        }
        // throughput: process() only, one thread, after one warm-up pass over the first files
        CountingEmitter warm = new CountingEmitter();
        for (int i = 0; i < Math.min(500, texts.size()); i++) {
            stage.process(doc(files.get(i), texts.get(i)), warm);
        }
        CountingEmitter counter = new CountingEmitter();
        long t1 = System.nanoTime();
        for (int i = 0; i < texts.size(); i++) {
            stage.process(doc(files.get(i), texts.get(i)), counter);
        }
        double scanS = (System.nanoTime() - t1) / 1e9;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("path\tdropped\tliteral_share\tidentifier_share\tdetail");
            for (int i = 0; i < texts.size(); i++) {
                List<Check> checks = ((Explainable) stage).explain(doc(files.get(i), texts.get(i)));
                boolean dropped = checks.stream().anyMatch(c -> !c.passed());
                String lit = checks.size() > 1 ? checks.get(1).value() : "";
                String ids = checks.size() > 2 ? checks.get(2).value() : "";
                // the last check names every matched item (benchmark_items) or, when none matched, the best one
                String detail = checks.get(checks.size() - 1).detail();
                if (!dropped || checks.get(checks.size() - 1).passed()) {
                    detail = checks.stream().filter(c -> !c.passed()).findFirst()
                            .orElse(checks.get(checks.size() - (checks.size() > 1 ? 2 : 1))).detail();
                }
                w.println(dir.relativize(files.get(i)) + "\t" + dropped + "\t" + lit + "\t" + ids + "\t" + detail);
            }
        }
        System.out.printf("index load %.2f s; %d files, %.1f MB; dropped %d; scan %.2f s = %.2f MB/s on one thread%n",
                loadS, files.size(), bytes / 1e6, counter.dropped, scanS, bytes / 1e6 / scanS);
    }

    /**
     * Per benchmark file: items, and items whose solution (or program: prompt + solution) is not in
     * the identifier-abstracted pass; a renamed copy of such an item's solution cannot be found.
     */
    private static void printUnmatchable(dev.codemill.stages.decont.BenchmarkIndex index) {
        Map<String, java.util.Set<String>> all = new java.util.TreeMap<>();
        Map<String, java.util.Set<String>> abs = new java.util.TreeMap<>();
        for (dev.codemill.stages.decont.BenchmarkPart p : index.parts()) {
            all.computeIfAbsent(p.benchmark(), k -> new java.util.HashSet<>()).add(p.itemId());
            if (p.distinctiveNgrams() >= index.minDistinctive() && !"test".equals(p.role())) {
                abs.computeIfAbsent(p.benchmark(), k -> new java.util.HashSet<>()).add(p.itemId());
            }
        }
        for (var e : all.entrySet()) {
            int in = abs.getOrDefault(e.getKey(), java.util.Set.of()).size();
            System.out.printf("%s: %d items indexed, solution of %d not in the identifier-abstracted pass (< %d distinctive %d-grams)%n",
                    e.getKey(), e.getValue().size(), e.getValue().size() - in, index.minDistinctive(), index.n());
        }
    }

    private static Document doc(Path f, String text) {
        return Document.ofText(DocId.of(f.toString()), new SourceRef("bench", "bench", f.toString()), text, Annotations.EMPTY);
    }

    private static final class CountingEmitter implements dev.codemill.stage.Emitter {
        long dropped;

        @Override
        public void keep(Document doc) {
        }

        @Override
        public void drop(Document doc, dev.codemill.stage.Verdict why) {
            dropped++;
        }

        @Override
        public void quarantine(Document doc, dev.codemill.stage.Verdict why) {
        }

        @Override
        public void modified(Document changed, java.util.List<dev.codemill.stage.Verdict> whys) {
        }
    }
}
