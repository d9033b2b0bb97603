package dev.codemill.stages.filter;

import static dev.codemill.stages.filter.FilterTestSupport.doc;
import static dev.codemill.stages.filter.FilterTestSupport.run;
import static dev.codemill.stages.filter.FilterTestSupport.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.model.Annotations;
import dev.codemill.stage.Check;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thresholds, per-language overrides, rule order and explain output. */
class BasicFiltersStageTest {
    private static final List<String> ALL_RULES = List.of("empty", "generated", "minified", "base64_blob",
            "max_line_length", "avg_line_length", "low_alnum_fraction", "min_chars", "max_chars",
            "min_comment_fraction", "max_comment_fraction");

    /** A JSON array of exactly {@code n} code points (n >= 6) in lines of at most 41 code points. */
    private static String json(int n) {
        StringBuilder sb = new StringBuilder("[\n");
        while (sb.length() + 41 + 4 <= n) {
            sb.append('"').append("a".repeat(37)).append("\",\n");
        }
        int rest = n - sb.length() - 4;
        sb.append('"').append("b".repeat(rest)).append("\"]\n");
        return sb.toString();
    }

    @Test
    void jsonIsKeptBetween100And5000CodePoints() {
        BasicFiltersStage s = stage(Map.of());
        assertThat(json(100).codePointCount(0, json(100).length())).isEqualTo(100);
        FilterTestSupport.Outcome small = run(s, doc("a.json", json(99), "JSON", "data"));
        assertThat(small.rule()).isEqualTo("min_chars");
        assertThat(small.verdict().value()).isEqualTo("99");
        assertThat(small.verdict().limit()).isEqualTo(">= 100");
        assertThat(run(s, doc("a.json", json(100), "JSON", "data")).kept()).isTrue();
        assertThat(run(s, doc("a.json", json(5000), "JSON", "data")).kept()).isTrue();
        FilterTestSupport.Outcome big = run(s, doc("a.json", json(5001), "JSON", "data"));
        assertThat(big.rule()).isEqualTo("max_chars");
        assertThat(big.verdict().value()).isEqualTo("5001");
        assertThat(big.verdict().limit()).isEqualTo("<= 5000");
    }

    @Test
    void sizeRuleAppliesToDataTypeAndNamedLanguagesOnly() {
        BasicFiltersStage s = stage(Map.of());
        // TOML has no built-in entry: type data is enough
        assertThat(run(s, doc("a.toml", "a = 1\n", "TOML", "data")).rule()).isEqualTo("min_chars");
        // Python: not applicable
        Document py = doc("a.py", "x = 1\n", "Python", "programming");
        assertThat(run(s, py).kept()).isTrue();
        Check min = check(s.explain(py), "min_chars");
        assertThat(min.passed()).isTrue();
        assertThat(min.value()).isEqualTo("n/a");
        assertThat(min.detail()).startsWith("not applicable");
        // an override naming max_chars turns the size rule on for a programming language
        BasicFiltersStage capped = stage(Map.of("overrides", Map.of("Python", Map.of("min_chars", 0, "max_chars", 3))));
        FilterTestSupport.Outcome o = run(capped, py);
        assertThat(o.rule()).isEqualTo("max_chars");
        assertThat(o.verdict().limit()).isEqualTo("<= 3");
    }

    @Test
    void recipeOverrideChangesTheLimitForOneLanguage() {
        BasicFiltersStage s = stage(Map.of("overrides", Map.of("JSON", Map.of("max_chars", 8000))));
        assertThat(run(s, doc("a.json", json(6000), "JSON", "data")).kept()).isTrue();
        assertThat(run(s, doc("a.json", json(8001), "JSON", "data")).rule()).isEqualTo("max_chars");
        // min_chars still comes from the built-in table; YAML is untouched
        assertThat(run(s, doc("a.json", json(99), "JSON", "data")).rule()).isEqualTo("min_chars");
        assertThat(run(s, doc("a.yaml", "k: v\n".repeat(1200) + "\n", "YAML", "data")).rule()).isEqualTo("max_chars");
        // language names match case-insensitively
        BasicFiltersStage lower = stage(Map.of("overrides", Map.of("json", Map.of("max_chars", 8000))));
        assertThat(run(lower, doc("a.json", json(6000), "JSON", "data")).kept()).isTrue();
    }

