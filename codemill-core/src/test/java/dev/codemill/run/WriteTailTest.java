package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.MixSpec;
import dev.codemill.run.mix.MixStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.testkit.LinesFormat;
import dev.codemill.testkit.MemorySplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write tail both runners end in: folders, branches, the aggregate stages' decisions. */
class WriteTailTest {
    private static Document doc(String id, String text) {
        return Document.ofText(new DocId(id), new SourceRef("t", "r", id + ".py"), text, dev.codemill.model.Annotations.EMPTY);
    }

    /** A branch folder is one call: OUT/NAME/ gets data, ledger and manifest.json, written like the main output. */
    @Test
    void aBranchIsWrittenLikeTheMainOutput(@TempDir Path out) throws IOException {
        RunPlan plan = new RunPlan(null, List.of(), List.of(LinesFormat.full()), 1 << 20, 2);
        RunStats3 s = new RunStats3();
        ExecutorService pool = Futures.pool(2, "test-writer");
        try (WorkDir work = WorkDir.create(out); WriteTail tail = new WriteTail(plan, out, work.path(), 2)) {
            for (String id : List.of("b", "a", "c")) {
                s.stats.documentIn(doc(id, id));
                tail.main().keep(doc(id, "main " + id));
            }
            OutputFolder fim = tail.branch("fim");
            fim.keep(doc("z", "fim z"));
            fim.keep(doc("y", "fim y"));
            assertThat(tail.branch("fim")).isSameAs(fim);
            assertThatThrownBy(() -> tail.branch("data")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tail.branch("../x")).isInstanceOf(IllegalArgumentException.class);
            tail.finish(s.stats, List.of(), pool, new Progress(), 1, System.nanoTime(), List.of());
        } finally {
            Futures.stop(pool);
        }
        // one part per non-empty hash partition, partitions in order: b is in partition 0, a and c in 1 ("x".hashCode() mod 2)
        assertThat(files(out)).containsExactly(".codemill-work-free", "README.md", "data/part-00000.txt",
                "data/part-00001.txt", "examples.json", "fim/.codemill", "fim/data/part-00000.txt", "fim/data/part-00001.txt",
                "fim/ledger/part-00000.txt", "fim/manifest.json", "ledger/part-00000.txt", "manifest.json", "stats.json");
        assertThat(Files.readAllLines(out.resolve("data/part-00000.txt"))).hasSize(1).allMatch(l -> l.contains("main b"));
        assertThat(Files.readAllLines(out.resolve("data/part-00001.txt"))).hasSize(2)
                .allMatch(l -> l.contains("main "));
        assertThat(Files.readAllLines(out.resolve("fim/data/part-00000.txt"))).hasSize(1).allMatch(l -> l.contains("fim z"));
        assertThat(Files.readAllLines(out.resolve("fim/data/part-00001.txt"))).allMatch(l -> l.contains("fim y")).hasSize(1);
        assertThat(Files.readString(out.resolve("fim/manifest.json"))).contains("\"path\" : \"data/part-00000.txt\"");
    }

    /** Stats holder (documents counted in so that the conservation gate holds). */
    private static final class RunStats3 {
        final dev.codemill.metrics.RunStats stats = new dev.codemill.metrics.RunStats();
    }

    private static List<String> files(Path out) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out)) {
            walk.filter(Files::isRegularFile).forEach(p -> found.add(out.relativize(p).toString().replace('\\', '/')));
        }
        if (!Files.exists(out.resolve(WorkDir.NAME))) {
            found.add(".codemill-work-free");
        }
        found.sort(null);
        return found;
    }

    /** A stage after an aggregate stage is refused, with both names: never silently reordered or ignored. */
    @Test
    void aStageAfterAnAggregateIsRefused() {
        MixSpec mix = new MixSpec(100, "language", Map.of(), List.of(), Map.of(), 2);
        DocStage keep = new DocStage() {
            @Override
            public String name() {
                return "keep";
            }

            @Override
            public void process(Document d, Emitter out) {
                out.keep(d);
            }
        };
        List<Stage> stages = List.of(new MixStage(mix, 1), keep);
        assertThatThrownBy(() -> new RunPlan(null, stages, List.of(LinesFormat.full()), 100, 2))
                .isInstanceOf(RecipeException.class).hasMessageContaining("'keep' comes after the aggregate stage 'mix'");
        RunPlan ok = new RunPlan(null, List.of(keep, new MixStage(mix, 1)), List.of(LinesFormat.full()), 100, 2);
        assertThat(ok.chain()).containsExactly(keep);
        assertThat(ok.aggregateStages()).hasSize(1);
    }

    /**
     * A plan without a recipe still mixes: the mix is a stage of the plan, not a recipe lookup in
     * the runner (before issue 15 a null recipe silently turned the mix off).
     */
    @Test
    void aMixStageRunsWithoutARecipe(@TempDir Path out) throws IOException {
        MixSpec mix = new MixSpec(100, "language", Map.of("Python", 1.0), List.of(), Map.of(), 2);
        DocStage tokens = new DocStage() {
            @Override
            public String name() {
                return "tokens";
            }

            @Override
            public void process(Document d, Emitter e) {
                e.keep(d.with(Keys.LANGUAGE, "Python").with(Keys.NUM_TOKENS, 10L));
            }
        };
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            docs.add(doc("d" + i, "print(" + i + ")"));
        }
        RunPlan plan = new RunPlan(null, List.of(tokens, new MixStage(mix, 3)), List.of(LinesFormat.full()), 1 << 20, 2);
        RunResult r = new LocalRunner(plan, 2, new Progress()).run(List.of(MemorySplit.of(docs)), out);
        assertThat(r.stats().kept()).isEqualTo(8);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertThat(manifest).contains("\"mixture\" : {").contains("\"total_tokens\" : 100");
        assertThat(Files.readString(out.resolve("stats.json"))).contains("\"mixture\" : {");
    }
}
