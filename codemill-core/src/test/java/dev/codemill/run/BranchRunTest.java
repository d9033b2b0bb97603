package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.BranchSpec;
import dev.codemill.plan.StageSpec;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Emit, derive rows, consume and branches on the local runner, with exact counts. */
class BranchRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Quarantines texts holding BAD, keeps the rest. */
    static final class Gate implements DocStage {
        @Override
        public String name() {
            return "gate";
        }

        @Override
        public void process(Document doc, Emitter out) {
            if (doc.text().contains("BAD")) {
                out.quarantine(doc, Verdict.of("bad", "holds BAD"));
            } else {
                out.keep(doc);
            }
        }
    }

    /** Keeps every document and, for one holding "twin", also emits a copy with a derived id. */
    static final class Twin implements DocStage {
        @Override
        public String name() {
            return "twin";
        }

        @Override
        public void process(Document doc, Emitter out) {
            if (doc.text().contains("twin")) {
                Document copy = Document.ofText(DocId.of("twin/" + doc.id().value()), doc.source(), "copy of " + doc.text(),
                        doc.annotations());
                out.emit(copy, List.of(doc.id()), Verdict.of("twin", "a copy"));
            }
            out.keep(doc);
        }
    }

    static final class Upper implements DocStage {
        @Override
        public String name() {
            return "upper";
        }

        @Override
        public void process(Document doc, Emitter out) {
            out.modified(doc.withText(doc.text().toUpperCase()), Verdict.of("upper", "upper-cased"));
        }
    }

    /** Packs each repository's documents into one derived document and consumes them. */
    static final class Pack implements GroupStage {
        @Override
        public String name() {
            return "pack";
        }

        @Override
        public String key(Document doc) {
            return doc.source().repoName();
        }

        @Override
        public void processGroup(String key, List<Document> docs, Emitter out) {
            StringBuilder text = new StringBuilder();
            List<DocId> from = new ArrayList<>();
            DocId id = DocId.of("pack/" + key);
            for (Document d : docs) {
                text.append(d.text()).append('|');
                from.add(d.id());
                out.consume(d, new Verdict("packed", "packed", id.value(), "", ""));
            }
            out.emit(Document.ofText(id, new SourceRef("", key, "pack"), text.toString(), Annotations.EMPTY), from,
                    Verdict.of("pack", docs.size() + " files"));
        }
    }

    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of(repo + "/" + path), new SourceRef("mem", repo, path), text,
                Annotations.EMPTY.with(Keys.LANGUAGE, "Text"));
    }

    private static final List<Document> INPUT = List.of(doc("a", "1", "one"), doc("a", "2", "twin two"),
            doc("b", "3", "three"), doc("b", "4", "four"), doc("b", "5", "twin five"), doc("c", "6", "BAD"));

    private static RunResult run(Path out, int threads) throws IOException {
        List<Stage> main = List.of(new Gate(), new Twin(), new Upper());
        List<BranchPlan> branches = List.of(
                new BranchPlan(new BranchSpec("packs", BranchSpec.END, List.of(new StageSpec("pack", Map.of()))), -1,
                        List.of(new Pack())),
                new BranchPlan(new BranchSpec("early", "gate", List.of(new StageSpec("upper", Map.of()))), 0,
                        List.of(new Upper())));
        return new LocalRunner(main, List.of(LinesFormat.full()), threads, 1 << 20, 4, new Progress())
                .withBranches(branches).run(List.of(MemorySplit.of(INPUT)), out);
    }

    private static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.addAll(Files.readAllLines(p));
            }
        }
        return out;
    }

    @Test
    void derivedDocumentsGoDownTheChainAndAreCountedApart(@TempDir Path tmp) throws IOException {
        RunResult r = run(tmp, 2);
        // main: 6 in, 1 quarantined, 5 kept; 2 derived by twin, both upper-cased and kept
        assertThat(r.stats().documentsIn()).isEqualTo(6);
        assertThat(r.stats().kept()).isEqualTo(5);
        assertThat(r.stats().quarantined()).isEqualTo(1);
        assertThat(r.stats().derivedDocuments()).isEqualTo(2);
        assertThat(r.stats().derivedKept()).isEqualTo(2);
        assertThat(r.stats().conservationHolds()).isTrue();
        List<String> data = lines(tmp.resolve("data"));
        assertThat(data).hasSize(7).anyMatch(l -> l.contains("COPY OF TWIN FIVE") && l.contains("derived_by=twin"));
        List<String> ledger = lines(tmp.resolve("ledger"));
        assertThat(ledger).filteredOn(l -> l.contains("action=derive")).hasSize(2)
                .anyMatch(l -> l.contains("id=" + DocId.of("twin/" + DocId.of("b/5").value()).value())
                        && l.contains("sources=[" + DocId.of("b/5").value() + "]"));
        assertThat(ledger).filteredOn(l -> l.contains("rule=upper")).hasSize(7);
        JsonNode stats = JSON.readTree(tmp.resolve("stats.json").toFile());
        assertThat(stats.get("documents").toString())
                .isEqualTo("{\"in\":6,\"kept\":5,\"dropped\":0,\"quarantined\":1,\"consumed\":0}");
        assertThat(stats.get("derived").toString())
                .isEqualTo("{\"documents\":2,\"kept\":2,\"dropped\":0,\"quarantined\":0,\"consumed\":0}");
        assertThat(stats.at("/decisions/twin/derive:twin/documents").asLong()).isEqualTo(2);
    }

    @Test
    void branchesAreFedCopiesAndWrittenBesideTheMainOutput(@TempDir Path tmp) throws IOException {
        run(tmp, 2);
        // packs (from the end): the 7 main outputs (copies) are consumed into one pack per repository (a, b)
        List<String> packs = lines(tmp.resolve("packs/data"));
        assertThat(packs).hasSize(2);
        assertThat(packs.get(0) + packs.get(1)).contains("ONE|", "TWIN TWO|", "COPY OF TWIN FIVE|");
        List<String> packLedger = lines(tmp.resolve("packs/ledger"));
        assertThat(packLedger).filteredOn(l -> l.contains("action=consume")).hasSize(7);
        assertThat(packLedger).filteredOn(l -> l.contains("action=derive")).hasSize(2)
                .anyMatch(l -> l.contains("id=" + DocId.of("pack/a").value()) && l.contains("rule=pack")
                        && l.contains("sources=[") && l.contains(DocId.of("a/1").value()) && l.contains(DocId.of("a/2").value()));
        assertThat(packLedger).noneMatch(l -> l.contains("action=drop") || l.contains("action=modify"));
        JsonNode stats = JSON.readTree(tmp.resolve("stats.json").toFile());
        assertThat(stats.at("/branches/packs").toString()).isEqualTo("{\"from\":\"end\","
                + "\"documents\":{\"in\":7,\"kept\":0,\"dropped\":0,\"quarantined\":0,\"consumed\":7},"
                + "\"derived\":{\"documents\":2,\"kept\":2,\"dropped\":0,\"quarantined\":0,\"consumed\":0},"
                + "\"conservation_holds\":true}");
        // early (from gate): the 5 documents the gate kept, before twin and upper, upper-cased in the branch
        assertThat(lines(tmp.resolve("early/data"))).hasSize(5).noneMatch(l -> l.contains("COPY"));
        assertThat(stats.at("/branches/early/documents/in").asLong()).isEqualTo(5);
        JsonNode early = JSON.readTree(tmp.resolve("early/stats.json").toFile());
        assertThat(early.at("/documents/kept").asLong()).isEqualTo(5);
        assertThat(tmp.resolve("early/manifest.json")).exists();
        assertThat(tmp.resolve(".codemill-work")).doesNotExist();
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCount(@TempDir Path tmp) throws IOException {
        run(tmp.resolve("one"), 1);
        run(tmp.resolve("four"), 4);
        for (String dir : List.of("data", "ledger", "packs/data", "packs/ledger", "early/data", "early/ledger")) {
            assertThat(lines(tmp.resolve("four").resolve(dir))).as(dir).isEqualTo(lines(tmp.resolve("one").resolve(dir)));
        }
    }

    @Test
    void aBranchFolderOfAnEarlierRunIsReplacedOrRemoved(@TempDir Path tmp) throws IOException {
        run(tmp, 2);
        Files.writeString(tmp.resolve("manifest.json"), "{\"recipe\":{\"branches\":[{\"name\":\"packs\"},{\"name\":\"../x\"}]}}");
        Files.writeString(tmp.resolve("packs/data/stale.txt"), "old");
        List<Stage> main = List.of(new Gate());
        new LocalRunner(main, List.of(LinesFormat.full()), 2, 1 << 20, 4, new Progress())
                .run(List.of(MemorySplit.of(INPUT)), tmp);
        assertThat(tmp.resolve("packs")).doesNotExist();
    }

    @Test
    void aUsersFolderNamedLikeABranchIsNeverRemoved(@TempDir Path tmp) throws IOException {
        run(tmp, 2);
        assertThat(tmp.resolve("packs").resolve(OutputClaim.MARKER)).exists();
        // The user replaces the branch folder with one of their own after the run.
        Files.walk(tmp.resolve("packs")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Files.createDirectories(tmp.resolve("packs/data"));
        Files.writeString(tmp.resolve("packs/notes.txt"), "mine");
        // The manifest of a recipe run names its branches (LocalRunner alone writes none).
        Files.writeString(tmp.resolve("manifest.json"), "{\"recipe\":{\"branches\":[{\"name\":\"packs\"}]}}");
        List<Stage> main = List.of(new Gate());
        LocalRunner second = new LocalRunner(main, List.of(LinesFormat.full()), 2, 1 << 20, 4, new Progress());
        assertThatThrownBy(() -> second.run(List.of(MemorySplit.of(INPUT)), tmp))
                .isInstanceOf(OutputClaim.RefusedException.class)
                .hasMessageContaining("packs holds files Codemill did not write (notes.txt)");
        assertThatThrownBy(() -> BranchFolders.checkReplaceable(tmp, List.of()))
                .hasMessageContaining("notes.txt");
        assertThat(tmp.resolve("packs/notes.txt")).hasContent("mine");
        assertThat(tmp.resolve("packs/data")).isDirectory();
    }

    @Test
    void aBranchFolderWithoutTheMarkerHoldingOnlyCodemillsEntriesIsReplaced(@TempDir Path tmp) throws IOException {
        run(tmp, 2);
        Files.delete(tmp.resolve("packs").resolve(OutputClaim.MARKER)); // a folder written before the marker existed
        BranchFolders.checkReplaceable(tmp, List.of("packs", "early", "absent"));
        Files.walk(tmp.resolve("early")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Files.writeString(tmp.resolve("early"), "a file, not a folder");
        assertThatThrownBy(() -> BranchFolders.checkReplaceable(tmp, List.of("early")))
                .hasMessageContaining("early is a file");
    }

    /** Keeps the first document (by id) of each repository, drops the others. */
    static final class FirstOfRepo implements GroupStage {
        @Override
        public String name() {
            return "first";
        }

        @Override
        public String key(Document doc) {
            return doc.source().repoName();
        }

        @Override
        public void processGroup(String key, List<Document> docs, Emitter out) {
            out.keep(docs.get(0));
            docs.subList(1, docs.size()).forEach(d -> out.drop(d, Verdict.of("not_first", "")));
        }
    }

    @Test
    void aBranchFedFromAGroupStageGetsWhatLeavesIt(@TempDir Path tmp) throws IOException {
        List<Stage> main = List.of(new Gate(), new FirstOfRepo(), new Upper());
        BranchPlan after = new BranchPlan(new BranchSpec("firsts", "first", List.of(new StageSpec("upper", Map.of()))), 1,
                List.of(new Upper()));
        RunResult r = new LocalRunner(main, List.of(LinesFormat.full()), 2, 1 << 20, 4, new Progress())
                .withBranches(List.of(after)).run(List.of(MemorySplit.of(INPUT)), tmp);
        // gate quarantines c/6; first keeps a/1 or a/2 and one of b/3..5: 2 documents leave it
        assertThat(r.stats().kept()).isEqualTo(2);
        assertThat(lines(tmp.resolve("firsts/data"))).hasSize(2).isEqualTo(lines(tmp.resolve("data")));
        JsonNode stats = JSON.readTree(tmp.resolve("stats.json").toFile());
        assertThat(stats.at("/branches/firsts/documents/in").asLong()).isEqualTo(2);
        assertThat(stats.at("/branches/firsts/from").asText()).isEqualTo("first");
    }

    @Test
    void emitWithoutSourcesIsAStageFailure(@TempDir Path tmp) {
        DocStage bad = new DocStage() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public void process(Document doc, Emitter out) {
                out.keep(doc);
                out.emit(doc, List.of(), Verdict.of("x", ""));
            }
        };
        assertThatThrownBy(() -> new LocalRunner(List.of(bad), List.of(LinesFormat.full()), 1, 1 << 20, 2, new Progress())
                .run(List.of(MemorySplit.of(INPUT)), tmp)).hasRootCauseMessage("stage bad emitted "
                + INPUT.get(0) + " without sources");
    }
}
