package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, resume: the markers of {@link Checkpoint} and the tagged frames of {@link SpillStore}. */
class CheckpointTest {
    @TempDir
    Path tmp;

    static Document doc(String id) {
        return Document.ofText(new DocId(id), new SourceRef("in.jsonl", "o/r", id + ".py"), "x = " + id.length(), Annotations.EMPTY);
    }

    static Split split(String name, String... ids) {
        return new Split() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long sizeBytes() {
                return ids.length;
            }

            @Override
            public void read(Emitter out) {
                for (String id : ids) {
                    out.keep(doc(id));
                }
            }
        };
    }

    @Test
    void spillFilesAreOwnerOnlyAndAResumeKeepsTheFramesOfFinishedSplitsOnly() throws Exception {
        SpillStore<Document> s = new SpillStore<>(tmp.resolve("spill"), 1, SpillStore.DOCUMENTS);
        SpillStore.TAG.set(1);
        s.append("a", doc("a"));
        s.append("b", doc("b"));
        SpillStore.TAG.set(2);
        s.append("c", doc("c"));
        SpillStore.TAG.set(0);
        s.close();
        Path f = tmp.resolve("spill/spill-00000.bin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        // a frame a kill tore: tag 1, length 50, 3 bytes of it
        Files.write(f, new byte[] {0, 0, 0, 1, 0, 0, 0, 50, 9, 9, 9}, StandardOpenOption.APPEND);

        assertThat(SpillStore.keepFrames(f, tag -> tag == 1)).isEqualTo(2);

        assertThat(s.read(0, false)).extracting(d -> d.id().value()).containsExactly("a", "b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void aResumeSkipsFinishedSplitsMergesTheirCountersInOrderAndCutsAHalfDonePhase() throws Exception {
        Path work = Files.createDirectories(tmp.resolve(WorkDir.NAME));
        List<Split> splits = List.of(split("s0", "a", "b"), split("s1", "c"), split("s2", "d", "e", "f"));
        Checkpoint c = Checkpoint.open(work, "fp", false);
        SpillStore<Document> spill = new SpillStore<>(work.resolve("spill-0"), 2, SpillStore.DOCUMENTS);
        SpillStore<LedgerRow> ledger = new SpillStore<>(work.resolve("ledger"), 2, SpillStore.LEDGER);
        Progress progress = new Progress();
        c.beginReading(new RunStats(), 3);
        c.readSplit(1, splits.get(1), progress, row -> ledger.append(row.id(), row), ch -> ch.build(List.of(), 0, d -> spill.append(d.id().value(), d)));
        // split 2 is half read when the process dies: its frames reach the file, no marker
        SpillStore.TAG.set(3);
        spill.append("d", doc("d"));
        SpillStore.TAG.set(0);
        spill.flush();
        // kill -9: nothing is closed

        Checkpoint resumed = Checkpoint.open(work, "fp", true);
        assertThat(resumed.resumes()).isTrue();
        assertThat(resumed.phasesDone()).isEqualTo(-1);
        assertThat(List.of(resumed.splitDone(0), resumed.splitDone(1), resumed.splitDone(2))).containsExactly(false, true, false);
        SpillStore<Document> spill2 = new SpillStore<>(work.resolve("spill-0"), 2, SpillStore.DOCUMENTS);
        SpillStore<LedgerRow> ledger2 = new SpillStore<>(work.resolve("ledger"), 2, SpillStore.LEDGER);
        RunStats stats = new RunStats();
        resumed.beginReading(stats, 3);
        for (int i : new int[] {2, 0}) {
            resumed.readSplit(i, splits.get(i), progress, row -> ledger2.append(row.id(), row), ch -> ch.build(List.of(), 0, d -> spill2.append(d.id().value(), d)));
        }
        resumed.readingDone(stats);
        spill2.close();
        assertThat(stats.documentsIn()).isEqualTo(6);
        List<String> ids = new java.util.ArrayList<>();
        for (int p = 0; p < 2; p++) {
            spill2.read(p, true).forEach(d -> ids.add(d.id().value()));
        }
        assertThat(ids).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f"); // "d" once: the torn attempt's frame is gone
        assertThat(work.resolve("spill-0/spill-00000.bin")).exists(); // kept after reading: a resumed phase reads it again

        // phase 1 half done: a file of the next spill and more ledger bytes, then a crash
        Files.createDirectories(work.resolve("spill-1"));
        Files.writeString(work.resolve("spill-1/spill-00000.bin"), "half");
        ledger2.append("a", new LedgerRow("a", "o/r", "a.py", 3, "exact_dedup", "duplicate", "drop", "", "", "", "b"));
        ledger2.flush();
        assertThat(Files.list(work.resolve("ledger")).toList()).hasSize(1);
        Checkpoint third = Checkpoint.open(work, "fp", true);
        assertThat(third.phasesDone()).isZero();
        RunStats restored = new RunStats();
        assertThat(third.restoreStats(restored)).isTrue();
        assertThat(restored.documentsIn()).isEqualTo(6);
        assertThat(work.resolve("spill-1/spill-00000.bin")).doesNotExist();
        assertThat(work.resolve("ledger")).doesNotExist(); // written after the marker: gone (the folder, empty, too)

        assertThatThrownBy(() -> Checkpoint.open(work, "other", true)).isInstanceOf(OutputClaim.RefusedException.class)
                .hasMessageContaining("cannot resume").hasMessageContaining("run without --resume");
        c.close();
        resumed.close();
        third.close();
    }

    @Test
    void aFolderWithoutMarkersIsEmptiedNotAppendedTo() throws IOException {
        // a run killed while its work folder was deleted at the end: the log went first
        Path work = Files.createDirectories(tmp.resolve(WorkDir.NAME));
        Files.createDirectories(work.resolve("spill-0"));
        Files.writeString(work.resolve("spill-0/spill-00000.bin"), "old frames");
        Checkpoint c = Checkpoint.open(work, "fp", true);
        assertThat(c.resumes()).isFalse();
        assertThat(work.resolve("spill-0")).doesNotExist();
        assertThat(Files.readString(work.resolve(Checkpoint.LOG))).startsWith("codemill-resume 1 fp ");
        c.close();
    }

    @Test
    void aTornMarkerLineIsIgnoredWithEverythingAfterIt() throws IOException {
        Path work = Files.createDirectories(tmp.resolve(WorkDir.NAME));
        Checkpoint c = Checkpoint.open(work, "fp", false);
        c.beginReading(new RunStats(), 2);
        SpillStore<LedgerRow> ledger = new SpillStore<>(work.resolve("ledger"), 1, SpillStore.LEDGER);
        c.readSplit(0, split("s0", "a"), new Progress(), row -> ledger.append(row.id(), row), ch -> ch.build(List.of(), 0, d -> { }));
        c.close();
        Files.writeString(work.resolve(Checkpoint.LOG), "split 1 torn 1234", StandardOpenOption.APPEND); // no CRC match, no newline
        Checkpoint r = Checkpoint.open(work, "fp", true);
        assertThat(r.splitDone(0)).isTrue();
        assertThat(r.splitDone(1)).isFalse();
        assertThat(Files.readString(work.resolve(Checkpoint.LOG))).doesNotContain("torn").endsWith("\n");
        r.close();
    }

    @Test
    void aBranchFolderThatAKilledPublishMovedIntoOutIsTakenBack() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("OUT"));
        Path work = Files.createDirectories(out.resolve(WorkDir.NAME));
        Checkpoint c = Checkpoint.open(work, "fp", false);
        Path staged = Files.createDirectories(work.resolve("out/fim/data")).resolve("part-00000.jsonl");
        Files.writeString(staged, "{\"id\":\"a\"}\n");
        c.phaseDone(1, new RunStats(), null);
        c.close();
        // publish killed after renaming the staged branch folder into OUT
        Files.createDirectories(out.resolve("fim"));
        Files.move(work.resolve("out/fim/data"), out.resolve("fim/data"));
        Files.writeString(work.resolve("out-half-written"), "x"); // after the marker: deleted

        Checkpoint r = Checkpoint.open(work, "fp", true);
        assertThat(r.phasesDone()).isEqualTo(1);
        assertThat(Files.readString(staged)).isEqualTo("{\"id\":\"a\"}\n");
        assertThat(out.resolve("fim/data/part-00000.jsonl")).doesNotExist();
        assertThat(work.resolve("out-half-written")).doesNotExist();
        r.close();

        // a listed file found nowhere: refused
        Files.delete(staged);
        assertThatThrownBy(() -> Checkpoint.open(work, "fp", true)).isInstanceOf(IOException.class)
                .hasMessageContaining("of the last checkpoint is missing");
    }
}
