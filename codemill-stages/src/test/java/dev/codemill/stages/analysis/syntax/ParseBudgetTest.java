package dev.codemill.stages.analysis.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stages.analysis.fim.SyntaxSpansProbe;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityReport;
import dev.codemill.stages.quality.QualityScorer;
import org.junit.jupiter.api.Test;

/** The deterministic parse budget (issue 13 §2): bytes, nodes and depth, each with its status and reason. */
class ParseBudgetTest {
    private static String nestedJava(int depth) {
        return "class A { void f() " + "{".repeat(depth) + "}".repeat(depth) + " }\n";
    }

    @Test
    void depthNodesAndBytesEachCutTheTreeWithTheirReason() {
        String src = nestedJava(50);
        ParseResult full = Parsers.parseBounded(src, "Java", ParseBudget.DEFAULT);
        assertThat(full.status()).isEqualTo(ParseStatus.COMPLETE);
        int depth = full.tree().depth();
        // program > class_declaration > class_body > method_declaration > block, then one block per level
        assertThat(depth).isEqualTo(4 + 50);

        ParseResult deep = Parsers.parseBounded(src, "Java", ParseBudget.DEFAULT.withMaxDepth(depth - 1));
        assertThat(deep.status()).isEqualTo(ParseStatus.TOO_DEEP);
        assertThat(deep.tree()).isNull();
        assertThat(deep.detail()).isEqualTo("54 levels deep > max depth 53");
        assertThat(Parsers.parseBounded(src, "Java", ParseBudget.DEFAULT.withMaxDepth(depth)).status()).isEqualTo(ParseStatus.COMPLETE);

        int nodes = full.tree().size();
        ParseResult many = Parsers.parseBounded(src, "Java", ParseBudget.DEFAULT.withMaxNodes(nodes - 1));
        assertThat(many.status()).isEqualTo(ParseStatus.TRUNCATED);
        assertThat(many.tree()).isNull();
        assertThat(many.detail()).isEqualTo("more than " + (nodes - 1) + " nodes");

        ParseResult large = Parsers.parseBounded(src, "Java", ParseBudget.DEFAULT.withMaxBytes(src.length() - 1));
        assertThat(large.status()).isEqualTo(ParseStatus.TOO_LARGE);
        assertThat(large.detail()).isEqualTo(src.length() + " bytes > max_parse_bytes " + (src.length() - 1));

        assertThat(Parsers.parseBounded("x", "Cobol", ParseBudget.DEFAULT).status()).isEqualTo(ParseStatus.UNSUPPORTED);
        assertThatThrownBy(() -> new ParseBudget(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void qualityFallsBackToTheScanAndSaysWhy() {
        QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, ParseBudget.DEFAULT.withMaxDepth(20), 0);
        QualityReport r = scorer.score(nestedJava(30), "A.java", "Java");
        assertThat(r.parsed()).isFalse();
        assertThat(r.parseDetail()).isEqualTo("over the parse budget: 34 levels deep > max depth 20");
        assertThat(r.results().get("small_units").basis()).isEqualTo("scan");
        QualityReport flat = scorer.score(nestedJava(10), "A.java", "Java");
        assertThat(flat.parsed()).isTrue();
        assertThat(flat.parseDetail()).isEmpty();
        // the same text, the same outcome: nothing depends on time
        assertThat(scorer.score(nestedJava(30), "A.java", "Java").score()).isEqualTo(r.score());
    }

    @Test
    void fimCandidatesOnADeepTreeMatchTheNodeByNodeDefinition() {
        for (String[] c : new String[][] {{"Java", nestedJava(300)},
            {"Python", "def f(x):\n    if x:\n        y = ((((1))))\n        return (y\n    z = 2\n"},
            {"Java", "class B { int g(int a) { if (a > 0) { return a; } else { a = ; } return -a; } }\n"}}) {
            SyntaxTree t = Parsers.parse(c[1], c[0], 1_000_000).orElseThrow();
            assertThat(SyntaxSpansProbe.candidates(t)).as(c[0]).containsExactlyElementsOf(SyntaxSpansProbe.bruteForce(t));
        }
    }
}
