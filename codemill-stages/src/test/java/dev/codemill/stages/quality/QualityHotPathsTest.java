package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.testkit.RecordingEmitter;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The quality checkers' faster paths give what the code they replace gave, on inputs written here. */
class QualityHotPathsTest {
    @Test
    void identKeysHashLikeStringsAndMatchLikeCharBuffers() {
        String text = "import parser_v2, Überprüfung; x = parser_v2.run()";
        RepoTestsStage.Ident stored = new RepoTestsStage.Ident("parser_v2", 0, 9);
        assertThat(stored.hashCode()).isEqualTo("parser_v2".hashCode());
        RepoTestsStage.Ident probe = new RepoTestsStage.Ident(text, 7, 16);
        assertThat(probe.toString()).isEqualTo("parser_v2");
        assertThat(probe).isEqualTo(stored).hasSameHashCodeAs(stored);
        assertThat(new RepoTestsStage.Ident(text, 18, 29)).hasSameHashCodeAs(new RepoTestsStage.Ident("Überprüfung", 0, 11))
                .isEqualTo(new RepoTestsStage.Ident("Überprüfung", 0, 11));
        assertThat(new RepoTestsStage.Ident(text, 7, 15)).isNotEqualTo(stored);
        // "Aa" and "BB" share String.hashCode: equality still compares the characters
        assertThat(new RepoTestsStage.Ident("Aa", 0, 2)).hasSameHashCodeAs(new RepoTestsStage.Ident("BB", 0, 2))
                .isNotEqualTo(new RepoTestsStage.Ident("BB", 0, 2));
        Map<RepoTestsStage.Ident, Integer> m = new HashMap<>();
        m.put(stored, 1);
        assertThat(m.remove(probe.at(7, 16, "parser_v2".hashCode()))).isEqualTo(1);
        // what the CharBuffer keys said for the same spans
        assertThat(CharBuffer.wrap(text, 7, 16).equals(CharBuffer.wrap("parser_v2"))).isTrue();
    }

    private static Document doc(String path, String text) {
        return Document.ofText(DocId.of("r/" + path), new SourceRef("", "r", path), text, Annotations.EMPTY);
    }

    @Test
    void mentionRuleReadsNonAsciiAndDigitIdentifiers() {
        List<Document> docs = List.of(
                doc("src/größe.py", "X = 1\n"),
                doc("src/parser2.py", "Y = 2\n"),
                doc("src/lexer.py", "Z = 3\n"),
                doc("src/token.py", "W = 4\n"),
                doc("tests/test_all.py", "from src import größe, parser2\nimport src.lexer_old as token_x\n"
                        + "def test_x():\n    assert tokenizer\n"));
        RecordingEmitter out = RecordingEmitter.create();
        new RepoTestsStage().processGroup("r", new ArrayList<>(docs), out);
        Map<String, String> by = new TreeMap<>();
        for (Document d : out.kept()) {
            by.put(d.source().path(), d.annotations().getOr(Keys.TESTED_BY, "-"));
        }
        assertThat(by).containsExactly(
                Map.entry("src/größe.py", "tests/test_all.py"),      // ö and ß are letters: one identifier
                Map.entry("src/lexer.py", "-"),                       // only lexer_old: not the whole identifier
                Map.entry("src/parser2.py", "tests/test_all.py"),     // digits continue an identifier
                Map.entry("src/token.py", "-"),                       // token_x, tokenizer: not the whole identifier
                Map.entry("tests/test_all.py", "-"));
    }

    @Test
    void withoutFirstIsReplaceFirstWithNothing() {
        Pattern marker = Pattern.compile("^\\s*(?://+|/\\*+|\\*+/?|#+|--|;+|%+|<!--)\\s?");
        Pattern trailing = Pattern.compile("\\s+(?://|#)\\s.*$");
        String[] lines = {"// x = 1;", "   # return y  # why", "plain text", "", "x = 1 // note\r", "a # b\u2028c # d",
                "/** doc */", "#", "--  select 1", "   ", "y = 2"};
        for (Pattern pt : List.of(marker, trailing)) {
            Matcher m = pt.matcher("");
            for (String l : lines) {
                assertThat(CommentedChecker.withoutFirst(m, l)).as(pt + " on " + l).isEqualTo(pt.matcher(l).replaceFirst(""));
            }
        }
        assertThat(CommentedChecker.withoutFirst(marker.matcher(""), "// x = 1;")).isEqualTo("x = 1;");
        assertThat(CommentedChecker.withoutFirst(trailing.matcher(""), "x = 1 // note")).isEqualTo("x = 1");
    }

    @Test
    void todoMarkersNeedOneOfTheFourWords() {
        Pattern todo = Pattern.compile("\\b(TODO|FIXME|XXX|HACK)\\b");
        String[] lines = {"# TODO: fix", "// FIXME(bob)", "/* XXX */", "HACKS are not HACK", "todo lower case", "TODOS", "# nothing",
                "x = 1", "naïve XXX é", ""};
        int matched = 0;
        for (String l : lines) {
            boolean found = todo.matcher(l).find();
            matched += found ? 1 : 0;
            if (found) {
                assertThat(RigorousChecker.mayHoldMarker(l)).as(l).isTrue();
            }
        }
        assertThat(matched).isEqualTo(5);
        assertThat(RigorousChecker.mayHoldMarker("todo lower case")).isFalse();
        assertThat(RigorousChecker.mayHoldMarker("# nothing")).isFalse();
        assertThat(RigorousChecker.mayHoldMarker("TODOS")).isTrue(); // a necessary condition only: the regex decides
    }
}
