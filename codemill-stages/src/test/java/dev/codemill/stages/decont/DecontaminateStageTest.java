package dev.codemill.stages.decont;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Check;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decontaminate stage on the real benchmark files of {@code ../shared/benchmarks} (read in
 * place) and real files of the standard library of the machine's {@code python3}.
 */
@NeedsShared("benchmarks")
class DecontaminateStageTest {
    static final Path BENCHMARKS = SharedData.path("benchmarks");
    static final Path REAL = pythonStdlib();

    /** The standard library folder of {@code python3} (real code on every machine that runs the tests). */
    static Path pythonStdlib() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("python3 failed: " + out);
            }
            return Path.of(out);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("python3 is needed to find real files for this test", e);
        }
    }

    /** HumanEval/12 as in HumanEval.jsonl.gz (prompt + canonical_solution). */
    static final String HE12_PROMPT = """
            from typing import List, Optional


            def longest(strings: List[str]) -> Optional[str]:
                \""" Out of list of strings, return the longest one. Return the first one in case of multiple
                strings of the same length. Return None in case the input list is empty.
                >>> longest([])

                >>> longest(['a', 'b', 'c'])
                'a'
                >>> longest(['a', 'bb', 'ccc'])
                'ccc'
                \"""
            """;
    static final String HE12_SOLUTION = """
                if not strings:
                    return None

                maxlen = max(len(x) for x in strings)
                for s in strings:
                    if len(s) == maxlen:
                        return s
            """;
    static final String HE12_EXACT = "HumanEval/12 (solution, exact substring of 92 chars after whitespace normalisation) in HumanEval.jsonl.gz";
    /** HumanEval-X's Python file holds the same item as Python/12; its Rust and JS prompts hold the docstring. */
    static final String HE12_ALL = "4 items: " + HE12_EXACT + "; Python/12 (solution, exact substring of 92 chars after "
            + "whitespace normalisation) in humaneval_python.jsonl.gz; Rust/12 (prompt, 10-gram share 0.8667, literal) in "
            + "humaneval_rust.jsonl.gz; JavaScript/12 (prompt, 10-gram share 0.7416, literal) in humaneval_js.jsonl.gz";
    static final String HE12_TWO_EXACT = "2 items: " + HE12_EXACT + "; Python/12 (solution, exact substring of 92 chars "
            + "after whitespace normalisation) in humaneval_python.jsonl.gz";
    static final String HE12_ABSTRACTED = "HumanEval/12 (program, 10-gram share 1, 10 distinctive, identifier-abstracted) "
            + "in HumanEval.jsonl.gz; Python/12 (program, 10-gram share 1, 10 distinctive, identifier-abstracted) in "
            + "humaneval_python.jsonl.gz";

    static DecontaminateStage stage;

    @BeforeAll
    static void build() {
        stage = create(Map.of("benchmarks", List.of(BENCHMARKS.toString())));
    }

    static DecontaminateStage create(Map<String, Object> params) {
        Params p = new Params("decontaminate", params, 0);
        DecontaminateStage s = (DecontaminateStage) new DecontaminateStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    static Document doc(String text) {
        return Document.ofText(DocId.of("t"), new SourceRef("test", "repo", "x.py"), text, Annotations.EMPTY);
    }

    static RecordingEmitter.Outcome run(DecontaminateStage s, String text) {
        RecordingEmitter out = RecordingEmitter.create();
        s.process(doc(text), out);
        return out.only();
    }

    static String real(String name) throws IOException {
        return Files.readString(REAL.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void verbatimHumanEvalSolutionIsDroppedAsExactSubstring() {
        RecordingEmitter.Outcome o = run(stage, HE12_PROMPT + HE12_SOLUTION);
        assertThat(o.action()).isEqualTo("drop");
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination", HE12_ALL, "1", "0.5", ""));
    }

    @Test
    void reindentedSolutionWithTabsAndCrlfIsStillAnExactSubstring() {
        String reindented = HE12_SOLUTION.replace("        ", "\t\t").replace("    ", "\t").replace("\n", "  \r\n");
        RecordingEmitter.Outcome o = run(stage, "def longest(strings):\r\n" + reindented);
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination", HE12_TWO_EXACT, "1", "0.5", ""));
    }

    @Test
    void renamedIdentifiersAreCaughtByTheIdentifierAbstractedPass() {
        String renamed = """
                def pick_longest(words):
                    if not words:
                        return None

                    best = max(len(w) for w in words)
                    for cand in words:
                        if len(cand) == best:
                            return cand
                """;
        // the body alone, renamed, without the signature: the program's share stays under 0.8, and the
        // body alone has too few distinctive 10-grams (max, len) to take part: kept, explain says why
        assertThat(run(stage, renamed).action()).isEqualTo("keep");
        assertThat(stage.explain(doc(renamed)).get(2)).isEqualTo(new Check(DecontaminateStage.CHECK_IDENTIFIERS, true,
                "0.5532", "0.8", "best: HumanEval/12 (program, 10-gram share 0.5532, 8 distinctive, identifier-abstracted) "
                        + "in HumanEval.jsonl.gz"));
        // with the signature and the import line it is found
        String withSignature = "from typing import List, Optional\n\n\ndef pick_longest(words: List[str]) -> Optional[str]:\n"
                + renamed.substring(renamed.indexOf('\n') + 1);
        assertThat(run(stage, withSignature).verdict()).isEqualTo(new Verdict("benchmark_contamination",
                "2 items: " + HE12_ABSTRACTED, "1", "0.8", ""));
        // without the second pass that copy goes through
        DecontaminateStage literalOnly = create(Map.of("benchmarks", List.of(BENCHMARKS.toString()), "identifiers", false));
        assertThat(run(literalOnly, withSignature).action()).isEqualTo("keep");
        assertThat(literalOnly.explain(doc(renamed))).extracting(Check::rule).containsExactly(
                DecontaminateStage.CHECK_SUBSTRING, DecontaminateStage.CHECK_NGRAMS, DecontaminateStage.CHECK_ITEMS);
    }

    /** HumanEval/12 with every bound name renamed, also in the docstring, indented with tabs. */
    static final String HE12_RENAMED_DOC_TABS = "from typing import List, Optional\n\n\n"
            + "def pick(words: List[str]) -> Optional[str]:\n"
            + "\t\"\"\" Out of list of words, return the longest one. Return the first one in case of multiple\n"
            + "\twords of the same length. Return None in case the input list is empty.\n"
            + "\t>>> pick([])\n\n\t>>> pick(['a', 'b', 'c'])\n\t'a'\n\t>>> pick(['a', 'bb', 'ccc'])\n\t'ccc'\n\t\"\"\"\n"
            + "\tif not words:\n\t\treturn None\n\n\tbest = max(len(w) for w in words)\n"
            + "\tfor cand in words:\n\t\tif len(cand) == best:\n\t\t\treturn cand\n";

    @Test
    void renamedCopyWithRenamedDocstringAndTabsIsFoundWithItsItemIds() {
        RecordingEmitter.Outcome o = run(stage, HE12_RENAMED_DOC_TABS);
        assertThat(o.action()).isEqualTo("drop");
        // HumanEval-X's Python file holds the same item as Python/12: both are named
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination", "2 items: " + HE12_ABSTRACTED, "1", "0.8", ""));
        // before this pass it was missed: the literal pass alone keeps it
        DecontaminateStage literalOnly = create(Map.of("benchmarks", List.of(BENCHMARKS.toString()), "identifiers", false));
        assertThat(run(literalOnly, HE12_RENAMED_DOC_TABS).action()).isEqualTo("keep");
    }

    @Test
    void trivialSolutionsAreNotInTheAbstractedPassAndNeverFlagAFile() {
        // HumanEval/53 is "return x + y": its solution and program are in no pass (too short for the literal
        // pass, no distinctive 10-gram for the abstracted one); only its prose prompt is indexed (literal)
        String text = "def plus(p, q):\n\treturn p + q\n\n\ndef sort_them(l):\n\treturn sorted(l)\n";
        assertThat(run(stage, text).action()).isEqualTo("keep");
        assertThat(stage.index().parts()).filteredOn(p -> p.itemId().equals("HumanEval/53") && !p.role().equals("test"))
                .extracting(BenchmarkPart::role, BenchmarkPart::abstractNgrams)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("prompt", 0));
    }

    @Test
    void aDocumentHoldingTwoItemsNamesBoth() throws IOException {
        String mbpp1 = "def min_cost(cost, m, n): \n\ttc = [[0 for x in range(C)] for x in range(R)] \n"
                + "\ttc[0][0] = cost[0][0] \n\tfor i in range(1, m+1): \n\t\ttc[i][0] = tc[i-1][0] + cost[i][0] \n"
                + "\tfor j in range(1, n+1): \n\t\ttc[0][j] = tc[0][j-1] + cost[0][j] \n\tfor i in range(1, m+1): \n"
                + "\t\tfor j in range(1, n+1): \n\t\t\ttc[i][j] = min(tc[i-1][j-1], tc[i-1][j], tc[i][j-1]) + cost[i][j] \n"
                + "\treturn tc[m][n]\n";
        RecordingEmitter.Outcome o = run(stage, "R = 3\nC = 3\n" + mbpp1 + "\n\n" + HE12_RENAMED_DOC_TABS);
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination", "3 items: "
                + "mbpp/1 (solution, exact substring of 292 chars after whitespace normalisation) in mbpp.jsonl; " + HE12_ABSTRACTED,
                "1", "0.5", ""));
        List<Check> checks = stage.explain(doc("R = 3\nC = 3\n" + mbpp1 + "\n\n" + HE12_RENAMED_DOC_TABS));
        assertThat(checks.get(checks.size() - 1)).isEqualTo(new Check(DecontaminateStage.CHECK_ITEMS, false, "3", "0",
                o.verdict().detail()));
    }

    @Test
    void solutionEmbeddedInALargerRealFileIsDropped() throws IOException {
        String host = real("bisect.py");
        int at = host.indexOf("\ndef bisect_right");
        assertThat(at).isPositive();
        String embedded = host.substring(0, at + 1) + HE12_PROMPT + HE12_SOLUTION + "\n" + host.substring(at + 1);
        RecordingEmitter.Outcome o = run(stage, embedded);
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination", HE12_ALL, "1", "0.5", ""));
        // the host alone is clean
        assertThat(run(stage, host).action()).isEqualTo("keep");
    }

    @Test
    void mbppSolutionIsDropped() throws IOException {
        String mbpp1 = "R = 3\r\nC = 3\r\ndef min_cost(cost, m, n): \r\n\ttc = [[0 for x in range(C)] for x in range(R)] \r\n"
                + "\ttc[0][0] = cost[0][0] \r\n\tfor i in range(1, m+1): \r\n\t\ttc[i][0] = tc[i-1][0] + cost[i][0] \r\n"
                + "\tfor j in range(1, n+1): \r\n\t\ttc[0][j] = tc[0][j-1] + cost[0][j] \r\n\tfor i in range(1, m+1): \r\n"
                + "\t\tfor j in range(1, n+1): \r\n\t\t\ttc[i][j] = min(tc[i-1][j-1], tc[i-1][j], tc[i][j-1]) + cost[i][j] \r\n"
                + "\treturn tc[m][n]";
        // re-indented with spaces, LF line endings, inside a real module
        String host = real("colorsys.py");
        String text = host + "\n\n" + mbpp1.replace("\r\n", "\n").replace("\t", "    ") + "\n";
        RecordingEmitter.Outcome o = run(stage, text);
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination",
                "mbpp/1 (solution, exact substring of 292 chars after whitespace normalisation) in mbpp.jsonl", "1", "0.5", ""));
    }

    @Test
    void cleanRealFileIsKeptAndExplainNamesTheBestItem() throws IOException {
        String text = real("colorsys.py");
        assertThat(run(stage, text).action()).isEqualTo("keep");
        List<Check> checks = stage.explain(doc(text));
        assertThat(checks).extracting(Check::rule).containsExactly(DecontaminateStage.CHECK_SUBSTRING,
                DecontaminateStage.CHECK_NGRAMS, DecontaminateStage.CHECK_IDENTIFIERS, DecontaminateStage.CHECK_ITEMS);
        assertThat(checks).allMatch(Check::passed);
        assertThat(checks.get(0).value()).isEqualTo("0");
        assertThat(checks.get(0).limit()).isEqualTo("50");
        assertThat(Double.parseDouble(checks.get(1).value())).isLessThan(0.5);
        assertThat(checks.get(1).limit()).isEqualTo("0.5");
        assertThat(checks.get(2).limit()).isEqualTo("0.8");
    }

    @Test
    void explainOfAContaminatedFileFailsWithTheDetail() {
        List<Check> checks = stage.explain(doc(HE12_PROMPT + HE12_SOLUTION));
        assertThat(checks.get(0)).isEqualTo(new Check(DecontaminateStage.CHECK_SUBSTRING, false, "92", "50", HE12_EXACT));
        assertThat(checks.get(1)).isEqualTo(new Check(DecontaminateStage.CHECK_NGRAMS, false, "1", "0.5",
                "best: HumanEval/12 (solution, 10-gram share 1, literal) in HumanEval.jsonl.gz"));
    }

    @Test
    void shortCommonSnippetsDoNotTrigger() {
        String text = """
                def add(a, b):
                    return a + b


                def is_even(n):
                    return n % 2 == 0


                def first(items):
                    for i in range(len(items)):
                        return items[i]


                def clamp(x, lo, hi):
                    return max(lo, min(x, hi))


                if __name__ == "__main__":
                    print(add(1, 2))
                """;
        assertThat(run(stage, text).action()).isEqualTo("keep");
        assertThat(stage.explain(doc(text))).allMatch(Check::passed);
    }

    @Test
    void mbppsMergeDictBodyUnderAnotherFunctionNameIsALiteralMatch() {
        // mbpp/263 is "def merge_dict(d1,d2):\r\n d = d1.copy()\r\n d.update(d2)\r\n return d": only the
        // function name differs: of its 23 tokens, 14 literal 10-grams, only the 2 that contain "merge_dict" are missing, 12/14
        RecordingEmitter.Outcome o = run(stage, "def merge(d1, d2):\n    d = d1.copy()\n    d.update(d2)\n    return d\n");
        assertThat(o.verdict()).isEqualTo(new Verdict("benchmark_contamination",
                "mbpp/263 (solution, 10-gram share 0.8571, literal) in mbpp.jsonl", "0.8571", "0.5", ""));
    }

    @Test
    void withoutBenchmarksEverythingIsKeptAndExplainSaysSo() {
        DecontaminateStage none = create(Map.of());
        assertThat(none.index()).isNull();
        assertThat(run(none, HE12_PROMPT + HE12_SOLUTION).action()).isEqualTo("keep");
        assertThat(none.explain(doc("x"))).extracting(Check::rule, Check::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("benchmarks", true));
    }

    @Test
    void undecodedDocumentIsQuarantined() {
        Document bytes = Document.ofBytes(DocId.of("b"), new SourceRef("test", "repo", "b.py"), new byte[] {1}, Annotations.EMPTY);
        RecordingEmitter out = RecordingEmitter.create();
        stage.process(bytes, out);
        assertThat(out.only().action()).isEqualTo("quarantine");
        assertThat(out.only().verdict().rule()).isEqualTo("not_decoded");
    }

    @Test
    void badParametersAndPathsAreRecipeErrors() {
        assertThatThrownBy(() -> create(Map.of("benchmarks", List.of(BENCHMARKS.resolve("nope.jsonl").toString()))))
                .isInstanceOf(RecipeException.class).hasMessageContaining("nope.jsonl").hasMessageContaining("does not exist");
        // A file that is no benchmark passes the parameter check (nothing is read) and fails when the data is loaded.
        DecontaminateStage readme = create(Map.of("benchmarks", List.of(BENCHMARKS.resolve("README.md").toString())));
        assertThatThrownBy(readme::loadData).isInstanceOf(RecipeException.class).hasMessageContaining("README.md");
        assertThatThrownBy(() -> create(Map.of("threshold", 0.0))).isInstanceOf(RecipeException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> create(Map.of("ngrams", 5))).isInstanceOf(RecipeException.class)
                .hasMessageContaining("ngrams");
    }
}
