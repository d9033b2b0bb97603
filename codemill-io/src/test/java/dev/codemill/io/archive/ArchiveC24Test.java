package dev.codemill.io.archive;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.IngestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case C24: archives with symlinks, {@code ..} paths and absolute paths (zip-slip). */
@NeedsShared("cases/C24_archive_symlink_zipslip")
class ArchiveC24Test {
    static final byte[] OK = "def ok():\n    return 'inside the root'\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path tmp;

    @BeforeAll
    static void makeInputs() throws Exception {
        Path script = SharedData.path("cases/C24_archive_symlink_zipslip/make_inputs.py");
        Files.copy(script, tmp.resolve("make_inputs.py"));
        Process p = new ProcessBuilder("python3", "make_inputs.py").directory(tmp.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
    }

    @Test
    void tarGivesOneDocumentAndRefusesEveryEscape() throws Exception {
        Recorder r = Recorder.readAll(Inputs.splits(List.of(tmp.resolve("gen/repo_snapshot.tar")), IngestOptions.DEFAULTS));
        assertOnlyOk(r, "repo_snapshot.tar");
        assertThat(r.rulesByPath()).containsExactly(
                entry("proj/../escape_up.py", "path_traversal"),
                entry("/tmp/abs_path.py", "absolute_path"),
                entry("proj/link_passwd", "symlink_outside_root"),
                entry("proj/link_up", "symlink_outside_root"),
                entry("proj/dirlink", "symlink_outside_root"),
                entry("proj/dirlink/planted.py", "write_through_symlink"),
                entry("proj/hard_passwd", "hardlink"),
                entry("proj/src/ok_again.py", "symlink"));
        assertNothingOutside(r);
    }

    @Test
    void zipGivesOneDocumentAndRefusesEveryEscape() throws Exception {
        Recorder r = Recorder.readAll(Inputs.splits(List.of(tmp.resolve("gen/repo_snapshot.zip")), IngestOptions.DEFAULTS));
        assertOnlyOk(r, "repo_snapshot.zip");
        assertThat(r.rulesByPath()).containsExactly(
                entry("../zip_escape.py", "path_traversal"),
                entry("proj/zlink", "symlink_outside_root"),
                entry("C:/windows_abs.py", "absolute_path"),
                entry("proj/../../backslash_escape.py", "path_traversal"));
        assertThat(r.refused.get(1).verdict().detail()).isEqualTo("symlink to /etc/hostname leaves the archive root; not followed");
        assertNothingOutside(r);
    }

    private static void assertOnlyOk(Recorder r, String archive) {
        assertThat(r.keptPaths()).containsExactly("repo_snapshot|proj/src/ok.py");
        Document d = r.kept.get(0);
        assertThat(d.bytes()).isEqualTo(OK);
        assertThat(d.id()).isEqualTo(DocId.of(archive + "!proj/src/ok.py"));
        assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo((long) OK.length);
        // every refused entry is an empty document with a unique id
        assertThat(r.refused).allSatisfy(f -> assertThat(f.doc().bytes()).isEmpty());
        assertThat(r.refused.stream().map(f -> f.doc().id()).distinct().count()).isEqualTo(r.refused.size());
    }

    private static void assertNothingOutside(Recorder r) throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.map(p -> tmp.relativize(p).toString()).sorted().toList())
                    .containsExactly("", "gen", "gen/repo_snapshot.tar", "gen/repo_snapshot.zip", "make_inputs.py");
        }
        assertThat(Path.of("/tmp/abs_path.py")).doesNotExist();
        assertThat(Path.of("/tmp/planted.py")).doesNotExist();
        assertThat(tmp.getParent().resolve("outside.py")).doesNotExist();
    }
}
