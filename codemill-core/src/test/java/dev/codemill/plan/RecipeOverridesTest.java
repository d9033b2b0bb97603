package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeOverridesTest {
    private static final String RECIPE = """
            name: r
            seed: 1
            stages:
              - {type: decode}
              - {type: basic_filters, max_line_length: 1000}
              - {type: basic_filters, max_line_length: 2000}
              - {type: near_dedup, threshold: 0.7}
            output: {formats: [parquet, jsonl]}
            """;

    private static Recipe parse(String... sets) throws IOException {
        return RecipeLoader.parse(new ByteArrayInputStream(RECIPE.getBytes(StandardCharsets.UTF_8)), "r.yaml", List.of(sets));
    }

    @Test
    void setsSectionKeysAndStageKeysByType() throws IOException {
        Recipe r = parse("seed=7", "near_dedup.threshold=0.85", "output.formats=[jsonl]", "ingest.max_file_bytes=1000",
                "basic_filters#2.max_line_length=3000", "basic_filters.overrides={Java: {max_comment_fraction: 0.9}}");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.stages().get(3).params()).containsEntry("threshold", 0.85);
        assertThat(r.stages().get(1).params()).containsEntry("max_line_length", 1000)
                .containsEntry("overrides", Map.of("Java", Map.of("max_comment_fraction", 0.9)));
        assertThat(r.stages().get(2).params()).containsEntry("max_line_length", 3000);
        assertThat(r.output().formats()).containsExactly("jsonl");
        assertThat(r.ingest().maxFileBytes()).isEqualTo(1000);
    }

    @Test
    void laterAssignmentsWinAndStringsStayStrings() throws IOException {
        Recipe r = parse("name=first", "name=second run", "seed=3", "seed=4");
        assertThat(r.name()).isEqualTo("second run");
        assertThat(r.seed()).isEqualTo(4);
    }

    @Test
    void refusesWhatItCannotPlace() {
        assertThatThrownBy(() -> parse("near_dedupe.threshold=0.8")).isInstanceOf(RecipeException.class)
                .hasMessageContaining("unknown key 'near_dedupe'").hasMessageContaining("did you mean 'near_dedup'?");
        assertThatThrownBy(() -> parse("seed")).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> parse("basic_filters#3.max_line_length=1"))
                .hasMessageContaining("the recipe has 2 stage(s) of type 'basic_filters'");
        assertThatThrownBy(() -> parse("near_dedup=off")).hasMessageContaining("name a key of stage 'near_dedup'");
        assertThatThrownBy(() -> parse("near_dedup.type=exact_dedup")).hasMessageContaining("name a key of stage");
        assertThatThrownBy(() -> parse("seed.x=1")).hasMessageContaining("'seed' holds 1, not a mapping");
        assertThatThrownBy(() -> parse("output..formats=[jsonl]")).hasMessageContaining("empty part");
    }

    @Test
    void changedRecipesAreCheckedLikeWrittenOnes() {
        assertThatThrownBy(() -> parse("output.formats=[parquet, nope]")).isInstanceOf(RecipeException.class)
                .hasMessageContaining("unknown key 'nope'");
        assertThatThrownBy(() -> parse("ingest.max_file_bytez=1")).hasMessageContaining("did you mean 'max_file_bytes'?");
    }
}
