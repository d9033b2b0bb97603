package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile or broken recipes fail at once with a message. */
class RecipeLimitsTest {
    private static Recipe parse(String yaml) throws IOException {
        return RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "r.yaml");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> parse("seed: 1\nseed: 2\nstages: [{type: decode}]\n"))
                .isInstanceOf(RecipeException.class).hasMessageContaining("r.yaml: not valid YAML")
                .hasMessageContaining("Duplicate field 'seed'");
        assertThatThrownBy(() -> parse("stages:\n  - {type: near_dedup, threshold: 0.7, threshold: 0.9}\n"))
                .hasMessageContaining("Duplicate field 'threshold'");
    }

    @Test
    void numbersBeyondALongAreRefusedNotTruncated() {
        assertThatThrownBy(() -> parse("seed: 123456789012345678901234567890\nstages: [{type: decode}]\n"))
                .isInstanceOf(RecipeException.class)
                .hasMessage("seed: r.yaml: key 'seed' is out of range (at most 9223372036854775807), got "
                        + "123456789012345678901234567890");
        assertThatThrownBy(() -> parse("seed: 1.0e30\nstages: [{type: decode}]\n")).hasMessageContaining("out of range");
    }

    @Test
    void anOversizedRecipeIsRefusedBeforeParsing() {
        String huge = "name: " + "x".repeat(8_000_000) + "\nstages: [{type: decode}]\n";
        assertThatThrownBy(() -> parse(huge)).isInstanceOf(RecipeException.class)
                .hasMessage("r.yaml: a recipe may hold at most 262144 bytes; this one is larger");
        String justFits = "stages: [{type: decode}]\nname: " + "x".repeat(262_144 - 32) + "\n";
        assertThat(justFits.length()).isEqualTo(262_144);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parse(justFits))).isNull();
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "name: " + "[".repeat(100) + "]".repeat(100) + "\nstages: [{type: decode}]\n";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(RecipeException.class).hasMessageContaining("not valid YAML");
    }
}
