package dev.codemill.stages.analysis.lex;

import dev.codemill.stages.analysis.text.LineStats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files under {@code golden/linecount/}: small snippets, one per language, each built
 * around the traps of that language. {@code expected.json} holds the hand-checked counts and,
 * per file, what {@code cloc --by-file} 1.96 reports and why it differs where it does.
 */
class GoldenLineCountTest {
    private static final String DIR = "/golden/linecount/";

    static JsonNode expected() throws IOException {
        try (InputStream in = GoldenLineCountTest.class.getResourceAsStream(DIR + "expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> files() throws IOException {
        List<Arguments> out = new ArrayList<>();
        expected().fields().forEachRemaining(e -> out.add(Arguments.of(e.getKey(), e.getValue())));
        return out.stream();
    }

    static String read(String file) throws IOException {
        try (InputStream in = GoldenLineCountTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void countsMatch(String file, JsonNode exp) throws IOException {
        String text = read(file);
        LineCounts lc = LineLexer.classify(text, exp.get("language").asText());
        assertThat(lc.exact()).isTrue();
        assertThat(new long[] {lc.lines(), lc.code(), lc.comment(), lc.blank()}).as(file)
                .containsExactly(exp.get("lines").asLong(), exp.get("code").asLong(),
                        exp.get("comment").asLong(), exp.get("blank").asLong());
        assertThat(lc.lines()).isEqualTo(LineStats.of(text).numLines());
        if (exp.has("docstring_lines")) {
            List<Integer> want = new ArrayList<>();
            exp.get("docstring_lines").forEach(n -> want.add(n.asInt()));
            assertThat(lc.docstringLines()).containsExactly(want.stream().mapToInt(Integer::intValue).toArray());
        } else {
            assertThat(lc.docstringLines()).isEmpty();
        }
    }

    @Test
    void crlfCopiesGiveTheSameCounts() throws IOException {
        JsonNode all = expected();
        var it = all.fields();
        while (it.hasNext()) {
            var e = it.next();
            String lf = read(e.getKey());
            String language = e.getValue().get("language").asText();
            LineCounts a = LineLexer.classify(lf, language);
            LineCounts b = LineLexer.classify(lf.replace("\n", "\r\n"), language);
            assertThat(new long[] {b.code(), b.comment(), b.blank()}).as(e.getKey())
                    .containsExactly(a.code(), a.comment(), a.blank());
        }
    }

    @Test
    void everyGoldenLanguageHasASyntaxEntry() throws IOException {
        expected().forEach(v -> assertThat(SyntaxTable.lookup(v.get("language").asText())).isNotNull());
    }
}