    @Test
    void precedenceDefaultsThenBuiltInThenTopLevelThenOverride() {
        // top-level max_chars beats the built-in JSON entry (5000) ...
        BasicFiltersStage top = stage(Map.of("max_chars", 7000));
        assertThat(run(top, doc("a.json", json(6000), "JSON", "data")).kept()).isTrue();
        // ... and the recipe's override for the language beats the top level
        BasicFiltersStage both = stage(Map.of("max_chars", 7000, "overrides", Map.of("JSON", Map.of("max_chars", 5500))));
        assertThat(run(both, doc("a.json", json(6000), "JSON", "data")).rule()).isEqualTo("max_chars");
        // a top-level key does not switch the size rule on for programming languages
        assertThat(run(top, doc("a.py", "x = 1\n", "Python", "programming")).kept()).isTrue();
    }

    @Test
    void unknownOverrideKeyIsRejectedNamingKeyAndLanguage() {
        assertThatThrownBy(() -> stage(Map.of("overrides", Map.of("JSON", Map.of("max_char", 10)))))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("'max_char'")
                .hasMessageContaining("JSON")
                .hasMessageContaining("did you mean 'max_chars'");
        assertThatThrownBy(() -> stage(Map.of("overrides", Map.of("Go", Map.of("alphanum_fraction", 2.0)))))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("alphanum_fraction")
                .hasMessageContaining("Go");
        assertThatThrownBy(() -> stage(Map.of("overrides", Map.of("Go", 3))))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("overrides")
                .hasMessageContaining("Go");
        assertThatThrownBy(() -> stage(Map.of("min_chars", 10, "max_chars", 5)))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("min_chars");
    }

    @Test
    void unknownTopLevelKeyIsRejectedByParams() {
        Params p = new Params("basic_filters", Map.of("max_line_lenght", 10), 0L);
        new BasicFiltersStageFactory().create(p);
        assertThatThrownBy(p::rejectUnknown).isInstanceOf(RecipeException.class)
                .hasMessageContaining("did you mean 'max_line_length'");
    }

    @Test
    void explainListsEveryRuleInProcessOrderPassedOrNot() {
        BasicFiltersStage s = stage(Map.of());
        Document d = doc("a.py", "def f(x):\n    return x + 1\n", "Python", "programming");
        List<Check> checks = s.explain(d);
        assertThat(checks).extracting(Check::rule).containsExactlyElementsOf(ALL_RULES);
        assertThat(checks).allMatch(Check::passed);
        assertThat(check(checks, "max_line_length").value()).isEqualTo("16");
        assertThat(check(checks, "max_line_length").limit()).isEqualTo("<= 1000");
        assertThat(check(checks, "avg_line_length").value()).isEqualTo("12.5");
        assertThat(check(checks, "min_comment_fraction").detail()).contains("no comment_chars annotation");
    }

    @Test
    void processDropsOnTheFirstFailingRule() {
        // a 1200-char line of '=' fails max_line_length, avg_line_length and low_alnum_fraction
        String ruler = "#" + "=".repeat(1199) + "\n";
        BasicFiltersStage s = stage(Map.of());
        List<Check> failed = s.explain(doc("r.py", ruler, null, null)).stream().filter(c -> !c.passed()).toList();
        assertThat(failed).extracting(Check::rule).containsExactly("max_line_length", "avg_line_length", "low_alnum_fraction");
        FilterTestSupport.Outcome o = run(s, doc("r.py", ruler, null, null));
        assertThat(o.rule()).isEqualTo("max_line_length");
        assertThat(o.verdict().value()).isEqualTo("1200");
        assertThat(o.verdict().detail()).isEqualTo("longest line in code points: 1200, violates <= 1000");
    }

