package dev.codemill.stages.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Verdict;
import dev.codemill.testkit.RecordingEmitter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CommitFilters} and {@link CommitPairsStage} on commit-change records written here. */
class CommitPairsStageTest {
    static final String OLD = "def mean(values):\n    return sum(values) / len(values)\n";
    static final String NEW = "def mean(values):\n    return sum(values) / max(len(values), 1)\n";

    static Document change(String subject, String body, List<String> parents, long files, String before, String after) {
        Annotations a = Annotations.EMPTY.with(HistoryKeys.RECORD, HistoryKeys.COMMIT_CHANGE)
                .with(HistoryKeys.COMMIT, "c0ffee").with(HistoryKeys.PARENTS, parents).with(HistoryKeys.SUBJECT, subject)
                .with(HistoryKeys.BODY, body).with(HistoryKeys.COMMIT_FILES, files).with(HistoryKeys.CHANGE, "modified")
                .with(HistoryKeys.OLD_PATH, "stats.py").with(HistoryKeys.OLD_CONTENT, before);
        return Document.ofText(DocId.of("git:r@c0ffee:stats.py"), new SourceRef("in", "r", "stats.py"), after, a);
    }

    static Document change(String subject) {
        return change(subject, "", List.of("p1"), 1, OLD, NEW);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Fix division by zero in the mean helper|",
            "Revert \"Fix division by zero in the mean helper\"|revert",
            "Bump version to 2.4.1 for the release|version_bump",
            "Release v2.4.1 of the stats package|version_bump",
            "2.4.1|version_bump",
            "WIP: division by zero in mean|wip",
            "Fixes #123|issue_ref_only",
            "#12, #13|issue_ref_only",
            "https://github.com/example/stats/issues/4|url_only",
            "Fix it|subject_length",
            "Fix the mean helper|subject_words",
            "Fixed division by zero in the mean helper|imperative_verb",
            "stats: fix division by zero in mean helper|",
            "feat(stats): add a guard against empty input lists|",
            "Division by zero in the mean helper fixed|imperative_verb"})
    void subjectRules(String subject, String rule) {
        Verdict v = new CommitFilters(1, 50_000).firstFailing(change(subject));
        assertThat(v == null ? null : v.rule()).isEqualTo(rule);
    }

    @Test
    void commitAndContentRules() {
        CommitFilters f = new CommitFilters(1, 60);
        String s = "Fix division by zero in the mean helper";
        assertThat(f.firstFailing(change(s, "", List.of("p1", "p2"), 1, OLD, NEW)).rule()).isEqualTo("merge");
        assertThat(f.firstFailing(change(s, "(cherry picked from commit 0123abcd)", List.of("p1"), 1, OLD, NEW)).rule())
                .isEqualTo("cherry_pick");
        Verdict many = f.firstFailing(change(s, "", List.of("p1"), 2, OLD, NEW));
        assertThat(List.of(many.rule(), many.value(), many.limit())).containsExactly("too_many_files", "2", "1");
        Verdict large = f.firstFailing(change(s, "", List.of("p1"), 1, OLD + OLD, NEW));
        assertThat(List.of(large.rule(), large.value(), large.limit())).containsExactly("old_too_large", "110", "60");
        assertThat(f.firstFailing(change(s, "", List.of("p1"), 1, OLD, "")).rule()).isEqualTo("new_empty");
        assertThat(f.firstFailing(change(s, "", List.of("p1"), 1, OLD, OLD)).rule()).isEqualTo("unchanged");
        assertThat(f.firstFailing(change(s, "", List.of(), 1, "", NEW))).isNull(); // root commit, added file
        assertThat(f.ruleNames()).containsExactly("merge", "revert", "cherry_pick", "version_bump", "wip", "issue_ref_only",
                "url_only", "subject_length", "subject_words", "imperative_verb", "too_many_files", "old_too_large", "new_empty",
                "unchanged");
    }

    @Test
    void aPassingChangeIsConsumedAndOnePairEmitted() {
        CommitPairsStage stage = new CommitPairsStage(new CommitFilters(1, 50_000), 20);
        RecordingEmitter out = RecordingEmitter.create();
        Document in = change("Fix division by zero in the mean helper");
        stage.process(in, out);
        assertThat(out.actions()).containsExactly("emit", "consume");
        Document pair = out.outcomes().get(0).doc();
        assertThat(out.outcomes().get(0).others()).containsExactly(List.of(in.id()));
        assertThat(pair.id()).isEqualTo(DocId.of("commit_pairs/" + in.id().value()));
        assertThat(pair.text()).isEqualTo("""
                --- a/stats.py
                +++ b/stats.py
                @@ -1,2 +1,2 @@
                 def mean(values):
                -    return sum(values) / len(values)
                +    return sum(values) / max(len(values), 1)
                """);
        assertThat(pair.get(PairKeys.NEW_CONTENT)).isEqualTo(NEW);
        assertThat(pair.get(HistoryKeys.OLD_CONTENT)).isEqualTo(OLD);
        assertThat(pair.get(PairKeys.BUG_FIX)).isTrue();
        assertThat(pair.get(PairKeys.LINES_ADDED)).isEqualTo(1L);
        assertThat(pair.get(PairKeys.LINES_REMOVED)).isEqualTo(1L);
        assertThat(pair.get(Keys.LANGUAGE)).isEqualTo("Python");
        assertThat(pair.get(HistoryKeys.RECORD)).isEqualTo("commit_pair");
        assertThat(pair.get(Keys.CONTENT_HASH)).isEqualTo(ChangeDiff.pairHash(OLD, NEW)).isNotEqualTo(ChangeDiff.pairHash(NEW, OLD));
        assertThat(out.counts()).containsEntry("pairs", 1L).containsEntry("bug_fix", 1L);
    }

    @Test
    void bugFixNeedsAFaultWordAndASmallDiff() {
        RecordingEmitter out = RecordingEmitter.create();
        new CommitPairsStage(new CommitFilters(1, 50_000), 1).process(change("Fix division by zero in the mean helper"), out);
        assertThat(out.outcomes().get(0).doc().get(PairKeys.BUG_FIX)).isFalse(); // 2 changed lines > 1
        out = RecordingEmitter.create();
        new CommitPairsStage(new CommitFilters(1, 50_000), 20).process(change("Guard the mean helper against empty lists"), out);
        assertThat(out.outcomes().get(0).doc().get(PairKeys.BUG_FIX)).isFalse(); // no fault word
        out = RecordingEmitter.create();
        new CommitPairsStage(new CommitFilters(1, 50_000), 20).process(
                change("Guard the mean helper against empty lists", "It raised ZeroDivisionError, a crash in reports.",
                        List.of("p"), 1, OLD, NEW), out);
        assertThat(out.outcomes().get(0).doc().get(PairKeys.BUG_FIX)).isTrue(); // "crash" in the body
    }

    @Test
    void aSnapshotFileIsDroppedByItsOwnRule() {
        RecordingEmitter out = RecordingEmitter.create();
        new CommitPairsStage(new CommitFilters(1, 50_000), 20).process(
                Document.ofText(DocId.of("r/a.py"), new SourceRef("in", "r", "a.py"), "x = 1\n", Annotations.EMPTY), out);
        assertThat(out.only().action()).isEqualTo("drop");
        assertThat(out.only().verdict().rule()).isEqualTo("snapshot_file");
    }
}
