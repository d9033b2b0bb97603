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
import dev.codemill.stages.analysis.syntax.NativeTrees;
import dev.codemill.stages.analysis.syntax.ParseBudget;
import dev.codemill.stages.analysis.syntax.ParseResult;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.detect.DecodeStageFactory;
import dev.codemill.stages.detect.LanguageStageFactory;
import dev.codemill.stages.quality.Checkers;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.FileContext;
import dev.codemill.stages.quality.Principle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the quality stage's CPU goes, part by part: every {@code step}-th file of a corpus is
 * decoded and given a language, then (1 warm-up round, {@code rounds - 1} measured) parsed and
 * exported within {@link ParseBudget#DEFAULT} (per grammar), wrapped in a {@link FileContext} and
 * scored by each principle of the built-in constitution (with / without a tree). Thread CPU
 * seconds per measured round (meaningful on a loaded machine), share of the total, and calls.
 *
 * <pre>
 * java -cp "codemill-bench/target/classes:codemill-cli/target/codemill.jar" \
 *     dev.codemill.bench.quality.QualityCost /tmp/codemill-bench/corpus-medium 8 2
 * </pre>
 */
public final class QualityCost {
    private QualityCost() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        System.out.println("syntax export: " + NativeTrees.status());
        int step = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<DocStage> prepare = List.of((DocStage) new DecodeStageFactory().create(Params.empty("decode")),
                (DocStage) new LanguageStageFactory().create(Params.empty("language")));
        List<Document> docs = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> w = Files.walk(root)) { files = w.filter(Files::isRegularFile).sorted().toList(); }
        for (int i = 0; i < files.size(); i += step) {
            Path f = files.get(i);
            Document d = Document.ofBytes(DocId.of(f.toString()), new SourceRef(root.toString(), "", root.relativize(f).toString()), Files.readAllBytes(f), Annotations.EMPTY);
            for (DocStage s : prepare) { d = run(s, d); if (d == null) break; }
            if (d != null && d.text() != null) docs.add(d);
        }
        Constitution c = Constitution.builtIn();
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        Map<String, long[]> cost = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            boolean m = round > 0;
            for (Document d : docs) {
                String lang = d.get(Keys.LANGUAGE);
                String text = d.text();
                long t0 = tm.getCurrentThreadCpuTime();
                SyntaxTree tree = null;
                if (Parsers.supports(lang)) {
                    ParseResult r = Parsers.parseBounded(text, lang, ParseBudget.DEFAULT);
                    tree = r.tree();
                }
                long t1 = tm.getCurrentThreadCpuTime();
                if (m) add(cost, "0 parse+export " + (Parsers.supports(lang) ? lang : "-"), t1 - t0);
                FileContext fc = new FileContext(text, d.source().path(), lang, tree);
                long t2 = tm.getCurrentThreadCpuTime();
                if (m) add(cost, "1 filecontext", t2 - t1);
                for (Principle p : c.principles()) {
                    long a = tm.getCurrentThreadCpuTime();
                    try { Checkers.byName(p.checker()).check(fc, p); } catch (RuntimeException e) { /* counted like the stage: n/a */ }
                    if (m) add(cost, "2 " + p.id() + (tree != null ? " tree" : " notree"), tm.getCurrentThreadCpuTime() - a);
                }
            }
        }
        long total = cost.values().stream().mapToLong(x -> x[0]).sum();
        for (var e : cost.entrySet()) System.out.printf(Locale.ROOT, "%-40s %8.2f s  %5.1f %%  n=%d%n", e.getKey(), e.getValue()[0] / 1e9 / (rounds - 1), 100.0 * e.getValue()[0] / total, e.getValue()[1] / (rounds - 1));
        System.out.printf("total %.2f s per round, docs %d%n", total / 1e9 / (rounds - 1), docs.size());
    }
    static void add(Map<String, long[]> m, String k, long v) { long[] x = m.computeIfAbsent(k, q -> new long[2]); x[0] += v; x[1]++; }
    static Document run(DocStage stage, Document doc) {
        Document[] out = new Document[1];
        stage.process(doc, new Emitter() {
            public void keep(Document d) { out[0] = d; }
            public void drop(Document d, Verdict why) { }
            public void quarantine(Document d, Verdict why) { }
            public void modified(Document d, List<Verdict> whys) { out[0] = d; }
        });
        return out[0];
    }
}
