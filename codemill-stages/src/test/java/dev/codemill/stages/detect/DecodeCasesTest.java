package dev.codemill.stages.detect;

import dev.codemill.testkit.RecordingEmitter;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared cases C10 (encodings and BOMs) and C09 (binary files with source extensions). */
class DecodeCasesTest {
    private static final Path CASES = SharedData.path("cases");

    @TempDir
    Path tmp;

    /** Copies make_inputs.py (and expected_decoded/ when present) into tmp and runs it there. */
    private Path makeInputs(String caseName) throws IOException, InterruptedException {
        Path src = CASES.resolve(caseName);
        Files.copy(src.resolve("make_inputs.py"), tmp.resolve("make_inputs.py"));
        Path ref = src.resolve("expected_decoded");
        if (Files.isDirectory(ref)) {
            Files.createDirectories(tmp.resolve("expected_decoded"));
            try (var files = Files.list(ref)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(p, tmp.resolve("expected_decoded").resolve(p.getFileName()));
                }
            }
        }
        Process p = new ProcessBuilder("python3", "make_inputs.py").directory(tmp.toFile())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return tmp;
    }

    private static Document bytesDoc(String path, byte[] bytes) {
        return Document.ofBytes(DocId.of("case/" + path), new SourceRef("case", "case", path), bytes, Annotations.EMPTY);
    }

    private static DecodeStage stage() {
        return (DecodeStage) new DecodeStageFactory().create(Params.empty("decode"));
    }

    @Test
    @NeedsShared("cases/C09, C10")
    void c10AllSevenFilesDecodeToTheReferenceText() throws Exception {
        Path dir = makeInputs("C10_encodings_bom");
        Map<String, String[]> expected = new LinkedHashMap<>();   // file -> {reference file, encoding}
        expected.put("Greeter.cs", new String[] {"Greeter.cs", "UTF-16LE"});
        expected.put("GreeterNoBom.cs", new String[] {"Greeter.cs", "UTF-16LE (no BOM)"});
        expected.put("report_sjis.c", new String[] {"report_sjis.c", "windows-31j"});
        expected.put("Sizes.java", new String[] {"Sizes.java", "windows-1252"});
        expected.put("run_tool", new String[] {"run_tool", "UTF-8 (BOM)"});
        expected.put("hello_bom.py", new String[] {"hello.py", "UTF-8 (BOM)"});
        expected.put("hello.py", new String[] {"hello.py", "UTF-8"});
        DecodeStage stage = stage();
        for (var e : expected.entrySet()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(e.getKey()));
            RecordingEmitter out = RecordingEmitter.create();
            stage.process(bytesDoc(e.getKey(), bytes), out);
            assertThat(out.kept()).as(e.getKey() + " " + out.verdicts()).hasSize(1);
            assertThat(out.verdicts()).isEmpty();
            Document d = out.kept().get(0);
            String ref = Files.readString(dir.resolve("expected_decoded").resolve(e.getValue()[0]), StandardCharsets.UTF_8);
            assertThat(d.text().replace("\r\n", "\n")).as(e.getKey()).isEqualTo(ref);
            assertThat(d.text()).as(e.getKey()).doesNotContain("\uFFFD").doesNotStartWith("\uFEFF");
            assertThat(d.get(Keys.ENCODING)).as(e.getKey()).isEqualTo(e.getValue()[1]);
            assertThat(d.get(Keys.LENGTH_BYTES)).as(e.getKey()).isEqualTo((long) bytes.length);
            assertThat(d.bytes()).isNull();
        }
    }

    @Test
    @NeedsShared("cases/C09, C10")
    void c10LineEndingsStayAsDecodedAndShiftJisBackslashTrailStaysInsideItsCharacter() throws Exception {
        Path dir = makeInputs("C10_encodings_bom");
        DecodedText greeter = EncodingDetector.defaults().detect(Files.readAllBytes(dir.resolve("Greeter.cs")));
        assertThat(greeter.text()).contains("\r\n").doesNotContain("\n\n");
        DecodedText sjis = EncodingDetector.defaults().detect(Files.readAllBytes(dir.resolve("report_sjis.c")));
        assertThat(sjis.text()).contains("\"一覧表\";").contains("// 一覧表\n");
        // the only backslash is printf's \n: the 5C trail bytes of 表 and 能 stayed inside their characters
        assertThat(sjis.text().chars().filter(c -> c == '\\').count()).isEqualTo(1);
        assertThat(sjis.text().lines().count()).isEqualTo(9);
        // the shebang is the first thing after the BOM
        DecodedText run = EncodingDetector.defaults().detect(Files.readAllBytes(dir.resolve("run_tool")));
        assertThat(run.text()).startsWith("#!");
    }

    @Test
    @NeedsShared("cases/C09, C10")
    void c10ShiftJisFileWithUtf8OnlyIsUndecodableNotReplaced() throws Exception {
        Path dir = makeInputs("C10_encodings_bom");
        byte[] sjis = Files.readAllBytes(dir.resolve("report_sjis.c"));
        EncodingDetector utf8Only = new EncodingDetector(BinaryDetector.defaults(), EncodingDetector.charsets(java.util.List.of("UTF-8")));
        DecodedText d = utf8Only.detect(sjis);
        assertThat(d.isUndecodable()).isTrue();
        assertThat(d.verdict().rule()).isEqualTo("undecodable");
        assertThat(d.verdict().value()).isEqualTo("UTF-8@23");
    }

    @Test
    @NeedsShared("cases/C09, C10")
    void c09BinariesAreDroppedWithTheirEvidenceAndBallMoIsText() throws Exception {
        Path dir = makeInputs("C09_binary_with_source_ext");
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("messages.mo", "magic:gettext_mo");
        evidence.put("clip.ts", "magic:mpeg_ts");
        evidence.put("icon.py", "magic:png");
        DecodeStage stage = stage();
        for (var e : evidence.entrySet()) {
            RecordingEmitter out = RecordingEmitter.create();
            stage.process(bytesDoc(e.getKey(), Files.readAllBytes(dir.resolve(e.getKey()))), out);
            assertThat(out.kept()).as(e.getKey()).isEmpty();
            assertThat(out.actions()).as(e.getKey()).containsExactly("drop");
            Verdict v = out.verdicts().get(0);
            assertThat(v.rule()).isEqualTo("binary");
            assertThat(v.detail()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(verdictOf(stage, dir, "messages.mo").value()).isEqualTo("de120495");
        assertThat(verdictOf(stage, dir, "icon.py").value()).isEqualTo("89504e470d0a1a0a");
        assertThat(verdictOf(stage, dir, "clip.ts").value()).isEqualTo("47");

        byte[] ball = Files.readAllBytes(CASES.resolve("C09_binary_with_source_ext/Ball.mo"));
        RecordingEmitter out = RecordingEmitter.create();
        stage.process(bytesDoc("Ball.mo", ball), out);
        assertThat(out.kept()).hasSize(1);
        assertThat(out.kept().get(0).text()).isEqualTo(new String(ball, StandardCharsets.UTF_8)).startsWith("model Ball");
        assertThat(out.kept().get(0).get(Keys.ENCODING)).isEqualTo("UTF-8");
    }

    @Test
    @NeedsShared("cases/C09, C10")
    void c09BinariesStillFailWithoutSignaturesOnTheirNulBytes() throws Exception {
        Path dir = makeInputs("C09_binary_with_source_ext");
        BinaryDetector bin = BinaryDetector.defaults();
        for (String name : new String[] {"messages.mo", "clip.ts", "icon.py"}) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            // offset 1 skips the signature check: the NUL evidence alone must catch every one
            assertThat(bin.inspectBytes(bytes, 1).detail()).as(name).isEqualTo("nul_bytes");
        }
    }

    private static Verdict verdictOf(DecodeStage stage, Path dir, String name) throws IOException {
        RecordingEmitter out = RecordingEmitter.create();
        stage.process(bytesDoc(name, Files.readAllBytes(dir.resolve(name))), out);
        return out.verdicts().get(0);
    }
}
