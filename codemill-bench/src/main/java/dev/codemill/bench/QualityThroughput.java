package dev.codemill.bench;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.detect.DecodeStageFactory;
import dev.codemill.stages.detect.LanguageStageFactory;
import dev.codemill.stages.quality.QualityStageFactory;
import dev.codemill.stages.stats.StatsStageFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality scoring throughput per core, with and without tree-sitter parsing, in thread CPU time
 * (meaningful on a shared machine): every {@code step}-th file of a corpus is decoded, given a
 * language and line stats once, then scored by the {@code quality} stage for 1 warm-up and 3
 * measured rounds; the median is reported in MB/s of UTF-8 text.
 *
 * <pre>
 * codemill-bench/bench.sh medium   # assembles /tmp/codemill-bench/corpus-medium first
 * mvn -q -pl codemill-bench -am package -DskipTests
 * java -cp "codemill-bench/target/classes:codemill-cli/target/codemill.jar" dev.codemill.bench.QualityThroughput /tmp/codemill-bench/corpus-medium 3
 * </pre>
 */
public final class QualityThroughput {
    private QualityThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/codemill-bench/corpus-medium");
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<DocStage> prepare = List.of(
                (DocStage) new DecodeStageFactory().create(Params.empty("decode")),
                (DocStage) new LanguageStageFactory().create(Params.empty("language")),
                (DocStage) new StatsStageFactory().create(Params.empty("stats")));
        List<Document> docs = new ArrayList<>();
        long bytes = 0;
        List<Path> files = BenchFiles.under(root);
        for (int i = 0; i < files.size(); i += step) {
            Path f = files.get(i);
            Document d = Document.ofBytes(DocId.of(f.toString()), new SourceRef(root.toString(), "", root.relativize(f).toString()),
                    Files.readAllBytes(f), Annotations.EMPTY);
            for (DocStage s : prepare) {
                d = run(s, d);
                if (d == null) {
                    break;
                }
            }
            if (d != null) {
                docs.add(d);
                bytes += d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        System.out.printf(Locale.ROOT, "%s, every %d. file: %d documents, %.1f MB; thread CPU time, median of 3 rounds%n",
                root, step, docs.size(), bytes / 1e6);
        System.out.println("| parse | MB/s per core | documents/s per core |");
        System.out.println("|---|---|---|");
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (boolean parse : new boolean[] {false, true}) {
            DocStage quality = (DocStage) new QualityStageFactory().create(new Params("quality", Map.of("parse", parse), 0));
            double[] secs = new double[4];
            for (int round = 0; round < secs.length; round++) {
                long t0 = tm.getCurrentThreadCpuTime();
                for (Document d : docs) {
                    run(quality, d);
                }
                secs[round] = (tm.getCurrentThreadCpuTime() - t0) / 1e9;
            }
            double[] measured = java.util.Arrays.copyOfRange(secs, 1, secs.length);
            java.util.Arrays.sort(measured);
            double median = measured[1];
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f |%n", parse, bytes / 1e6 / median, docs.size() / median);
        }
    }

    /** Runs one stage on one document; null when the stage did not keep it. */
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
            public void modified(Document d, java.util.List<Verdict> whys) {
                out[0] = d;
            }
        });
        return out[0];
    }
}
