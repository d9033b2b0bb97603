package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.RecipeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The default constitution is complete; the loader names the key and principle of every error. */
class QualityConstitutionTest {
    @Test
    void everyDefaultPrincipleHasACheckerAMessageForEachKindAndItsThresholds() {
        Constitution c = Constitution.builtIn();
        assertThat(c.principles()).extracting(Principle::id).containsExactly("well_formed", "documented", "commented",
                "readable_names", "small_units", "rigorous", "no_noise", "tested");
        for (Principle p : c.principles()) {
            Checker checker = Checkers.byName(p.checker());
            assertThat(checker).as(p.id()).isNotNull();
            assertThat(p.messages().keySet()).as(p.id()).containsExactlyInAnyOrderElementsOf(checker.messages());
            assertThat(p.thresholds().keySet()).as(p.id()).containsExactlyInAnyOrderElementsOf(checker.thresholds());
            assertThat(p.title()).isNotBlank();
            assertThat(p.rationale()).isNotBlank();
        }
        assertThat(c.principle("small_units").threshold("max_lines", "Python")).isEqualTo(80.0);
        assertThat(c.principle("small_units").threshold("max_lines", "C")).isEqualTo(120.0);
        assertThat(c.principle("small_units").message("too_long", "name", "parse", "value", 212, "limit", 80L))
                .isEqualTo("function `parse` is 212 lines long (limit 80)");
    }

    private static Constitution parse(String yaml) {
        return Constitution.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    private static final String ONE = """
            tiers: {A: 0.9, B: 0.8, C: 0.6}
            principles:
              - id: t
                title: T
                rationale: R
                checker: tested
                weight: 1
                thresholds: {non_test_score: 0.5, untested_score: 0.5}
                messages: {untested: "untested {file}", no_tests: "no tests"}
            """;

    @Test
    void aMinimalConstitutionLoads() {
        Constitution c = parse(ONE);
        assertThat(c.principles()).hasSize(1);
        assertThat(c.tier(0.85)).isEqualTo("B");
        assertThat(c.tier(0.59)).isEqualTo("D");
    }

    @Test
    void errorsNameTheKeyAndThePrinciple() {
        assertThatThrownBy(() -> parse(ONE.replace("weight: 1", "wieght: 1")))
                .isInstanceOf(RecipeException.class).hasMessageContaining("principle 't'")
                .hasMessageContaining("unknown key 'wieght'").hasMessageContaining("did you mean 'weight'");
        assertThatThrownBy(() -> parse(ONE.replace("checker: tested", "checker: nope")))
                .hasMessageContaining("principle 't'").hasMessageContaining("key 'checker'").hasMessageContaining("nope");
        assertThatThrownBy(() -> parse(ONE.replace("{non_test_score: 0.5, untested_score: 0.5}", "{untested_score: 0.5}")))
                .hasMessageContaining("principle 't'").hasMessageContaining("lacks 'non_test_score'");
        assertThatThrownBy(() -> parse(ONE.replace("{non_test_score: 0.5, untested_score: 0.5}", "{non_test_score: high, untested_score: 0.5}")))
                .hasMessageContaining("'non_test_score' expects a number");
        assertThatThrownBy(() -> parse(ONE.replace("checker: tested", "checker: small_units")))
                .hasMessageContaining("principle 't'").hasMessageContaining("thresholds");
        assertThatThrownBy(() -> parse(ONE.replace("B: 0.8", "B: 0.95")))
                .hasMessageContaining("key 'tiers'");
        assertThatThrownBy(() -> parse(ONE + "    overrides: {Go: {max_lines: 3}}\n"))
                .hasMessageContaining("principle 't' overrides.Go").hasMessageContaining("'max_lines'");
        assertThatThrownBy(() -> parse(ONE.replace("    title: T\n", "")))
                .hasMessageContaining("principle 't'").hasMessageContaining("key 'title' is required");
    }
}