    @Test
    void emptyAndWhitespaceOnlyDocumentsAreDroppedAsEmpty() {
        BasicFiltersStage s = stage(Map.of());
        assertThat(run(s, doc("__init__.py", "", "Python", "programming")).rule()).isEqualTo("empty");
        FilterTestSupport.Outcome o = run(s, doc("__init__.py", "\n  \n", "Python", "programming"));
        assertThat(o.rule()).isEqualTo("empty");
        assertThat(o.verdict().value()).isEqualTo("4");
    }

    @Test
    void commentRatioIsOffByDefaultAndUsesCommentCharsOverAllCodePoints() {
        // 100 code points (99 + \n); the annotation says 25 of them are comment text
        Document d = doc("a.py", "x".repeat(99) + "\n", "Python", "programming").with(Keys.COMMENT_CHARS, 25L);
        Check c = check(stage(Map.of()).explain(d), "max_comment_fraction");
        assertThat(c.value()).isEqualTo("0.25");
        assertThat(c.limit()).isEqualTo("<= 1");
        assertThat(c.detail()).startsWith("comment code points / all code points = 25/100");
        assertThat(run(stage(Map.of()), d).kept()).isTrue();
    }

    @Test
    void commentRatioBoundariesAreInclusive() {
        BasicFiltersStage santa = stage(Map.of("min_comment_fraction", 0.01, "max_comment_fraction", 0.8));
        // 200 code points in 5 lines, one of them a non-BMP emoji (two UTF-16 units, one code point)
        String text = "y = '\uD83D\uDE00'\n" + ("x".repeat(47) + "\n").repeat(4);
        assertThat(text.codePointCount(0, text.length())).isEqualTo(200);
        Document d = doc("a.py", text, "Python", "programming");
        assertThat(run(santa, d.with(Keys.COMMENT_CHARS, 2L)).kept()).isTrue();     // 0.01
        FilterTestSupport.Outcome low = run(santa, d.with(Keys.COMMENT_CHARS, 1L)); // 0.005
        assertThat(low.rule()).isEqualTo("min_comment_fraction");
        assertThat(low.verdict().value()).isEqualTo("0.005");
        assertThat(low.verdict().limit()).isEqualTo(">= 0.01");
        assertThat(run(santa, d.with(Keys.COMMENT_CHARS, 160L)).kept()).isTrue();   // 0.8
        FilterTestSupport.Outcome high = run(santa, d.with(Keys.COMMENT_CHARS, 161L)); // 0.805
        assertThat(high.rule()).isEqualTo("max_comment_fraction");
        assertThat(high.verdict().value()).isEqualTo("0.805");
        assertThat(high.verdict().limit()).isEqualTo("<= 0.8");
    }

    @Test
    void commentRatioAppliesOnlyToProgrammingLanguagesWithAnExactCount() {
        BasicFiltersStage santa = stage(Map.of("min_comment_fraction", 0.01, "max_comment_fraction", 0.8));
        Document html = doc("a.html", "<p>hello there</p>\n", "HTML", "markup").with(Keys.COMMENT_CHARS, 0L);
        assertThat(run(santa, html).kept()).isTrue();
        assertThat(check(santa.explain(html), "min_comment_fraction").value()).isEqualTo("n/a");
        // no comment_chars: no stats stage, or a language the lexer has no entry for
        Document bare = doc("a.zig", "const x = 1;\n", "Zig", "programming");
        assertThat(run(santa, bare).kept()).isTrue();
        assertThat(check(santa.explain(bare), "max_comment_fraction").detail()).contains("no comment_chars annotation");
    }

