package dev.codemill.stages.detect;

import dev.codemill.testkit.RecordingEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Check;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodeStageTest {
    private static final SourceRef SRC = new SourceRef("test", "repo", "src/a.py");

    private static DecodeStage stage(Map<String, Object> values) {
        Params p = new Params("decode", values, 0L);
        DecodeStage s = (DecodeStage) new DecodeStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    private static Document bytesDoc(byte[] b) {
        return Document.ofBytes(DocId.of("repo/src/a.py"), SRC, b, Annotations.EMPTY);
    }

    private static Document textDoc(String text, Annotations a) {
        return Document.ofText(DocId.of("repo/src/a.py"), SRC, text, a);
    }

    private static RecordingEmitter run(DecodeStage s, Document d) {
        RecordingEmitter out = RecordingEmitter.create();
        s.process(d, out);
        assertThat(out.actions()).hasSize(1);
        return out;
    }

    @Test
    void factoryNameAndDefaults() {
        DecodeStageFactory f = new DecodeStageFactory();
        assertThat(f.name()).isEqualTo("decode");
        DecodeStage s = stage(Map.of());
        assertThat(s.name()).isEqualTo("decode");
        assertThat(s.detector().binary().sniffBytes()).isEqualTo(8192);
        assertThat(s.detector().binary().controlFraction()).isEqualTo(0.3);
        assertThat(s.detector().legacy()).extracting(cs -> cs.name()).containsExactly("GB18030", "Big5", "EUC-JP", "windows-31j", "EUC-KR",
                "windows-1251", "KOI8-R", "windows-1252", "ISO-8859-1");
        assertThat(s.detector().minConfidence()).isEqualTo(0.05);
    }

    @Test
    void factoryReadsParameters() {
        DecodeStage s = stage(Map.of("sniff_bytes", 1024, "binary_control_fraction", 0.1, "legacy", List.of("cp1252")));
        assertThat(s.detector().binary().sniffBytes()).isEqualTo(1024);
        assertThat(s.detector().binary().controlFraction()).isEqualTo(0.1);
        assertThat(s.detector().legacy()).extracting(cs -> cs.name()).containsExactly("windows-1252");
    }

    @Test
    void factoryRejectsUnknownCharsetBadRangesAndUnknownKeys() {
        assertThatThrownBy(() -> stage(Map.of("legacy", List.of("klingon-8"))))
                .isInstanceOf(RecipeException.class).hasMessageContaining("'legacy'").hasMessageContaining("klingon-8");
        assertThatThrownBy(() -> stage(Map.of("binary_control_fraction", 2)))
                .isInstanceOf(RecipeException.class).hasMessageContaining("binary_control_fraction");
        assertThatThrownBy(() -> stage(Map.of("sniff_bytes", 0)))
                .isInstanceOf(RecipeException.class).hasMessageContaining("sniff_bytes");
        assertThatThrownBy(() -> stage(Map.of("sniff_byte", 10)))
                .isInstanceOf(RecipeException.class).hasMessageContaining("did you mean 'sniff_bytes'");
    }

    @Test
    void emptyFileBecomesEmptyUtf8Text() {
        RecordingEmitter out = run(stage(Map.of()), bytesDoc(new byte[0]));
        Document d = out.kept().get(0);
        assertThat(d.text()).isEmpty();
        assertThat(d.get(Keys.ENCODING)).isEqualTo("UTF-8");
        assertThat(d.get(Keys.LENGTH_BYTES)).isZero();
    }

    @Test
    void decodedDocumentKeepsIdSourceAndOtherAnnotations() {
        Document in = Document.ofBytes(DocId.of("x"), SRC, "print(1)\r\n".getBytes(StandardCharsets.US_ASCII),
                Annotations.EMPTY.with(Keys.STARS, 7L));
        Document d = run(stage(Map.of()), in).kept().get(0);
        assertThat(d.id()).isEqualTo(DocId.of("x"));
        assertThat(d.source()).isEqualTo(SRC);
        assertThat(d.text()).isEqualTo("print(1)\r\n");
        assertThat(d.get(Keys.STARS)).isEqualTo(7L);
        assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo(10L);
    }

    @Test
    void undecodableIsQuarantinedNeverReplaced() {
        byte[] b = {'a', 'b', (byte) 0xFF, 'c', (byte) 0x81};
        RecordingEmitter out = run(stage(Map.of("legacy", List.of("UTF-8"))), bytesDoc(b));
        assertThat(out.actions()).containsExactly("quarantine");
        assertThat(out.verdicts().get(0).rule()).isEqualTo("undecodable");
        assertThat(out.verdicts().get(0).value()).isEqualTo("UTF-8@2");
        assertThat(out.verdicts().get(0).limit()).isEqualTo("strict");

        RecordingEmitter latin = run(stage(Map.of("legacy", List.of("windows-1252"))), bytesDoc(b));
        assertThat(latin.actions()).containsExactly("quarantine");
        assertThat(latin.verdicts().get(0).value()).isEqualTo("UTF-8@2,windows-1252@4");
        assertThat(latin.verdicts().get(0).detail())
                .isEqualTo("no candidate decodes strictly: UTF-8 malformed at byte 2; windows-1252 unmappable at byte 4");
    }

    @Test
    void binaryIsDroppedWithEvidence() {
        byte[] b = {'a', 0, 'b', 'c', 'd'};
        RecordingEmitter out = run(stage(Map.of()), bytesDoc(b));
        assertThat(out.actions()).containsExactly("drop");
        assertThat(out.verdicts().get(0).rule()).isEqualTo("binary");
        assertThat(out.verdicts().get(0).detail()).isEqualTo("nul_bytes");
        assertThat(out.verdicts().get(0).value()).isEqualTo("1");
    }

    @Test
    void textFromADumpGetsEncodingAndUtf8Length() {
        Document d = run(stage(Map.of()), textDoc("\u00E9\uD83D\uDE00a\u4E00", Annotations.EMPTY)).kept().get(0);
        assertThat(d.get(Keys.ENCODING)).isEqualTo("UTF-8");
        assertThat(d.get(Keys.LENGTH_BYTES)).isEqualTo(2L + 4 + 1 + 3);
        assertThat(d.text()).isEqualTo("\u00E9\uD83D\uDE00a\u4E00");

        Annotations given = Annotations.EMPTY.with(Keys.ENCODING, "windows-1252").with(Keys.LENGTH_BYTES, 99L);
        Document kept = run(stage(Map.of()), textDoc("abc", given)).kept().get(0);
        assertThat(kept.get(Keys.ENCODING)).isEqualTo("windows-1252");
        assertThat(kept.get(Keys.LENGTH_BYTES)).isEqualTo(99L);
    }

    @Test
    void textFromADumpWithAnUnpairedSurrogateIsQuarantined() {
        RecordingEmitter out = run(stage(Map.of()), textDoc("ab\uD800c", Annotations.EMPTY));
        assertThat(out.actions()).containsExactly("quarantine");
        assertThat(out.verdicts().get(0).rule()).isEqualTo("undecodable");
        assertThat(out.verdicts().get(0).detail()).isEqualTo("unpaired_surrogate");
        assertThat(out.verdicts().get(0).value()).isEqualTo("2");
        assertThat(DecodeStage.utf8Length("x\uDC00")).isEqualTo(-2);
        assertThat(DecodeStage.utf8Length("\uD83D\uDE00")).isEqualTo(4);
    }

    @Test
    void explainListsBinaryAndEncodingChecks() {
        DecodeStage s = stage(Map.of());
        List<Check> text = s.explain(bytesDoc("caf\u00E9\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(text).extracting(Check::rule).containsExactly("binary", "encoding");
        assertThat(text).allMatch(Check::passed);
        assertThat(text.get(1).value()).isEqualTo("UTF-8");

        List<Check> png = s.explain(bytesDoc(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}));
        assertThat(png.get(0).passed()).isFalse();
        assertThat(png.get(0).detail()).isEqualTo("magic:png");
        assertThat(png.get(1).passed()).isFalse();

        List<Check> dump = s.explain(textDoc("x", Annotations.EMPTY));
        assertThat(dump).extracting(Check::passed).containsExactly(true, true);
        assertThat(dump.get(1).value()).isEqualTo("UTF-8");
    }

    @Test
    void keptDocumentsCarryEvidenceConfidenceAndDeclaration() {
        String text = "# -*- coding: utf-8 -*-\n# \u8BFB\u53D6\u914D\u7F6E\u6587\u4EF6\uFF0C\u7136\u540E\u8FD4\u56DE\u7ED3\u679C\n";
        RecordingEmitter out = run(stage(Map.of()), bytesDoc(text.getBytes(java.nio.charset.Charset.forName("GBK"))));
        Document d = out.kept().get(0);
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.get(Keys.ENCODING)).isEqualTo("GB18030");
        assertThat(d.get(DecodeStage.ENCODING_EVIDENCE)).isEqualTo("detected");
        assertThat(d.get(DecodeStage.ENCODING_CONFIDENCE)).isBetween(0.05, 1.0);
        assertThat(d.get(DecodeStage.ENCODING_DECLARED)).isEqualTo("emacs:utf-8 rejected: malformed UTF-8 at byte 26");

        Document ascii = run(stage(Map.of()), bytesDoc("x = 1\n".getBytes(StandardCharsets.US_ASCII))).kept().get(0);
        assertThat(ascii.get(DecodeStage.ENCODING_EVIDENCE)).isEqualTo("ascii");
        assertThat(ascii.get(DecodeStage.ENCODING_CONFIDENCE)).isEqualTo(1.0);
        assertThat(ascii.annotations().has(DecodeStage.ENCODING_DECLARED)).isFalse();
    }

    @Test
    void aTieBetweenTwoReadingsIsQuarantinedWithBothNamed() {
        // 初期化 in EUC-JP: the same bytes are frequent hanzi in GB18030 and in Big5 (the EUC-JP
        // reading, with no kana, is halved): two Chinese readings tie
        byte[] b = "# \u521D\u671F\u5316\n".getBytes(java.nio.charset.Charset.forName("EUC-JP"));
        RecordingEmitter out = run(stage(Map.of()), bytesDoc(b));
        assertThat(out.actions()).containsExactly("quarantine");
        assertThat(out.verdicts().get(0).rule()).isEqualTo("undecodable");
        assertThat(out.verdicts().get(0).value()).isEqualTo("GB18030:0.000");
        assertThat(out.verdicts().get(0).limit()).isEqualTo("confidence >= 0.05");
        assertThat(out.verdicts().get(0).detail())
                .isEqualTo("low_confidence: best reading GB18030 (plausibility 1.000, ICU 10) vs Big5 (plausibility 1.000, ICU 10)");
        // with the floor at 0 the guess is kept (a recipe may choose that)
        RecordingEmitter lenient = run(stage(Map.of("min_confidence", 0.0)), bytesDoc(b));
        assertThat(lenient.actions()).containsExactly("keep");
    }
}
