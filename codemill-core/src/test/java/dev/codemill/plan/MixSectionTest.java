package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixSectionTest {
    private static final String STAGES = "stages: [{type: decode}, {type: tokens}]\n";

    private static Recipe parse(String yaml) throws Exception {
        return RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void readsTheMixSection() throws Exception {
        Recipe r = parse(STAGES + """
                mix:
                  total_tokens: 2.0e6
                  by: quality_tier
                  targets: {A: 0.5, B: 0.25}
                  exclude: [D]
                  weights: {language: {Python: 2.0, Text: 0}}
                  max_epochs: 3
                """);
        MixSpec m = r.mix();
        assertThat(m.totalTokens()).isEqualTo(2_000_000);
        assertThat(m.by()).isEqualTo("quality_tier");
        assertThat(m.targets()).isEqualTo(Map.of("A", 0.5, "B", 0.25));
        assertThat(m.exclude()).containsExactly("D");
        assertThat(m.weights()).isEqualTo(Map.of("language", Map.of("Python", 2.0, "Text", 0.0)));
        assertThat(m.maxEpochs()).isEqualTo(3);
        assertThat(r.withOutput(r.output()).mix()).isEqualTo(m);
        assertThat(r.withStages(r.stages()).mix()).isEqualTo(m);
    }

    @Test
    void defaultsAndAbsence() throws Exception {
        assertThat(parse(STAGES).mix()).isNull();
        MixSpec m = parse(STAGES + "mix: {total_tokens: 1000}\n").mix();
        assertThat(m.by()).isEqualTo("language");
        assertThat(m.maxEpochs()).isEqualTo(4);
        assertThat(m.targets()).isEmpty();
    }

    @Test
    void rejectsBadMixSections() {
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, budget: 3}\n"))
                .isInstanceOf(RecipeException.class).hasMessageContaining("unknown key 'budget' in test.yaml section 'mix'");
        assertThatThrownBy(() -> parse(STAGES + "mix: {by: language}\n"))
                .hasMessageContaining("missing key 'total_tokens'");
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, targets: {Python: 0.7, Java: 0.4}}\n"))
                .hasMessageContaining("target shares add up to 1.1");
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, targets: {Python: 0}}\n"))
                .hasMessageContaining("target share of 'Python' must be in (0, 1]");
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, targets: {Go: 0.1}, exclude: [Go]}\n"))
                .hasMessageContaining("group 'Go' is both in 'targets' and in 'exclude'");
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, weights: {quality_tier: {A: -1}}}\n"))
                .hasMessageContaining("weight quality_tier.A must be a finite number >= 0");
        assertThatThrownBy(() -> parse(STAGES + "mix: {total_tokens: 10, max_epochs: 0}\n"))
                .hasMessageContaining("'max_epochs' must be in [1, 1000], got 0");
        assertThatThrownBy(() -> parse("stages: [{type: decode}]\nmix: {total_tokens: 10}\n"))
                .hasMessageContaining("a mix needs the 'tokens' stage");
    }

    @Test
    void aRecipeWithoutMixKeepsItsCanonicalJson() throws Exception {
        Recipe r = parse(STAGES);
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
        assertThat(json).doesNotContain("mix");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                parse(STAGES + "mix: {total_tokens: 10}\n"))).contains("\"mix\":{\"totalTokens\":10");
        assertThat(List.of(r.stages().get(1).type())).containsExactly("tokens");
    }
}