    @Test
    void javaThroughTheStatsStageWithJavadocAndLineComment() {
        // "/** Adds one. */" (16) + "// inc" (6) = 22 comment code points of 71
        String text = "/** Adds one. */\nclass A {\n    int f(int a) { return a + 1; } // inc\n}\n";
        assertThat(text.length()).isEqualTo(71);
        Document d = statsOf(doc("A.java", text, "Java", "programming"));
        assertThat(d.get(Keys.COMMENT_CHARS)).isEqualTo(22L);
        BasicFiltersStage s = stage(Map.of("min_comment_fraction", 0.01, "max_comment_fraction", 0.31));
        assertThat(check(s.explain(d), "max_comment_fraction").value()).isEqualTo(Check.format(22.0 / 71));
        assertThat(run(s, d).kept()).isTrue();
        FilterTestSupport.Outcome o = run(stage(Map.of("max_comment_fraction", 0.3)), d); // 0.3098... > 0.3
        assertThat(o.rule()).isEqualTo("max_comment_fraction");
        assertThat(o.verdict().detail()).startsWith("comment code points / all code points = 22/71");
    }

    private static Document statsOf(Document d) {
        List<Document> kept = new java.util.ArrayList<>();
        new dev.codemill.stages.stats.StatsStage().process(d, new dev.codemill.stage.Emitter() {
            @Override
            public void keep(Document doc) {
                kept.add(doc);
            }

            @Override
            public void drop(Document doc, dev.codemill.stage.Verdict why) {
                throw new AssertionError(why);
            }

            @Override
            public void quarantine(Document doc, dev.codemill.stage.Verdict why) {
                throw new AssertionError(why);
            }

            @Override
            public void modified(Document changed, java.util.List<dev.codemill.stage.Verdict> whys) {
                throw new AssertionError(whys);
            }
        });
        return kept.get(0);
    }

    @Test
    void generatedFilesAreDroppedWithTheirEvidence() {
        BasicFiltersStage s = stage(Map.of());
        FilterTestSupport.Outcome name = run(s, doc("proto/foo_pb2.py", "x = 1\n", "Python", "programming"));
        assertThat(name.rule()).isEqualTo("generated");
        assertThat(name.verdict().value()).isEqualTo("file_name:*_pb2.py");
        FilterTestSupport.Outcome go = run(s, doc("x.go",
                "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n", "Go", "programming"));
        assertThat(go.verdict().value()).isEqualTo("header_comment:Code generated .*DO NOT EDIT");
        // can be switched off per language
        BasicFiltersStage off = stage(Map.of("overrides", Map.of("Go", Map.of("generated", false))));
        assertThat(run(off, doc("x.go", "// Code generated by stringer. DO NOT EDIT.\npackage x\n", "Go", "programming")).kept()).isTrue();
    }

    @Test
    void undecodedDocumentIsQuarantined() {
        Document raw = Document.ofBytes(DocId.of("x"), new SourceRef("t", "r", "a.bin"), new byte[] {1, 2}, Annotations.EMPTY);
        FilterTestSupport.Outcome o = run(stage(Map.of()), raw);
        assertThat(o.action()).isEqualTo("quarantine");
        assertThat(o.rule()).isEqualTo("not_decoded");
    }

    @Test
    void factoryNameAndDefaults() {
        BasicFiltersStageFactory f = new BasicFiltersStageFactory();
        assertThat(f.name()).isEqualTo("basic_filters");
        assertThat(f.create(Params.empty("basic_filters")).name()).isEqualTo("basic_filters");
        assertThat(FilterThresholds.DEFAULTS.maxLineLength()).isEqualTo(1000);
        assertThat(FilterThresholds.DEFAULTS.avgLineLength()).isEqualTo(100.0);
        assertThat(FilterThresholds.DEFAULTS.alphanumFraction()).isEqualTo(0.25);
        assertThat(FilterThresholds.DEFAULTS.minChars()).isEqualTo(100);
        assertThat(FilterThresholds.DEFAULTS.maxChars()).isEqualTo(5000);
    }

