package dev.codemill.stages.analysis.lex;

import dev.codemill.stages.analysis.text.LineStats;
import dev.codemill.testkit.SharedCases;
import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shared cases C14, C16, C10 and C13 as line-count assertions. */
class LineLexerCasesTest {

    @ParameterizedTest
    @CsvSource({"quote_kind.rs, Rust", "queries.php, PHP", "markers.cpp, C++"})
    @NeedsShared("cases/C10, C13, C14, C16")
    void c14CommentMarkersInsideStringsCharsAndHeredocs(String file, String language) throws Exception {
        Path dir = SharedCases.caseDir("C14_");
        JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected_counts.json").toFile()).get(file);
        String text = SharedCases.read(dir.resolve(file));
        LineCounts lc = LineLexer.classify(text, language);
        assertThat(lc.exact()).isTrue();
        assertThat(new long[] {lc.lines(), lc.code(), lc.comment(), lc.blank()})
                .as(file).containsExactly(exp.get("lines").asLong(), exp.get("code").asLong(),
                        exp.get("comment").asLong(), exp.get("blank").asLong());
        assertThat(lc.lines()).isEqualTo(LineStats.of(text).numLines());
    }

    @Test
    @NeedsShared("cases/C10, C13, C14, C16")
    void c14UnclosedBlockOpenerInsideNowdocDoesNotSwallowTheRest() throws Exception {
        String text = SharedCases.read(SharedCases.caseDir("C14_").resolve("queries.php"));
        LineCounts lc = LineLexer.classify(text, "PHP");
        assertThat(lc.kind(12)).isEqualTo(LineCounts.Kind.CODE); // TXT;
        assertThat(lc.kind(13)).isEqualTo(LineCounts.Kind.CODE); // echo ...; // trailing comment
        assertThat(lc.kind(8)).isEqualTo(LineCounts.Kind.COMMENT);
    }

    @Test
    @NeedsShared("cases/C10, C13, C14, C16")
    void c16PythonDocstringsAreCommentsOtherTripleQuotedStringsAreCode() throws Exception {
        Path dir = SharedCases.caseDir("C16_");
        JsonNode exp = new ObjectMapper().readTree(dir.resolve("expected_counts.json").toFile()).get("geometry.py");
        LineCounts lc = LineLexer.classify(SharedCases.read(dir.resolve("geometry.py")), "Python");
        assertThat(lc.lines()).isEqualTo(exp.get("lines").asLong());
        assertThat(lc.code()).isEqualTo(exp.get("code").asLong());
        assertThat(lc.comment()).isEqualTo(exp.get("comment").asLong());
        assertThat(lc.blank()).isEqualTo(exp.get("blank").asLong());
        assertThat(lc.docstringLines()).containsExactly(ints(exp.get("docstring_lines")));
        for (int l : ints(exp.get("hash_comment_lines"))) {
            assertThat(lc.kind(l)).as("line %d", l).isEqualTo(LineCounts.Kind.COMMENT);
        }
        for (int l : ints(exp.get("string_literal_code_lines"))) {
            assertThat(lc.kind(l)).as("line %d", l).isEqualTo(LineCounts.Kind.CODE);
        }
        assertThat(lc.docstrings()).extracting(LineCounts.Span::firstLine).containsExactly(1, 16, 22);
    }

    @Test
    @NeedsShared("cases/C10, C13, C14, C16")
    void c16CommentCharsAreTheHashCommentPlusTheThreeDocstringsWithTheirQuotes() throws Exception {
        String text = SharedCases.read(SharedCases.caseDir("C16_").resolve("geometry.py"));
        LineCounts lc = LineLexer.classify(text, "Python");
        // lines 1-3, module docstring: 3 quotes + "Geometry helpers." (17) + \n
        //   + "Only plain floats are used here." (32) + \n + 3 quotes           =  57
        // line 7: "# Radius used when none is given."                             =  33
        // line 16: 3 + "A circle with a radius." (23) + 3                         =  29
        // lines 22-24: 3 + "Return the area." (16) + \n + 8 spaces + "Uses math.pi." (13)
        //   + \n + 8 spaces + 3                                                  =  53
        // HELP_TEXT (lines 10-12) and the print() argument (29-30) are strings: 0
        assertThat(lc.commentChars()).isEqualTo(57 + 33 + 29 + 53).isEqualTo(172);
        assertThat(text.length()).isEqualTo(452); // ASCII: BigCode ratio 172/452
    }

    @ParameterizedTest
    @CsvSource({
        // "/* a real comment */" (20) + "// code with a trailing comment" (31); "src/*" and "*/" are strings
        "markers.cpp, C++, 51",
        // "// single quotes are handled below" (34) + "// anything else" (16)
        // + "// Helpers for the lexer tests." (31) + "// They are not part of the public API." (39)
        // + "/* block comment after the string */" (36); '"' and "\"" are literals
        "quote_kind.rs, Rust, 156",
        // "// real comment" (15) + "// trailing comment" (19); heredoc/nowdoc bodies hold --, /* */, //, # as text
        "queries.php, PHP, 34"})
    @NeedsShared("cases/C10, C13, C14, C16")
    void c14CommentCharsLeaveMarkersInsideLiteralsOut(String file, String language, long expected) throws Exception {
        String text = SharedCases.read(SharedCases.caseDir("C14_").resolve(file));
        assertThat(LineLexer.classify(text, language).commentChars()).as(file).isEqualTo(expected);
    }

    @Test
    @NeedsShared("cases/C10, C13, C14, C16")
    void c10ShiftJisReportDecodedTextCountsAsC() throws Exception {
        Path f = SharedCases.caseDir("C10_").resolve("expected_decoded/report_sjis.c");
        LineCounts lc = LineLexer.classify(SharedCases.read(f), "C");
        assertThat(new long[] {lc.lines(), lc.code(), lc.comment(), lc.blank()}).containsExactly(9, 7, 1, 1);
    }

    @Test
    @NeedsShared("cases/C10, C13, C14, C16")
    void c13NotebookExtractedCode() throws Exception {
        Path f = SharedCases.caseDir("C13_").resolve("expected_code.py");
        String text = SharedCases.read(f);
        LineCounts lc = LineLexer.classify(text, "Python");
        assertThat(new long[] {lc.lines(), lc.code(), lc.comment(), lc.blank()}).containsExactly(11, 8, 0, 3);
        assertThat(LineStats.of(text).numLines()).isEqualTo(11);
    }

    private static int[] ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
