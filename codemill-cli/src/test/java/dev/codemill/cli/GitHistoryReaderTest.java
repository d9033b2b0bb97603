package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git history reader ({@code ingest.history}, codemill-io {@code io/git}) on a repository
 * written at test time ({@link HistoryFixture}): every commit change with its outcome, in walk
 * order; rename detection; the binary file dropped at ingest; a merge reduced to its evil change;
 * and {@code git show COMMIT:PATH} (the git program) reproducing both sides of every record.
 */
class GitHistoryReaderTest {
    /** Outcome of one document a reader sent. */
    record Sent(String action, Document doc, Verdict why) {
        String line() {
            return action + " " + doc.get(HistoryKeys.SUBJECT) + " | " + doc.get(HistoryKeys.CHANGE) + " "
                    + (doc.get(HistoryKeys.OLD_PATH).isEmpty() || doc.get(HistoryKeys.OLD_PATH).equals(doc.source().path())
                    ? "" : doc.get(HistoryKeys.OLD_PATH) + " -> ") + doc.source().path() + " files=" + doc.get(HistoryKeys.COMMIT_FILES)
                    + (why == null ? "" : " " + why.rule());
        }
    }

    static List<Sent> read(List<Split> splits) throws Exception {
        List<Sent> out = new ArrayList<>();
        Emitter e = new Emitter() {
            @Override
            public void keep(Document doc) {
                out.add(new Sent("keep", doc, null));
            }

            @Override
            public void drop(Document doc, Verdict why) {
                out.add(new Sent("drop", doc, why));
            }

            @Override
            public void quarantine(Document doc, Verdict why) {
                out.add(new Sent("quarantine", doc, why));
            }

            @Override
            public void modified(Document changed, List<Verdict> whys) {
                throw new AssertionError();
            }
        };
        for (Split s : splits) {
            s.read(e);
        }
        return out;
    }

    static List<Sent> changes(List<Sent> all) {
        return all.stream().filter(s -> HistoryKeys.COMMIT_CHANGE.equals(s.doc().get(HistoryKeys.RECORD))).toList();
    }

