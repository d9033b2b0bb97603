package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import dev.codemill.plan.OutputSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.StageSpec;
import dev.codemill.stage.RecipeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Spark plan refuses git history rather than reading the repositories as snapshots only. */
class PlanHistoryTest {
    @Test
    void aRecipeReadingGitHistoryIsRefusedByName() {
        Recipe r = new Recipe("h", 7, List.of(), IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS),
                List.of(new StageSpec("decode", Map.of())), new OutputSpec(OutputSpec.CONTENT_FORMATS, 1 << 20, 0), null);
        assertThatThrownBy(() -> new Plan("p", r, List.of(), 1 << 20))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("the Spark runner does not read git history (ingest.history) yet");
    }
}
