package dev.codemill.stages.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.SourceRef;
import dev.codemill.stages.analysis.critique.Critic;
import dev.codemill.testkit.RecordingEmitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RevisionsStage}: which critiques disappeared, with a critic written here and with the built-in one. */
class RevisionsStageTest {
    /** One critique per line holding "TODO" ({@code demo:todo}) and per "except:" ({@code demo:bare}). */
    static final Critic CRITIC = (text, path, language) -> {
        List<Critic.Finding> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("TODO")) {
                out.add(new Critic.Finding("demo:todo", i + 1, "a TODO"));
            }
            if (lines[i].strip().equals("except:")) {
                out.add(new Critic.Finding("demo:bare", i + 1, "bare except"));
            }
        }
        return out;
    };

    static Document change(String change, String path, String before, String after) {
        Annotations a = Annotations.EMPTY.with(HistoryKeys.RECORD, HistoryKeys.COMMIT_CHANGE).with(HistoryKeys.CHANGE, change)
                .with(HistoryKeys.OLD_PATH, path).with(HistoryKeys.OLD_CONTENT, before).with(HistoryKeys.COMMIT, "c1");
        return Document.ofText(DocId.of("git:r@c1:" + path), new SourceRef("in", "r", path), after, a);
    }

    @Test
    void resolvedIsTheMultisetDifference() {
        List<Critic.Finding> before = List.of(new Critic.Finding("a:x", 1, "m"), new Critic.Finding("a:x", 5, "m"),
                new Critic.Finding("b:y", 7, "n"));
        List<Critic.Finding> after = List.of(new Critic.Finding("a:x", 9, "m"), new Critic.Finding("c:z", 2, "o"));
        assertThat(RevisionsStage.resolved(before, after)).extracting(f -> f.id() + "@" + f.line())
                .containsExactly("a:x@5", "b:y@7");
    }

    @Test
    void aChangeThatRemovesCritiquesIsEmittedAsARevision() {
        String before = "try:\n    run()  # TODO retry\nexcept:\n    pass\n";
        String after = "try:\n    run()\nexcept OSError:\n    pass\n";
        RecordingEmitter out = RecordingEmitter.create();
        new RevisionsStage(CRITIC).process(change("modified", "job.py", before, after), out);
        assertThat(out.actions()).containsExactly("emit", "consume");
        Document rev = out.outcomes().get(0).doc();
        assertThat(rev.get(PairKeys.CRITIQUES_RESOLVED)).containsExactly("demo:bare", "demo:todo");
        assertThat(rev.get(PairKeys.CRITIQUES)).containsExactly("line 2: a TODO", "line 3: bare except");
        assertThat(rev.text()).isEqualTo(after);
        assertThat(rev.get(HistoryKeys.OLD_CONTENT)).isEqualTo(before);
        assertThat(out.outcomes().get(0).verdict().rule()).isEqualTo("revision");
        assertThat(out.counts()).containsEntry("revisions", 1L).containsEntry("resolved.demo", 2L);
    }

    @Test
    void otherChangesAreDroppedWithTheirReason() {
        RevisionsStage stage = new RevisionsStage(CRITIC);
        RecordingEmitter out = RecordingEmitter.create();
        stage.process(change("added", "job.py", "", "x = 1\n"), out);
        stage.process(change("modified", "notes.unknownext", "TODO\n", "done\n"), out);
        stage.process(change("modified", "job.py", "x = 1  # TODO\n", "x = 2  # TODO\n"), out);
        assertThat(out.verdicts("drop")).extracting(v -> v.rule())
                .containsExactly("not_a_revision", "no_language", "no_resolved_critique");
    }

    @Test
    void theBuiltInCriticIsRegistered() {
        Critic c = Critic.load().orElseThrow();
        String undocumented = "def area(width, height):\n    return width * height\n";
        assertThat(c.critiques(undocumented, "geo.py", "Python")).extracting(Critic.Finding::id)
                .allSatisfy(id -> assertThat(id).matches("[a-z_]+:.+"));
    }
}