    @Test
    void everyChangeInWalkOrderWithItsOutcome(@TempDir Path tmp) throws Exception {
        HistoryFixture f = HistoryFixture.write(tmp.resolve("parser"));
        List<Sent> all = read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS)));
        // the snapshot at HEAD first, as without history (DirectoryReader), then the history
        assertThat(all.subList(0, 4)).extracting(s -> s.action() + " " + s.doc().source().repoName() + "/" + s.doc().source().path())
                .containsExactly("keep parser/app.py", "keep parser/config.py", "keep parser/logo.png", "keep parser/utils.py");
        assertThat(changes(all)).extracting(Sent::line).containsExactly(
                "keep WIP parser tweaks | modified app.py files=1",
                "keep Revert \"Document how to run the parser\" | deleted README.md files=1",
                // the merge: only utils.py differs from both parents (app.py came from 'docs' unchanged)
                "keep Merge branch 'docs' | modified utils.py files=1",
                "keep Document how to run the parser | added README.md files=1",
                "keep Add a docstring to the parse function | modified app.py files=1",
                "keep Remove the hard-coded token from the config | modified config.py files=1",
                "keep Rename the helpers module to utils | renamed helpers.py -> utils.py files=1",
                "keep Fix crash when the input line is empty | modified app.py files=1",
                "keep Add the parser and its helpers | added app.py files=4",
                "keep Add the parser and its helpers | added config.py files=4",
                "keep Add the parser and its helpers | added helpers.py files=4",
                "drop Add the parser and its helpers | added logo.png files=4 binary");
        Document merge = changes(all).get(2).doc();
        assertThat(merge.get(HistoryKeys.PARENTS)).containsExactly(f.commits.get("Document how to run the parser"),
                f.commits.get("Add a docstring to the parse function"));
        assertThat(merge.get(HistoryKeys.AUTHOR_TIME)).isEqualTo(HistoryFixture.T0 + 6 * 60);
        assertThat(changes(all).get(6).doc().text()).isEqualTo(HistoryFixture.UTILS);
        assertThat(changes(all).get(6).doc().get(HistoryKeys.OLD_CONTENT)).isEqualTo(HistoryFixture.HELPERS);
        // ids are stable: a second read gives the same ids in the same order
        List<Sent> again = read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS)));
        assertThat(again).extracting(s -> s.doc().id()).containsExactlyElementsOf(all.stream().map(s -> s.doc().id()).toList());
    }

    @Test
    void gitShowReproducesBothSidesOfEveryKeptRecord(@TempDir Path tmp) throws Exception {
        assumeThat(HistoryFixture.gitAvailable()).as("the git program is needed for the outside check").isTrue();
        HistoryFixture f = HistoryFixture.write(tmp.resolve("parser"));
        int checked = 0;
        for (Sent s : changes(read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS))))) {
            if (!s.action().equals("keep")) {
                continue;
            }
            Document d = s.doc();
            String change = d.get(HistoryKeys.CHANGE);
            String commit = d.get(HistoryKeys.COMMIT);
            String parent = d.get(HistoryKeys.PARENTS).isEmpty() ? null : d.get(HistoryKeys.PARENTS).get(0);
            assertThat(d.text()).as(commit + ":" + d.source().path())
                    .isEqualTo(change.equals("deleted") ? "" : f.gitShow(commit, d.source().path()));
            assertThat(d.get(HistoryKeys.OLD_CONTENT)).as(parent + ":" + d.get(HistoryKeys.OLD_PATH))
                    .isEqualTo(change.equals("added") ? "" : f.gitShow(parent, d.get(HistoryKeys.OLD_PATH)));
            checked++;
        }
        assertThat(checked).isEqualTo(11);
    }

    @Test
    void optionsLimitTheWalk(@TempDir Path tmp) throws Exception {
        HistoryFixture f = HistoryFixture.write(tmp.resolve("parser"));
        // first parent: the side branch's commit is not walked; max_commits: the newest 5 only
        HistoryOptions firstParent = new HistoryOptions("", "HEAD", true, 5, List.of(), true);
        assertThat(changes(read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(firstParent)))))
                .extracting(s -> s.doc().get(HistoryKeys.SUBJECT)).containsExactly("WIP parser tweaks",
                        "Revert \"Document how to run the parser\"", "Merge branch 'docs'", "Document how to run the parser",
                        "Remove the hard-coded token from the config");
        // a range and a path filter
        HistoryOptions range = new HistoryOptions(f.commits.get("Fix crash when the input line is empty") + "..main", "HEAD",
                false, 0, List.of("app.py"), true);
        assertThat(changes(read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(range)))))
                .extracting(s -> s.doc().get(HistoryKeys.SUBJECT)).containsExactly("WIP parser tweaks",
                        "Add a docstring to the parse function");
        // without rename detection the rename is a deletion and an addition
        HistoryOptions noRenames = new HistoryOptions(f.commits.get("Fix crash when the input line is empty") + ".."
                + f.commits.get("Rename the helpers module to utils"), "HEAD", false, 0, List.of(), false);
        assertThat(changes(read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(noRenames)))))
                .extracting(Sent::line).containsExactly(
                        "keep Rename the helpers module to utils | deleted helpers.py files=2",
                        "keep Rename the helpers module to utils | added utils.py files=2");
        // a range that does not resolve stops the run rather than reading as an empty history
        HistoryOptions bad = new HistoryOptions("no-such-tag..main", "HEAD", false, 0, List.of(), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS.withHistory(bad))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("'no-such-tag' does not resolve");
    }

    @Test
    void aBareRepositoryIsReadFromGitWithItsSnapshot(@TempDir Path tmp) throws Exception {
        HistoryFixture f = HistoryFixture.write(tmp.resolve("parser"));
        Path bare = tmp.resolve("parser.git");
        org.eclipse.jgit.api.Git.cloneRepository().setURI(f.dir.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        List<Sent> all = read(Inputs.splits(List.of(bare), IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS)));
        assertThat(all.subList(0, 4)).extracting(s -> s.action() + " " + s.doc().source().repoName() + "/" + s.doc().source().path())
                .containsExactly("keep parser/app.py", "keep parser/config.py", "keep parser/logo.png", "keep parser/utils.py");
        assertThat(changes(all)).hasSize(12);
        // without ingest.history a folder is read as files, as before
        assertThat(changes(read(Inputs.splits(List.of(f.dir), IngestOptions.DEFAULTS)))).isEmpty();
    }
}
