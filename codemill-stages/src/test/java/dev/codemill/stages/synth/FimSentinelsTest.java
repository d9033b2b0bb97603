package dev.codemill.stages.synth;

import dev.codemill.stages.analysis.fim.FimTransform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Params;
import dev.codemill.testkit.RecordingEmitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentinel spans the stage records, and the escaping of documents it does not transform. */
class FimSentinelsTest {
    static FimStage stage(Map<String, Object> params) {
        Params p = new Params("fim", params, 5);
        FimStage s = (FimStage) new FimStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    static Document doc(String text) {
        return Document.ofText(DocId.of("t/a.py"), new SourceRef("t", "t", "a.py"), text, Annotations.EMPTY);
    }

    @Test
    void spansOfPsmAndSpmSamples() {
        FimTransform t = FimTransform.defaults();
        FimTransform.Sample psm = t.sample("abcdef", 2, 4, FimTransform.Mode.PSM);
        assertThat(psm.text()).isEqualTo("<fim_prefix>ab<fim_suffix>ef<fim_middle>cd");
        assertThat(t.sentinelSpans(psm)).containsExactly(0, 12, 14, 26, 28, 40);
        FimTransform.Sample spm = t.sample("abcdef", 2, 4, FimTransform.Mode.SPM);
        assertThat(spm.text()).isEqualTo("<fim_prefix><fim_suffix>ef<fim_middle>abcd");
        assertThat(t.sentinelSpans(spm)).containsExactly(0, 12, 12, 24, 26, 38);
        // a sentinel string in the source is escaped, so the recorded spans are the inserted ones only
        FimTransform.Sample src = t.sample("x='<fim_suffix>'", 0, 0, FimTransform.Mode.PSM);
        assertThat(src.text()).isEqualTo("<fim_prefix><fim_suffix>x='<\u2063fim_suffix>'<fim_middle>");
        assertThat(t.sentinelSpans(src)).containsExactly(0, 12, 12, 24, 41, 53);
    }

    @Test
    void transformedDocumentCarriesTheSpans() {
        FimStage st = stage(Map.of("rate", 1));
        Document d = doc("def f(x):\n    return '<fim_middle>'\n");
        RecordingEmitter out = RecordingEmitter.create();
        st.process(d, out);
        Document got = out.only().doc();
        String text = got.text();
        String[] spans = got.get(Keys.FIM_SENTINELS).split(",");
        assertThat(spans).hasSize(3);
        List<String> at = new java.util.ArrayList<>();
        for (String s : spans) {
            String[] se = s.split("-");
            at.add(text.substring(Integer.parseInt(se[0]), Integer.parseInt(se[1])));
        }
        assertThat(at).containsExactly("<fim_prefix>", "<fim_suffix>", "<fim_middle>");
        assertThat(text).contains("<\u2063fim_middle>");
        assertThat(text.indexOf("<fim_middle>")).isEqualTo(text.lastIndexOf("<fim_middle>"));
        assertThat(st.sentinels()).containsExactly("<fim_prefix>", "<fim_middle>", "<fim_suffix>");
    }

    @Test
    void untransformedDocumentIsEscapedLikeATransformedOne() {
        String src = "s = '<fim_prefix>' + '\u2063' + \"<fim_suffix>\"\n";
        String escaped = "s = '<\u2063fim_prefix>' + '\u2063\u2063' + \"<\u2063fim_suffix>\"\n";
        FimStage never = stage(Map.of("rate", 0));
        RecordingEmitter out = RecordingEmitter.create();
        never.process(doc(src), out);
        assertThat(out.only().action()).isEqualTo("modify");
        assertThat(out.only().doc().text()).isEqualTo(escaped);
        assertThat(out.only().doc().get(Keys.FIM_SENTINELS)).isNull();
        assertThat(out.only().doc().get(Keys.FIM_MODE)).isNull();
        assertThat(out.only().verdict().rule()).isEqualTo("fim_escape");
        assertThat(out.only().verdict().value()).isEqualTo("3");
        assertThat(out.only().verdict().detail()).isEqualTo("not selected for FIM; 3 sentinel/escape occurrence(s) escaped");
        assertThat(never.explain(doc(src)).get(0).detail()).isEqualTo("not selected for FIM; 3 sentinel/escape occurrence(s) escaped");
        // the transformed path escapes the same text the same way: the whole text as the suffix
        FimTransform.Sample s = FimTransform.defaults().sample(src, 0, 0, FimTransform.Mode.SPM);
        assertThat(s.text()).isEqualTo("<fim_prefix><fim_suffix>" + escaped + "<fim_middle>");
        assertThat(FimTransform.defaults().unescape(escaped)).isEqualTo(src);
        // nothing to escape: kept as is
        RecordingEmitter plain = RecordingEmitter.create();
        Document d = doc("print(1)\n");
        never.process(d, plain);
        assertThat(plain.only().action()).isEqualTo("keep");
        assertThat(plain.only().doc()).isSameAs(d);
    }
}
