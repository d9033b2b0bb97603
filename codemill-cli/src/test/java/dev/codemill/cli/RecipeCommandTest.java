package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill recipe}, {@code --set}, and one-line usage errors. */
class RecipeCommandTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void printsTheBuiltInRecipeAsWritten() throws Exception {
        String resource;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RecipeLoader.DEFAULT_RESOURCE)) {
            resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Main.execute("recipe")).isZero();
        assertThat(console.stdout()).isEqualTo(resource).contains("# The built-in default recipe");
        assertThat(Main.execute("recipe", "default")).isZero();
    }

    @Test
    void printsTheChangedRecipeWhichLoadsBackTheSame(@TempDir Path tmp) throws Exception {
        assertThat(Main.execute("recipe", "--set", "near_dedup.threshold=0.85", "--set", "seed=99")).isZero();
        String yaml = console.stdout();
        Recipe printed = RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "printed");
        Recipe direct = RecipeLoader.loadDefault(List.of("near_dedup.threshold=0.85", "seed=99"));
        assertThat(printed).isEqualTo(direct);
        assertThat(printed.seed()).isEqualTo(99);
        assertThat(printed.stages().stream().filter(s -> s.type().equals("near_dedup")).findFirst().orElseThrow()
                .params()).containsEntry("threshold", 0.85);
        Path file = tmp.resolve("r.yaml");
        Files.writeString(file, yaml);
        assertThat(Main.execute("validate", "--recipe", file.toString())).isZero();
    }

    @Test
    void setIsCheckedByValidate() {
        assertThat(Main.execute("validate", "--set", "near_dedup.threshold=0.8")).isZero();
        assertThat(Main.execute("validate", "--set", "near_dedup.treshold=0.8")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("unknown key 'treshold' in stage 'near_dedup' (did you mean 'threshold'?)");
    }

    @Test
    void unknownBuiltInRecipeIsAUsageError() {
        assertThat(Main.execute("recipe", "python-only")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("no built-in recipe 'python-only'; built-in: [default]");
    }

    @Test
    void usageErrorsPrintOneLineAndAHint() {
        assertThat(Main.execute("run", "somewhere")).isEqualTo(Main.USAGE);
        assertThat(console.stderr().strip().split("\n")).containsExactly(
                "codemill: Missing required option: '--output=OUT'",
                "Try 'codemill run --help' for more information.");
    }

    @Test
    void theManifestsRecipeRunsAgainAsItIs(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("in/repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("util.py"), "def double(x):\n    \"\"\"Twice x.\"\"\"\n    return 2 * x\n");
        Path out1 = tmp.resolve("out1");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", out1.toString(), "-q",
                "--set", "near_dedup.threshold=0.8")).isZero();
        var m1 = EndToEndTest.JSON.readTree(out1.resolve("manifest.json").toFile());
        Path recipe = tmp.resolve("from-manifest.json");
        Files.writeString(recipe, m1.get("recipe").toString());
        Path out2 = tmp.resolve("out2");
        assertThat(Main.execute("run", tmp.resolve("in").toString(), "-o", out2.toString(), "-q", "--recipe",
                recipe.toString())).as(console.stderr()).isZero();
        var m2 = EndToEndTest.JSON.readTree(out2.resolve("manifest.json").toFile());
        assertThat(m2.get("recipe_sha256").asText()).isEqualTo(m1.get("recipe_sha256").asText());
        assertThat(m2.get("recipe")).isEqualTo(m1.get("recipe"));
    }
}
