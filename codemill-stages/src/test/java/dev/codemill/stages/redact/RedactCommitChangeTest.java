package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Verdict;
import dev.codemill.testkit.RecordingEmitter;
import org.junit.jupiter.api.Test;

/** {@code redact} on a git commit change: a secret that the commit removed is redacted in the file before it too. */
class RedactCommitChangeTest {
    static final String TOKEN = "ghp_" + "Zq3Lr8Vt2Nw6Xb1Pk9Hs4Jd7Mf0Gc5Ya2Ue8";

    @Test
    void bothSidesAndTheMessage() {
        String before = "TOKEN = \"" + TOKEN + "\"\n";
        String after = "import os\nTOKEN = os.environ[\"TOKEN\"]\n";
        Document change = Document.ofText(DocId.of("git:r@c:cfg.py"), new SourceRef("in", "r", "cfg.py"), after,
                Annotations.EMPTY.with(HistoryKeys.RECORD, HistoryKeys.COMMIT_CHANGE).with(HistoryKeys.OLD_CONTENT, before)
                        .with(HistoryKeys.SUBJECT, "Remove the token from cfg.py")
                        .with(HistoryKeys.BODY, "It was " + TOKEN + ", revoked since."));
        RecordingEmitter out = RecordingEmitter.create();
        new RedactStage(new Redactor(Redactor.Options.defaults())).process(change, out);
        assertThat(out.only().action()).isEqualTo("modify");
        Document d = out.only().doc();
        assertThat(d.text()).isEqualTo(after);
        assertThat(d.get(HistoryKeys.OLD_CONTENT)).isEqualTo("TOKEN = \"<KEY>\"\n");
        assertThat(d.get(HistoryKeys.BODY)).isEqualTo("It was <KEY>, revoked since.");
        assertThat(d.get(Keys.REDACTIONS)).isEqualTo(2L);
        assertThat(out.only().verdicts()).extracting(Verdict::value).containsExactly("old_content:9-49", "body:7-47");
        assertThat(before.substring(9, 49)).isEqualTo(TOKEN);
    }
}
