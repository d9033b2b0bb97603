package dev.codemill.stages.synth;

import dev.codemill.stages.analysis.fim.FimC21CaseTest;
import dev.codemill.stages.analysis.fim.FimTransform;
import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.StageRegistry;
import dev.codemill.stage.Check;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Verdict;
import dev.codemill.testkit.RecordingEmitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stage on the real files of the shared cases (every strictly UTF-8 file under cases/). */
class FimStageTest {
    static final Path CASES = SharedData.path("cases");

    static List<Document> realDocs() throws IOException {
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CASES)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
                } catch (CharacterCodingException e) {
                    continue;
                }
                String rel = CASES.relativize(f).toString();
                docs.add(Document.ofText(DocId.of("shared/" + rel), source(rel),
                        text, Annotations.EMPTY));
            }
        }
        return docs;
    }

    static SourceRef source(String rel) {
        return new SourceRef("shared", "shared", rel);
    }

    static FimStage stage(Map<String, Object> params, long seed) {
        Params p = new Params("fim", params, seed);
        FimStage s = (FimStage) new FimStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void realCorpusIsThere() throws IOException {
        List<Document> docs = realDocs();
        assertThat(docs.size()).isGreaterThanOrEqualTo(40);
        assertThat(docs).anyMatch(d -> d.text().contains("😀"));
    }

    /** Property: for 1,000 seeds and every real file, the sample reassembles the original exactly. */
    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void thousandSeedsReassembleEveryRealFile() throws IOException {
        List<Document> docs = realDocs();
        long samples = 0;
        long spm = 0;
        for (long seed = 0; seed < 1000; seed++) {
            FimStage st = stage(Map.of("rate", 1.0), seed);
            for (Document d : docs) {
                RecordingEmitter out = RecordingEmitter.create();
                st.process(d, out);
                RecordingEmitter.Outcome o = out.only();
                if (d.text().isEmpty()) {
                    assertThat(o.action()).isEqualTo("keep");
                    continue;
                }
                assertThat(o.action()).isEqualTo("modify");
                String sample = o.doc().text();
                assertThat(st.transform().reassemble(sample)).as("seed %d %s", seed, d).isEqualTo(d.text());
                FimC21CaseTest.assertCleanUtf8(sample);
                long start = o.doc().get(Keys.FIM_MIDDLE_START);
                long end = o.doc().get(Keys.FIM_MIDDLE_END);
                int lo = d.text().offsetByCodePoints(0, (int) start);
                int hi = d.text().offsetByCodePoints(0, (int) end);
                assertThat(FimTransform.graphemeFloor(d.text(), lo)).isEqualTo(lo);
                assertThat(FimTransform.graphemeFloor(d.text(), hi)).isEqualTo(hi);
                assertThat(o.verdict().value()).isEqualTo(start + "," + end);
                if (o.doc().get(Keys.FIM_MODE).equals("spm")) {
                    spm++;
                }
                samples++;
            }
        }
        assertThat(samples).isEqualTo(1000L * docs.stream().filter(d -> !d.text().isEmpty()).count());
        assertThat((double) spm / samples).isBetween(0.48, 0.52);
    }

    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void sameSeedAndIdGiveSameSampleOnAnyThread() throws IOException {
        List<Document> docs = realDocs();
        FimStage a = stage(Map.of(), 7);
        FimStage b = stage(Map.of(), 7);
        List<String> first = docs.stream().map(d -> String.valueOf(a.sampleOf(d))).toList();
        List<String> parallel = docs.parallelStream().map(d -> String.valueOf(b.sampleOf(d))).toList();
        assertThat(parallel).isEqualTo(first);
        List<String> otherSeed = docs.stream().map(d -> String.valueOf(stage(Map.of(), 8).sampleOf(d))).toList();
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void rateZeroKeepsAllRateOneTransformsAll() throws IOException {
        List<Document> docs = realDocs();
        FimStage never = stage(Map.of("rate", 0), 1);
        FimStage always = stage(Map.of("rate", 1), 1);
        for (Document d : docs) {
            RecordingEmitter out = RecordingEmitter.create();
            never.process(d, out);
            assertThat(out.only().action()).isEqualTo("keep");
            assertThat(out.only().doc()).isSameAs(d);
            RecordingEmitter out2 = RecordingEmitter.create();
            always.process(d, out2);
            assertThat(out2.only().action()).isEqualTo(d.text().isEmpty() ? "keep" : "modify");
        }
    }

    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void defaultRateTransformsAboutHalf() throws IOException {
        Document d = realDocs().get(0);
        int modified = 0;
        for (long seed = 0; seed < 2000; seed++) {
            if (stage(Map.of(), seed).sampleOf(d) != null) {
                modified++;
            }
        }
        assertThat(modified).isBetween(900, 1100);
    }

    @Test
    @NeedsShared("cases and tools/real-corpus.py")
    void verdictAndAnnotationsOnC21() throws IOException {
        String text = FimC21CaseTest.source();
        Document d = Document.ofText(DocId.of("c21/fim_source.py"), source("fim_source.py"), text, Annotations.EMPTY);
        FimStage st = stage(Map.of("rate", 1, "spm_rate", 0), 3);
        RecordingEmitter out = RecordingEmitter.create();
        st.process(d, out);
        Document got = out.only().doc();
        Verdict v = out.only().verdict();
        FimTransform.Sample s = st.sampleOf(d);
        assertThat(got.get(Keys.FIM_MODE)).isEqualTo("psm");
        assertThat(v.rule()).isEqualTo("fim");
        assertThat(v.limit()).isEqualTo("60");
        assertThat(v.value()).isEqualTo(s.middleStart() + "," + s.middleEnd());
        assertThat(v.detail()).isEqualTo("psm: prefix [0," + s.middleStart() + ") middle [" + s.middleStart() + ","
                + s.middleEnd() + ") suffix [" + s.middleEnd() + ",60) code points");
        assertThat(got.text()).startsWith("<fim_prefix>");
        List<Check> checks = st.explain(d);
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo("fim");
            assertThat(c.passed()).isFalse();
            assertThat(c.limit()).isEqualTo("rate=1 spm_rate=0");
        });
        assertThat(stage(Map.of("rate", 0), 3).explain(d).get(0).value()).isEqualTo("none");
    }

    @Test
    void customSentinelsAndFactoryErrors() {
        FimStage st = stage(Map.of("rate", 1, "spm_rate", 1, "prefix", "<|fim_begin|>", "middle", "<|fim_end|>",
                "suffix", "<|fim_hole|>", "escape", "\u001F"), 0);
        FimTransform.Sample s = st.transform().sample("abcdef", 2, 4, FimTransform.Mode.SPM);
        assertThat(s.text()).isEqualTo("<|fim_begin|><|fim_hole|>ef<|fim_end|>abcd");
        assertThatThrownBy(() -> stage(Map.of("rate", 2), 0)).isInstanceOf(RecipeException.class)
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> stage(Map.of("escape", "ab"), 0)).isInstanceOf(RecipeException.class)
                .hasMessageContaining("escape");
        assertThatThrownBy(() -> stage(Map.of("middle", "<fim_prefix>"), 0)).isInstanceOf(RecipeException.class)
                .hasMessageContaining("sentinels must differ");
        assertThatThrownBy(() -> stage(Map.of("spm", 0.5), 0)).isInstanceOf(RecipeException.class)
                .hasMessageContaining("spm");
    }

    @Test
    void registeredAsFim() {
        assertThat(StageRegistry.load().factories()).containsKey("fim");
        assertThat(StageRegistry.load().factories().get("fim")).isInstanceOf(FimStageFactory.class);
    }
}
