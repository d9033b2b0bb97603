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
 * (path, dropped, best literal share, best identifier-normalised share, detail of the deciding
 * or best check) and prints files/s, MB/s on one thread and the index load time.
 *
 * <p>Usage: {@code DecontaminationScan BENCHMARKS_DIR SCAN_DIR OUT.tsv [threshold [min_chars
 * [identifier_threshold [identifier_min_ngrams]]]]}; defaults are the stage's.
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
        long idMin = args.length > 6 ? Long.parseLong(args[6]) : 25;
        long t0 = System.nanoTime();
        DocStage stage = (DocStage) StageRegistry.load().build(new StageSpec("decontaminate",
                Map.of("benchmarks", List.of(bench.toString()), "threshold", threshold, "min_chars", minChars,
                "identifier_threshold", idThreshold, "identifier_min_ngrams", idMin)), 0);
        double loadS = (System.nanoTime() - t0) / 1e9;
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
                String detail = checks.stream().filter(c -> !c.passed()).findFirst()
                        .orElse(checks.get(checks.size() - 1)).detail();
                w.println(dir.relativize(files.get(i)) + "\t" + dropped + "\t" + lit + "\t" + ids + "\t" + detail);
            }
        }
        System.out.printf("index load %.2f s; %d files, %.1f MB; dropped %d; scan %.2f s = %.2f MB/s on one thread%n",
                loadS, files.size(), bytes / 1e6, counter.dropped, scanS, bytes / 1e6 / scanS);
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
