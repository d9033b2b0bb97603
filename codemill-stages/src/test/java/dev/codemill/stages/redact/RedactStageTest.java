package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Verdict;
import dev.codemill.testkit.RecordingEmitter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage's ledger rows: one per replaced span, offsets in the original text, replacement as detail. */
class RedactStageTest {
    static final RedactStage STAGE = new RedactStage(new Redactor(Redactor.Options.defaults()));

    static Document doc(String text) {
        SourceRef src = new SourceRef("test", "repo", "settings.py");
        return Document.ofText(DocId.of(src.path()), src, text, Annotations.EMPTY);
    }

    @Test
    void oneLedgerRowPerSpanWithOriginalOffsetsAndTheReplacement() {
        String text = "ADMINS = [\"alice@example.org\", \"bob.smith@corp-mail.com\"]\nDNS = \"81.2.69.160\"\n";
        RecordingEmitter out = RecordingEmitter.create();
        STAGE.process(doc(text), out);
        RecordingEmitter.Outcome o = out.only();
        assertThat(o.action()).isEqualTo("modify");
        assertThat(o.verdicts()).containsExactly(
                new Verdict("redact_email", "<EMAIL>", "11-28", "", ""),
                new Verdict("redact_email", "<EMAIL>", "32-55", "", ""),
                new Verdict("redact_ipv4", "198.51.100.198", "65-76", "", ""));
        assertThat(text.substring(11, 28)).isEqualTo("alice@example.org");
        assertThat(text.substring(32, 55)).isEqualTo("bob.smith@corp-mail.com");
        assertThat(text.substring(65, 76)).isEqualTo("81.2.69.160");
        assertThat(o.doc().text()).isEqualTo("ADMINS = [\"<EMAIL>\", \"<EMAIL>\"]\nDNS = \"198.51.100.198\"\n");
        assertThat(o.doc().get(Keys.REDACTIONS)).isEqualTo(3L);
        assertThat(o.doc().get(Keys.REDACTION_TYPES)).isEqualTo(List.of("email", "ipv4"));
        assertThat(out.counts()).containsExactly(java.util.Map.entry("spans.email", 2L), java.util.Map.entry("spans.ipv4", 1L));
        // The secret itself is never written to the ledger.
        assertThat(o.verdicts()).noneMatch(v -> v.toString().contains("alice") || v.toString().contains("81.2.69"));
    }

    @Test
    void offsetsAreUtf16CharsOfTheOriginalText() {
        // "é" is 1 char (2 UTF-8 bytes), "😀" is 2 chars (a surrogate pair).
        String text = "# é😀 mail: carol@example.com\n";
        RecordingEmitter out = RecordingEmitter.create();
        STAGE.process(doc(text), out);
        assertThat(out.only().verdicts()).containsExactly(new Verdict("redact_email", "<EMAIL>", "12-29", "", ""));
        assertThat(text.substring(12, 29)).isEqualTo("carol@example.com");
    }

    @Test
    void aTextWithoutFindingsIsKeptWithoutCounters() {
        RecordingEmitter out = RecordingEmitter.create();
        STAGE.process(doc("x = 1\n"), out);
        assertThat(out.only().action()).isEqualTo("keep");
        assertThat(out.counts()).isEmpty();
    }
}