    /**
     * process() keeps a document every rule passes without building the checks' texts: its outcome
     * must equal the one explain() gives (first failing check's verdict, else keep) on documents
     * near every rule's limit, with and without the stats and vendor annotations.
     */
    @Test
    void processDecidesAsExplainOnRandomDocuments() {
        String[] pieces = {"x = 1\n", "\n", "\n\n", "   \n", "# a comment line\n", "\"\"\"doc\"\"\"\n",
            "y".repeat(120) + "\n", "z".repeat(1100) + "\n", "data:image/png;base64," + "QUJD".repeat(60) + "\n",
            "{\"k\": [1, 2, 3]}\n", "!!!! ---- ;;;; ....\n", "caf\u00e9 \ud83d\ude00\r\n", "// Code generated by x. DO NOT EDIT.\n",
            "def f(a, b):\n    return a + b\n"};
        String[][] kinds = {{"a.py", "Python", "programming"}, {"b.json", "JSON", "data"}, {"c.go", "Go", "programming"},
            {"d.txt", null, null}, {"e_pb2.py", "Python", "programming"}};
        List<BasicFiltersStage> stages = List.of(stage(Map.of()), stage(Map.of("max_comment_fraction", 0.3, "min_comment_fraction", 0.05)),
                stage(Map.of("max_base64_fraction", 0.2, "overrides", Map.of("Go", Map.of("generated", false)))));
        java.util.Random r = new java.util.Random(20);
        int drops = 0;
        for (int k = 0; k < 1500; k++) {
            StringBuilder b = new StringBuilder();
            for (int j = r.nextInt(k % 10 == 0 ? 60 : 12); j > 0; j--) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String[] kind = kinds[r.nextInt(kinds.length)];
            Document d = doc(kind[0], b.toString(), kind[1], kind[2]);
            if (r.nextBoolean()) {
                d = statsOf(d);
            }
            int g = r.nextInt(3);
            if (g > 0) {
                // as the vendor stage sets them: evidence always comes with is_generated true
                dev.codemill.model.Annotations a = d.annotations().with(dev.codemill.model.Keys.IS_GENERATED, g == 2);
                d = d.withAnnotations(g == 2 ? a.with(dev.codemill.model.Keys.GENERATED_EVIDENCE, "header:x") : a);
            }
            for (BasicFiltersStage s : stages) {
                Check failed = s.explain(d).stream().filter(c -> !c.passed()).findFirst().orElse(null);
                FilterTestSupport.Outcome o = run(s, d);
                if (failed == null) {
                    assertThat(o.kept()).as("doc %d: %s", k, d.text()).isTrue();
                } else {
                    drops++;
                    assertThat(o.action()).as("doc %d", k).isEqualTo("drop");
                    assertThat(o.verdict()).isEqualTo(failed.toVerdict());
                }
            }
        }
        assertThat(drops).isBetween(500, 4000); // both outcomes are well exercised
    }

    @Test
    void isGeneratedWithoutEvidenceIsDroppedWithAReason() {
        Document d = doc("gen.py", "x = 1\n" + "y = 2\n".repeat(30), "Python", "programming");
        d = d.withAnnotations(d.annotations().with(dev.codemill.model.Keys.IS_GENERATED, true));
        BasicFiltersStage s = stage(Map.of());
        Check g = check(s.explain(d), "generated");
        assertThat(g.passed()).isFalse();
        assertThat(g.toVerdict().value()).isEqualTo("is_generated");
        assertThat(g.toVerdict().detail()).isEqualTo("generated file (is_generated): no evidence recorded");
        FilterTestSupport.Outcome o = run(s, d);
        assertThat(o.action()).isEqualTo("drop");
        assertThat(o.verdict()).isEqualTo(g.toVerdict());
    }

    private static Check check(List<Check> checks, String rule) {
        return checks.stream().filter(c -> c.rule().equals(rule)).findFirst().orElseThrow();
    }
}
