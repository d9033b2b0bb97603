package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Key;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import dev.codemill.testkit.LinesFormat;
import dev.codemill.testkit.MemorySplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group stages by the same key field share one spill round, with the same output as one round each. */
class GroupRoundTest {
    static final Key<String> SEEN = Key.of("seen", String.class);

    /** Per repository: records the group's size and first id in {@code seen}; drops files named drop*. */
    record ByRepo(String name, String field) implements GroupStage {
        @Override
        public String key(Document doc) {
            return doc.source().repoName();
        }

        @Override
        public String keyField() {
            return field;
        }

        @Override
        public void processGroup(String key, List<Document> docs, Emitter out) {
            String seen = (docs.get(0).get(SEEN) == null ? "" : docs.get(0).get(SEEN) + ";") + name + ":" + docs.size()
                    + "@" + docs.get(0).id().value();
            for (Document d : docs) {
                if (d.source().path().startsWith(name + "-drop")) {
                    out.drop(d, Verdict.of("dropped_by_" + name, "test"));
                } else {
                    out.keep(d.with(SEEN, seen));
                }
            }
        }
    }

    /** Drops texts holding "short"; with {@code moveRepo}, moves every document to repository "elsewhere". */
    record Between(boolean moveRepo) implements DocStage {
        @Override
        public String name() {
            return "between";
        }

        @Override
        public void process(Document doc, Emitter out) {
            if (doc.text().contains("short")) {
                out.drop(doc, Verdict.of("short", "test"));
            } else if (moveRepo) {
                SourceRef s = doc.source();
                out.keep(Document.ofText(doc.id(), new SourceRef(s.origin(), "elsewhere", s.path()), doc.text(),
                        doc.annotations()));
            } else {
                out.keep(doc);
            }
        }
    }

    private static List<Document> docs() {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String path = (i % 7 == 0 ? "a-drop" : i % 5 == 0 ? "b-drop" : "f") + i + ".txt";
            SourceRef src = new SourceRef("mem", "repo" + (i % 4), path);
            out.add(Document.ofText(DocId.of("d" + (59 - i)), src, i % 6 == 0 ? "short" : "text number " + i,
                    Annotations.EMPTY));
        }
        return out;
    }

    private static RunResult run(Path out, String field, boolean moveRepo, Progress progress) throws IOException {
        List<Stage> stages = List.of(new ByRepo("a", field), new Between(moveRepo), new ByRepo("b", field),
                new LocalRunnerTest.Upper());
        return new LocalRunner(stages, List.of(LinesFormat.full()), 2, 1 << 20, 3, progress)
                .run(List.of(MemorySplit.of(docs())), out);
    }

    @Test
    void fusedRoundWritesTheSameBytesAsOneRoundPerStage(@TempDir Path tmp) throws IOException {
        Progress fusedProgress = new Progress();
        RunResult fused = run(tmp.resolve("fused"), "repo_name", false, fusedProgress);
        Progress separateProgress = new Progress();
        RunResult separate = run(tmp.resolve("separate"), null, false, separateProgress);
        for (String dir : List.of("data", "ledger")) {
            List<Path> a = list(tmp.resolve("fused").resolve(dir));
            List<Path> b = list(tmp.resolve("separate").resolve(dir));
            assertThat(a).hasSameSizeAs(b).isNotEmpty();
            for (int i = 0; i < a.size(); i++) {
                assertThat(Files.readString(a.get(i))).isEqualTo(Files.readString(b.get(i)));
            }
        }
        // 60 files: a drops 9 (i%7==0), between 8 more (i%6==0: 6 12 18 24 30 36 48 54), b 9 (i%5==0 of the rest)
        assertThat(fused.stats().dropped()).isEqualTo(separate.stats().dropped()).isEqualTo(26);
        assertThat(fused.stats().kept()).isEqualTo(separate.stats().kept()).isEqualTo(34);
        // repo1 (i = 1, 5, ..., 57: 15 files, all odd): a sees 15 and drops 21 and 49, between drops none, b sees 13
        String data = Files.readString(list(tmp.resolve("fused").resolve("data")).get(0));
        assertThat(data).contains("a:15@").contains(";b:13@");
        List<String> fusedPhases = fusedProgress.finished().stream().map(Progress.Snapshot::phase).toList();
        List<String> separatePhases = separateProgress.finished().stream().map(Progress.Snapshot::phase).toList();
        assertThat(fusedPhases).contains("a+b").doesNotContain("b");
        assertThat(separatePhases).contains("a", "b");
    }

    @Test
    void aDocStageThatChangesTheKeyInsideAFusedRoundStopsTheRun(@TempDir Path tmp) {
        assertThatThrownBy(() -> run(tmp.resolve("moved"), "repo_name", true, new Progress()))
                .hasStackTraceContaining("a doc stage between them changed the key");
    }

    @Test
    void onlyGroupStagesWithTheSameKeyFieldShareARound() {
        List<Segment> segs = Segment.of(List.of(new ByRepo("a", "repo_name"), new Between(false), new ByRepo("b", "repo_name"),
                new ByRepo("c", "path"), new ByRepo("d", null), new ByRepo("e", null)));
        assertThat(GroupRound.fusedAfter(segs, 0)).isEqualTo(1);
        assertThat(GroupRound.fusedAfter(segs, 2)).isZero(); // c by path
        assertThat(GroupRound.fusedAfter(segs, 3)).isZero(); // d: no key field
        assertThat(GroupRound.fusedAfter(segs, 4)).isZero();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
