package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.cli.Main;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe with branches is refused on Spark with one message, before any work; never run without them. */
class SparkBranchesRefusedTest {
    @Test
    void theRunnerRefusesBranchesBeforeTouchingSpark(@TempDir Path dir) throws Exception {
        var recipe = RecipeLoader.parse(new ByteArrayInputStream("""
                stages: [{type: decode}]
                branches: [{name: fim, stages: [{type: fim}]}]
                """.getBytes(StandardCharsets.UTF_8)), "test");
        assertThatThrownBy(() -> SparkRunner.run(null, dev.codemill.run.RunPlan.of(recipe, List.of(),
                List.of(dev.codemill.io.Formats.byName("jsonl", recipe.output()))), List.of(), dir.resolve("out")))
                .isInstanceOf(RecipeException.class)
                .hasMessage("the recipe has branches [fim], which the Spark runner does not run yet; run it on the local "
                        + "runner (docs/architecture.md, 'Emit and branches')");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theFimShorthandIsAUsageErrorOnSpark(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.py"), "print('hello')\n");
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[1]", in.toString(), "-o",
                dir.resolve("out").toString(), "-q", "--fim")).isEqualTo(Main.USAGE);
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
