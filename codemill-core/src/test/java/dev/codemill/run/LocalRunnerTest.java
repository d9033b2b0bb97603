package dev.codemill.run;

import dev.codemill.testkit.LinesFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {
    /** Decodes bytes as UTF-8; quarantines files holding "BAD"; drops files longer than 20 chars. */
    static final class Filter implements DocStage {
        @Override
        public String name() {
            return "filter";
        }

        @Override
        public void process(Document doc, Emitter out) {
            String text = doc.isDecoded() ? doc.text() : new String(doc.bytes(), StandardCharsets.UTF_8);
            if (text.contains("BAD")) {
                out.quarantine(doc, Verdict.of("bad", "holds BAD"));
            } else if (text.length() > 20) {
                out.drop(doc, Verdict.of("too_long", "", text.length(), "<= 20"));
            } else {
                out.keep(doc.withText(text).with(Keys.LENGTH_BYTES, (long) doc.bytes().length));
            }
        }
    }

    /** Keeps the smallest id of each text. */
    static final class Dedup implements GroupStage {
        @Override
        public String name() {
            return "dedup";
        }

        @Override
        public String key(Document doc) {
            return doc.text();
        }

        @Override
        public void processGroup(String key, List<Document> docs, Emitter out) {
            out.keep(docs.get(0));
            for (Document d : docs.subList(1, docs.size())) {
                out.drop(d, new Verdict("dup", "", "", "", docs.get(0).id().value()));
            }
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

    private static List<Split> splits(int files) {
        List<Split> splits = new ArrayList<>();
        for (int s = 0; s < 7; s++) {
            int split = s;
            splits.add(new Split() {
                @Override
                public String name() {
                    return "split" + split;
                }

                @Override
                public long sizeBytes() {
                    return -1;
                }

                @Override
                public void read(Emitter out) {
                    for (int i = split; i < files; i += 7) {
                        String text = i % 13 == 0 ? "BAD" : i % 11 == 0 ? "x".repeat(30) : "text " + (i % 50);
                        SourceRef src = new SourceRef("mem", "repo" + (i % 3), "f" + i + ".txt");
                        if (i % 17 == 0) {
                            out.quarantine(Document.ofBytes(DocId.of(src.path()), src, new byte[0], Annotations.EMPTY),
                                    Verdict.of("unreadable", "test"));
                        } else {
                            out.keep(Document.ofBytes(DocId.of(src.path()), src, text.getBytes(StandardCharsets.UTF_8),
                                    Annotations.EMPTY));
                        }
                    }
                }
            });
        }
        return splits;
    }

    private static RunResult run(Path out, int threads, int partitions) throws IOException {
        List<Stage> stages = List.of(new Filter(), new Dedup(), new Upper());
        return new LocalRunner(stages, List.of(LinesFormat.full()), threads, 200, partitions, new Progress())
                .run(splits(500), out);
    }

    @Test
    void conservationAndCountsAreExact() throws IOException {
        RunResult r = run(Files.createTempDirectory("lr"), 2, 4);
        // 500 files: 30 quarantined at ingest (i%17==0), of the rest 36 hold BAD (i%13==0),
        // 40 are too long (i%11==0), and the remaining 394 texts collapse to 50 distinct values.
        assertThat(r.stats().documentsIn()).isEqualTo(500);
        assertThat(r.stats().conservationHolds()).isTrue();
        assertThat(r.stats().kept() + r.stats().dropped() + r.stats().quarantined()).isEqualTo(500);
        assertThat(r.stats().kept()).isEqualTo(50);
        assertThat(r.stats().dropped()).isEqualTo(40 + 394 - 50);
        assertThat(r.stats().quarantined()).isEqualTo(30 + 36);
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCount(@TempDir Path tmp) throws IOException {
        run(tmp.resolve("a"), 1, 4);
        run(tmp.resolve("b"), 4, 4);
        for (String dir : List.of("data", "ledger")) {
            List<Path> a = list(tmp.resolve("a").resolve(dir));
            List<Path> b = list(tmp.resolve("b").resolve(dir));
            assertThat(a.stream().map(p -> p.getFileName().toString()).toList())
                    .isEqualTo(b.stream().map(p -> p.getFileName().toString()).toList());
            for (int i = 0; i < a.size(); i++) {
                assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
            }
        }
        assertThat(list(tmp.resolve("a").resolve("data"))).hasSizeGreaterThan(1); // part_bytes 200 rolls parts
        assertThat(tmp.resolve("a").resolve(".codemill-work")).doesNotExist();
        assertThat(tmp.resolve("a").resolve("stats.json")).exists();
    }

    @Test
    void ledgerNamesKeptCopyAndModifications(@TempDir Path tmp) throws IOException {
        run(tmp, 2, 3);
        List<String> ledger = new ArrayList<>();
        for (Path p : list(tmp.resolve("ledger"))) {
            ledger.addAll(Files.readAllLines(p));
        }
        assertThat(ledger).filteredOn(l -> l.contains("rule=dup")).allMatch(l -> !l.contains("keptId=,"));
        assertThat(ledger).filteredOn(l -> l.contains("rule=upper")).hasSize(50);
        assertThat(ledger).filteredOn(l -> l.contains("rule=too_long")).allMatch(l -> l.contains("value=30, limit=<= 20"));
    }

    @Test
    void aStageThatEmitsNothingStopsTheRun(@TempDir Path tmp) {
        DocStage silent = new DocStage() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public void process(Document doc, Emitter out) {
            }
        };
        assertThatThrownBy(() -> new LocalRunner(List.of(silent), List.of(LinesFormat.full()), 1, 100, 2, new Progress())
                .run(splits(10), tmp)).hasMessageContaining("emitted 0 outcomes");
    }

    /** Splits whose documents share ids across splits (like a dump's repeated blob_id). */
    private static List<Split> duplicateIdSplits(boolean reversed) {
        List<Split> splits = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int split = s;
            splits.add(new Split() {
                @Override
                public String name() {
                    return "dups" + split;
                }

                @Override
                public long sizeBytes() {
                    return -1;
                }

                @Override
                public void read(Emitter out) {
                    for (int i = 0; i < 12; i++) {
                        SourceRef src = new SourceRef("mem", "repo" + split, "f" + i + ".txt");
                        String text = i % 2 == 0 ? "same " + i : "split " + split + " file " + i;
                        if (i % 5 == 0) {
                            out.quarantine(Document.ofBytes(new DocId("id" + i), src, new byte[0], Annotations.EMPTY),
                                    Verdict.of("unreadable", "test"));
                        } else {
                            out.keep(Document.ofBytes(new DocId("id" + i), src, text.getBytes(StandardCharsets.UTF_8),
                                    Annotations.EMPTY));
                        }
                    }
                }
            });
        }
        if (reversed) {
            java.util.Collections.reverse(splits);
        }
        return splits;
    }

    @Test
    void duplicateIdsDoNotMakeTheOutputDependOnArrivalOrder(@TempDir Path tmp) throws IOException {
        // One thread reading the splits in opposite orders is the worst arrival order a pool can
        // produce; ties between equal ids must not be broken by it (in data, groups or ledger).
        for (String name : List.of("fwd", "rev")) {
            new LocalRunner(List.of(new Filter(), new Dedup(), new Upper()), List.of(LinesFormat.full()), 1, 1 << 20, 2,
                    new Progress()).run(duplicateIdSplits(name.equals("rev")), tmp.resolve(name));
        }
        for (String dir : List.of("data", "ledger")) {
            List<Path> a = list(tmp.resolve("fwd").resolve(dir));
            List<Path> b = list(tmp.resolve("rev").resolve(dir));
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.size(); i++) {
                assertThat(Files.readString(a.get(i))).isEqualTo(Files.readString(b.get(i)));
            }
        }
        List<String> data = new ArrayList<>();
        for (Path part : list(tmp.resolve("fwd").resolve("data"))) {   // one part per non-empty hash partition, in order
            data.addAll(Files.readAllLines(part));
        }
        // ids 1,3,7,9,11 (odd, not quarantined): distinct texts in 4 splits -> 20 kept; even ids
        // 2,4,6,8 share text across splits -> 4 kept; id0/id5/id10 quarantined.
        assertThat(data).hasSize(24);
        assertThat(data.get(0)).startsWith("id1\tf1.txt\tSPLIT 0 FILE 1");
    }

    /** Writes one ledger row per letter "t" (value = its index), counts them, and warns. */
    static final class Spans implements DocStage {
        @Override
        public String name() {
            return "spans";
        }

        @Override
        public List<String> warnings() {
            return List.of("careful");
        }

        @Override
        public void process(Document doc, Emitter out) {
            String text = new String(doc.bytes(), StandardCharsets.UTF_8);
            List<Verdict> rows = new ArrayList<>();
            for (int i = text.indexOf('t'); i >= 0; i = text.indexOf('t', i + 1)) {
                rows.add(new Verdict("t", "T", Integer.toString(i), "", ""));
            }
            if (rows.isEmpty()) {
                out.keep(doc.withText(text));
                return;
            }
            rows.add(Verdict.of("changed", ""));
            out.count("letters.t", rows.size() - 1);
            out.count("documents", 1);
            out.modified(doc.withText(text.replace('t', 'T')), rows);
        }
    }

    @Test
    void severalLedgerRowsOfOneChangeCountTheDocumentOncePerRule(@TempDir Path tmp) throws Exception {
        Split split = new Split() {
            @Override
            public String name() {
                return "three";
            }

            @Override
            public long sizeBytes() {
                return -1;
            }

            @Override
            public void read(Emitter out) {
                for (String text : List.of("tatt", "xyz", "at")) {
                    SourceRef src = new SourceRef("mem", "r", text + ".txt");
                    out.keep(Document.ofBytes(DocId.of(src.path()), src, text.getBytes(StandardCharsets.UTF_8),
                            Annotations.EMPTY));
                }
            }
        };
        RunResult r = new LocalRunner(List.of(new Spans()), List.of(LinesFormat.full()), 1, 1 << 20, 2, new Progress())
                .run(List.of(split), tmp);
        assertThat(r.stats().documentsIn()).isEqualTo(3);
        assertThat(r.stats().kept()).isEqualTo(3);
        assertThat(r.stats().conservationHolds()).isTrue();
        List<String> ledger = new ArrayList<>();
        for (Path p : list(tmp.resolve("ledger"))) {
            ledger.addAll(Files.readAllLines(p));
        }
        assertThat(ledger).filteredOn(l -> l.contains("rule=t,")).extracting(l -> l.replaceAll(".*path=([a-z]+).*value=(\\d+).*", "$1:$2"))
                .containsExactlyInAnyOrder("tatt:0", "tatt:2", "tatt:3", "at:1");
        assertThat(ledger).filteredOn(l -> l.contains("rule=changed,")).hasSize(2);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("stats.json").toFile());
        assertThat(json.at("/decisions/spans/modify:t/documents").asLong()).isEqualTo(2);
        assertThat(json.at("/decisions/spans/modify:t/bytes").asLong()).isEqualTo(6);
        assertThat(json.at("/decisions/spans/modify:changed/documents").asLong()).isEqualTo(2);
        assertThat(json.get("metrics").toString()).isEqualTo("{\"spans\":{\"documents\":2,\"letters.t\":4}}");
        assertThat(json.get("warnings").toString()).isEqualTo("[{\"stage\":\"spans\",\"message\":\"careful\"}]");
    }

    @Test
    void aModifyWithoutVerdictIsAStageFailure(@TempDir Path tmp) throws IOException {
        DocStage empty = new DocStage() {
            @Override
            public String name() {
                return "empty";
            }

            @Override
            public void process(Document doc, Emitter out) {
                out.modified(doc, List.of());
            }
        };
        // Like any stage failure before a decision: the document is quarantined as internal_error.
        RunResult r = new LocalRunner(List.of(empty), List.of(LinesFormat.full()), 1, 100, 2, new Progress())
                .run(splits(10), tmp);
        assertThat(r.stats().kept()).isZero();
        assertThat(r.stats().conservationHolds()).isTrue();
        List<String> ledger = new ArrayList<>();
        for (Path p : list(tmp.resolve("ledger"))) {
            ledger.addAll(Files.readAllLines(p));
        }
        assertThat(ledger).filteredOn(l -> l.contains("rule=internal_error")).hasSize(9)
                .allMatch(l -> l.contains("modified") && l.contains("without a verdict"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
