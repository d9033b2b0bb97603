package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The history reader on Codemill's own repository (the clone the tests run in): the newest 20
 * commits, every record's before and after reproduced by {@code git show} (the git program).
 * Skipped, saying why, when the clone has no {@code .git} or is shallow (CI clones with depth 1
 * hold one commit), or when the git program is missing.
 */
class OwnHistoryTest {
    static final int COMMITS = 20;

    @Test
    void gitShowReproducesTheNewestCommits() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve(".git"))) {
            root = root.getParent();
        }
        assumeThat(root).as("no .git above " + Path.of("").toAbsolutePath() + ": the project's own history is not here").isNotNull();
        Path gitDir = root.resolve(".git");
        assumeThat(Files.isDirectory(gitDir) && Files.exists(gitDir.resolve("shallow"))).as(
                "the clone at " + root + " is shallow; fetch its full history (git fetch --unshallow) to run this test").isFalse();
        assumeThat(HistoryFixture.gitAvailable()).as("the git program is needed for the outside check").isTrue();

        HistoryOptions h = new HistoryOptions("", "HEAD", false, COMMITS, List.of(), true);
        List<GitHistoryReaderTest.Sent> all = GitHistoryReaderTest.changes(GitHistoryReaderTest.read(
                Inputs.splits(List.of(root), IngestOptions.DEFAULTS.withHistory(h))));
        Set<String> commits = new HashSet<>();
        int checked = 0;
        for (GitHistoryReaderTest.Sent s : all) {
            Document d = s.doc();
            commits.add(d.get(HistoryKeys.COMMIT));
            assertThat(d.get(HistoryKeys.COMMIT)).matches("[0-9a-f]{40}");
            if (!s.action().equals("keep")) {
                continue;
            }
            String change = d.get(HistoryKeys.CHANGE);
            String parent = d.get(HistoryKeys.PARENTS).isEmpty() ? null : d.get(HistoryKeys.PARENTS).get(0);
            assertThat(d.text()).as(d.get(HistoryKeys.COMMIT) + ":" + d.source().path())
                    .isEqualTo(change.equals("deleted") ? "" : show(root, d.get(HistoryKeys.COMMIT), d.source().path()));
            assertThat(d.get(HistoryKeys.OLD_CONTENT)).as(parent + ":" + d.get(HistoryKeys.OLD_PATH))
                    .isEqualTo(change.equals("added") ? "" : show(root, parent, d.get(HistoryKeys.OLD_PATH)));
            checked++;
        }
        assertThat(commits.size()).isBetween(1, COMMITS);
        assertThat(checked).isPositive();
    }

    private static String show(Path repo, String rev, String path) throws Exception {
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "show", rev + ":" + path).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("git show " + rev + ":" + path).isZero();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
