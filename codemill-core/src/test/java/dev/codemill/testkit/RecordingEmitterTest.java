package dev.codemill.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Verdict;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingEmitterTest {
    private static Document doc(String id) {
        return Document.ofText(DocId.of(id), new SourceRef("t", "r", id), "x", Annotations.EMPTY);
    }

    /** A method Emitter may gain (issue 15's emit), to call through the proxy's handler. */
    interface Later {
        void emit(Document derived, List<DocId> from, Verdict why);
    }

    @Test
    void recordsEveryOutcomeAndCounterInOrder() {
        RecordingEmitter out = RecordingEmitter.create();
        Verdict v = Verdict.of("too_long", "");
        out.keep(doc("a"));
        out.drop(doc("b"), v);
        out.count("spans.email", 2);
        out.count("spans.email", 3);
        out.modified(doc("c"), Verdict.of("redacted", "one"));
        out.modified(doc("d"), List.of(Verdict.of("r1", ""), Verdict.of("r2", "")));
        out.quarantine(doc("e"), Verdict.of("bad", ""));
        out.inputSchema("in.jsonl", Map.of("content", "string"));
        assertThat(out.actions()).containsExactly("keep", "drop", "modify", "modify", "quarantine");
        assertThat(out.outcomes().get(3).verdicts()).extracting(Verdict::rule).containsExactly("r1", "r2");
        assertThat(out.kept()).extracting(d -> d.source().path()).containsExactly("a", "c", "d");
        assertThat(out.verdicts("drop")).containsExactly(v);
        assertThat(out.verdicts()).extracting(Verdict::rule).containsExactly("too_long", "redacted", "r1", "bad");
        assertThat(out.counts()).containsExactly(Map.entry("spans.email", 5L));
        assertThatThrownBy(out::only).hasMessageStartingWith("expected exactly one outcome");
        assertThatThrownBy(() -> out.modified(doc("f"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsAMethodTheEmitterGainsLaterAsAnOutcomeThatIsNoDecision() throws Throwable {
        RecordingEmitter out = RecordingEmitter.create();
        out.keep(doc("a"));
        Verdict why = Verdict.of("fim", "derived");
        Proxy.getInvocationHandler(out).invoke(out, Later.class.getMethod("emit", Document.class, List.class, Verdict.class),
                new Object[] {doc("a#fim"), List.of(DocId.of("a")), why});
        assertThat(out.actions()).containsExactly("keep", "emit");
        RecordingEmitter.Outcome e = out.outcomes().get(1);
        assertThat(e.doc().source().path()).isEqualTo("a#fim");
        assertThat(e.verdict()).isEqualTo(why);
        assertThat(e.others()).containsExactly(List.of(DocId.of("a")));
        assertThat(out.decisions()).extracting(RecordingEmitter.Outcome::action).containsExactly("keep");
    }
}
