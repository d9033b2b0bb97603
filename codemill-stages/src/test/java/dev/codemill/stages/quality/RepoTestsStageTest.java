package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Params;
import dev.codemill.testkit.RecordingEmitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RepoTestsStageTest {
    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of(repo + "/" + path), new SourceRef("", repo, path), text, Annotations.EMPTY);
    }

    /** repo/path → tested_by (or "-" when absent), with repo_has_tests checked on every document. */
    private static Map<String, String> run(List<Document> docs, boolean expectTests) {
        RecordingEmitter out = RecordingEmitter.create();
        new RepoTestsStage().processGroup(docs.get(0).source().repoName(), new ArrayList<>(docs), out);
        Map<String, String> by = new TreeMap<>();
        for (Document d : out.kept()) {
            assertThat(d.get(Keys.REPO_HAS_TESTS)).isEqualTo(expectTests);
            by.put(d.source().path(), d.annotations().getOr(Keys.TESTED_BY, "-"));
        }
        assertThat(out.kept()).hasSize(docs.size());
        return by;
    }

    @Test
    void testsCoverFilesByNameOrImportInEachLanguage() {
        List<Document> repo = List.of(
                doc("r", "pkg/__init__.py", "from .parser import parse\n"),
                doc("r", "pkg/parser.py", "def parse(s):\n    return s.split()\n"),
                doc("r", "pkg/tokenizer.py", "def tokens(s):\n    return list(s)\n"),
                doc("r", "pkg/unused.py", "X = 1\n"),
                doc("r", "tests/test_parser.py", "from pkg.parser import parse\nfrom pkg import tokenizer\n\n"
                        + "def test_parse():\n    assert parse('a b') == ['a', 'b']\n"),
                doc("r", "src/main/java/x/Parser.java", "package x;\npublic class Parser {}\n"),
                doc("r", "src/main/java/x/Lexer.java", "package x;\npublic class Lexer {}\n"),
                doc("r", "src/test/java/x/ParserTest.java", "package x;\nclass ParserTest { @Test void t() {} }\n"),
                doc("r", "web/format.ts", "export const format = (s: string) => s.trim();\n"),
                doc("r", "web/format.spec.ts", "import { format } from './format';\ndescribe('format', () => {});\n"),
                doc("r", "cmd/run.go", "package cmd\nfunc Run() {}\n"),
                doc("r", "cmd/flags.go", "package cmd\nvar Verbose bool\n"),
                doc("r", "cmd/run_test.go", "package cmd\nfunc TestRun(t *testing.T) {}\n"),
                doc("r", "other/flags.go", "package other\n"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("cmd/flags.go", "cmd/run_test.go");               // Go: tests are per package (directory)
        expected.put("cmd/run.go", "cmd/run_test.go");
        expected.put("cmd/run_test.go", "-");                          // tests themselves get no tested_by
        expected.put("other/flags.go", "-");
        expected.put("pkg/__init__.py", "-");                          // generic module name: mentions do not count
        expected.put("pkg/parser.py", "tests/test_parser.py");         // test_parser → parser
        expected.put("pkg/tokenizer.py", "tests/test_parser.py");      // imported by the test
        expected.put("pkg/unused.py", "-");
        expected.put("src/main/java/x/Lexer.java", "-");
        expected.put("src/main/java/x/Parser.java", "src/test/java/x/ParserTest.java");
        expected.put("src/test/java/x/ParserTest.java", "-");
        expected.put("tests/test_parser.py", "-");
        expected.put("web/format.spec.ts", "-");
        expected.put("web/format.ts", "web/format.spec.ts");           // format.spec → format
        assertThat(run(repo, true)).containsExactlyEntriesOf(new TreeMap<>(expected));
    }

    @Test
    void aRepositoryWithoutTestsSaysSo() {
        assertThat(run(List.of(doc("q", "a.py", "print(1)\n"), doc("q", "b.py", "print(2)\n")), false))
                .containsOnly(Map.entry("a.py", "-"), Map.entry("b.py", "-"));
    }

    @Test
    void testAffixesAreStripped() {
        assertThat(RepoTestsStage.testedStem("test_parser")).isEqualTo("parser");
        assertThat(RepoTestsStage.testedStem("parser_test")).isEqualTo("parser");
        assertThat(RepoTestsStage.testedStem("ParserTests")).isEqualTo("parser");
        assertThat(RepoTestsStage.testedStem("TestParser")).isEqualTo("parser");
        assertThat(RepoTestsStage.testedStem("parser.spec")).isEqualTo("parser");
        assertThat(RepoTestsStage.testedStem("parser_spec")).isEqualTo("parser");
        assertThat(RepoTestsStage.stem("a/b/parser.spec.ts")).isEqualTo("parser.spec");
    }

    @Test
    void theTestedPrincipleUsesTheRepositoryFindings() {
        QualityScorer scorer = ((QualityStage) new QualityStageFactory().create(new Params("quality", Map.of(), 1))).scorer();
        String code = "def parse(s):\n    return s.split()\n";
        QualityReport covered = scorer.score(code, "pkg/parser.py", "Python", true, "tests/test_parser.py");
        QualityReport untested = scorer.score(code, "pkg/parser.py", "Python", true, null);
        QualityReport noTests = scorer.score(code, "pkg/parser.py", "Python", false, null);
        QualityReport unknown = scorer.score(code, "pkg/parser.py", "Python");
        assertThat(covered.results().get("tested").score()).isEqualTo(1.0);
        assertThat(untested.results().get("tested").score()).isEqualTo(0.5);
        assertThat(noTests.results().get("tested").score()).isEqualTo(0.0);
        assertThat(unknown.results().get("tested").score()).isEqualTo(0.0);
        assertThat(untested.critiques()).filteredOn(c -> c.principle().equals("tested")).singleElement()
                .hasToString("tested:1:1: no test in the repository names or imports `parser.py`");
        assertThat(noTests.critiques()).filteredOn(c -> c.principle().equals("tested")).singleElement()
                .hasToString("tested:1:1: the repository has no tests");
        assertThat(covered.critiques()).noneMatch(c -> c.principle().equals("tested"));
        assertThat(unknown.critiques()).noneMatch(c -> c.principle().equals("tested"));
        // weight 0: the file score does not change
        assertThat(covered.score()).isEqualTo(noTests.score());
    }
}
