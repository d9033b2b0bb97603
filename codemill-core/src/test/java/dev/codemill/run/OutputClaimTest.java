package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OUT ownership (marker), one run at a time (lock), the owner-only work folder, the conservation gate. */
class OutputClaimTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderOfTheUsersIsRefusedAndLeftAsItWas() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("data"));
        Files.writeString(out.resolve("data/mine.txt"), "the user's");
        Files.createDirectories(out.resolve("ledger"));
        assertThatThrownBy(() -> OutputClaim.acquire(out, false)).isInstanceOf(OutputClaim.RefusedException.class)
                .hasMessage("output folder " + out + " holds files Codemill did not write (data/, ledger/); choose a new "
                        + "or empty folder, or pass --overwrite to let Codemill replace its own outputs there (data/, "
                        + "ledger/, manifest.json, stats.json, ...)");
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("data", "ledger");
        }
        assertThat(Files.readString(out.resolve("data/mine.txt"))).isEqualTo("the user's");
    }

    @Test
    void overwriteClaimsItAndMarksItAsCodemills() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("data"));
        try (OutputClaim c = OutputClaim.acquire(out, true)) {
            assertThat(out.resolve(OutputClaim.MARKER)).exists();
        }
        try (OutputClaim c = OutputClaim.acquire(out, false)) {
            assertThat(out.resolve(OutputClaim.LOCK)).exists();
        }
    }

    @Test
    void newAndEmptyFoldersAreClaimed() throws Exception {
        try (OutputClaim c = OutputClaim.acquire(tmp.resolve("new/deeper"), false)) {
            assertThat(tmp.resolve("new/deeper/.codemill")).exists();
        }
        Files.createDirectories(tmp.resolve("empty"));
        try (OutputClaim c = OutputClaim.acquire(tmp.resolve("empty"), false)) {
            assertThat(tmp.resolve("empty/.codemill")).exists();
        }
    }

    @Test
    void aFolderHoldingOnlyALeftOverLockIsCodemills() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputClaim.LOCK), "");
        try (OutputClaim c = OutputClaim.acquire(out, false)) {
            assertThat(out.resolve(OutputClaim.MARKER)).exists();
        }
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputClaim first = OutputClaim.acquire(out, false)) {
            assertThatThrownBy(() -> OutputClaim.acquire(out, false)).isInstanceOf(OutputClaim.RefusedException.class)
                    .hasMessageStartingWith("another codemill run is writing " + out);
        }
        OutputClaim.acquire(out, false).close();
    }

    @Test
    void anEmptyPathOrAFileIsRefused() throws Exception {
        assertThatThrownBy(() -> OutputClaim.acquire(Path.of(""), false))
                .hasMessageContaining("the output folder is an empty path");
        Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> OutputClaim.acquire(tmp.resolve("f"), false)).hasMessageContaining("is not a folder");
    }

    @Test
    void theWorkFolderIsOwnerOnlyAndGoneAfterClose() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve(WorkDir.NAME).resolve("left-over"));
        Path p;
        try (WorkDir w = WorkDir.create(out)) {
            p = w.path();
            assertThat(p.resolve("left-over")).doesNotExist();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rwx------");
            Files.writeString(w.resolve("spill"), "raw content");
        }
        assertThat(p).doesNotExist();
    }

    @Test
    void brokenConservationIsRefusedBeforePublishing() {
        RunStats ok = new RunStats();
        Document d = Document.ofText(DocId.of("r/a.py"), new SourceRef("t", "r", "a.py"), "x = 1\n", Annotations.EMPTY);
        ok.documentIn(d);
        ok.keptDocument(d);
        Publisher.checkConservation(ok);
        RunStats lost = new RunStats();
        lost.documentIn(d);
        lost.documentIn(d);
        lost.keptDocument(d);
        assertThatThrownBy(() -> Publisher.checkConservation(lost)).isInstanceOf(IllegalStateException.class)
                .hasMessage("conservation law broken: documents_in 2 != kept 1 + dropped 0 + quarantined 0 + consumed 0; "
                        + "the output was not published");
    }
}
