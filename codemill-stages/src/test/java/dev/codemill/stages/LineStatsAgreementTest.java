package dev.codemill.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Check;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Params;
import dev.codemill.stages.analysis.lex.LineLexer;
import dev.codemill.stages.analysis.text.LineStats;
import dev.codemill.stages.analysis.text.TextShape;
import dev.codemill.stages.filter.BasicFiltersStageFactory;
import dev.codemill.stages.stats.StatsStage;
import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.testkit.SharedCases;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code stats} stage's annotations and the {@code basic_filters} stage's measurements come
 * from the one line-statistics definition ({@link LineStats}): on real files they agree exactly,
 * and the lexer's code + comment + blank lines add up to the same line count.
 */
class LineStatsAgreementTest {
    private static final Explainable FILTERS = (Explainable) new BasicFiltersStageFactory()
            .create(new Params("basic_filters", Map.of(), 0L));

    /** Asserts the agreement on one text; returns its line count. */
    private static long agree(String name, String text, String language) {
        Annotations a = language == null ? Annotations.EMPTY : Annotations.EMPTY.with(Keys.LANGUAGE, language);
        Document doc = Document.ofText(DocId.of("r/" + name), new SourceRef("test", "r", name), text, a);
        RecordingEmitter out = RecordingEmitter.create();
        new StatsStage().process(doc, out);
        Document stats = out.kept().get(0);
        TextShape shape = TextShape.measure(text);
        LineStats lines = LineStats.of(text);
        assertThat(stats.get(Keys.NUM_LINES)).as(name).isEqualTo(shape.numLines()).isEqualTo(lines.numLines())
                .isEqualTo(LineLexer.classify(text, language).lines());
        assertThat(stats.get(Keys.MAX_LINE_LENGTH)).as(name).isEqualTo(shape.maxLineLength());
        assertThat(stats.get(Keys.AVG_LINE_LENGTH)).as(name).isEqualTo(shape.avgLineLength());
        assertThat(stats.get(Keys.ALPHANUM_FRACTION)).as(name).isEqualTo(shape.alnumFraction());
        Map<String, String> measured = new java.util.HashMap<>();
        for (Check c : FILTERS.explain(doc)) {
            measured.put(c.rule(), c.value());
        }
        assertThat(measured.get("max_line_length")).as(name).isEqualTo(Check.format(stats.get(Keys.MAX_LINE_LENGTH)));
        assertThat(measured.get("low_alnum_fraction")).as(name).isEqualTo(Check.format(stats.get(Keys.ALPHANUM_FRACTION)));
        return lines.numLines();
    }

    private static long agreeOnTree(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        long total = 0;
        int n = 0;
        for (Path f : files) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString();
            } catch (CharacterCodingException e) {
                continue; // binary or legacy-encoded test inputs: not text for this comparison
            }
            String name = root.relativize(f).toString();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            total += agree(name, text, switch (ext) {
                case "py" -> "Python";
                case "java" -> "Java";
                case "js" -> "JavaScript";
                case "go" -> "Go";
                default -> null;
            });
            n++;
        }
        assertThat(n).isPositive();
        return total;
    }

    @Test
    void statsAndFiltersAgreeOnTheGoldenLineCountFiles() throws Exception {
        Path root = Path.of(LineStatsAgreementTest.class.getResource("/golden/linecount").toURI());
        assertThat(agreeOnTree(root)).isEqualTo(LineStatsAgreementTest.linesOfTree(root));
    }

    @Test
    @NeedsShared("cases")
    void statsAndFiltersAgreeOnTheSharedCases() throws Exception {
        Path root = SharedCases.root().resolve("cases");
        assertThat(agreeOnTree(root)).isEqualTo(linesOfTree(root));
    }

    /** Lines counted the plain way ({@code \n}-terminated, a last unterminated piece counts), for the totals. */
    static long linesOfTree(Path root) throws IOException {
        long lines = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
                } catch (CharacterCodingException e) {
                    continue;
                }
                for (byte x : b) {
                    lines += x == '\n' ? 1 : 0;
                }
                lines += b.length > 0 && b[b.length - 1] != '\n' ? 1 : 0;
            }
        }
        return lines;
    }

    /**
     * Where the two definitions disagreed before (a text ending in a lone CR), the chosen one: the
     * CR is a character of the last line (CR is a terminator only before LF).
     */
    @Test
    void aTrailingLoneCarriageReturnIsPartOfTheLastLine() {
        assertThat(agree("mac.txt", "ab\r\ncd\r", null)).isEqualTo(2);
        TextShape shape = TextShape.measure("ab\r\ncd\r");
        assertThat(shape.maxLineLength()).isEqualTo(3);
        assertThat(shape.avgLineLength()).isEqualTo(2.5);
        assertThat(shape.codePoints()).isEqualTo(7);
        assertThat(shape.alnumFraction()).isEqualTo(4.0 / 7);
        assertThat(TextShape.measure("x\r").maskedAvgLineLength()).isEqualTo(2.0);
    }
}
