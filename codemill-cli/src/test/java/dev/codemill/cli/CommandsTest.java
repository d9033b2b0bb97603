package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of validate, run and explain. */
class CommandsTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private String stdout() {
        return console.stdout();
    }

    private String stderr() {
        return console.stderr();
    }

    @Test
    void validateAcceptsTheDefaultRecipe() {
        assertThat(Main.execute("validate")).isZero();
        assertThat(stdout()).contains("recipe 'default' is valid: 14 stages: decode → notebook → language → vendor → stats → "
                + "license → basic_filters → repo_tests → decontaminate → exact_dedup → near_dedup → quality → redact → tokens");
    }

    @Test
    void validateNamesAMisspeltStageKey(@TempDir Path tmp) throws Exception {
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, "stages:\n  - {type: decode}\n  - {type: basic_filters, max_line_lenght: 10}\n");
        assertThat(Main.execute("validate", "--recipe", recipe.toString())).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("unknown key 'max_line_lenght' in stage 'basic_filters' (did you mean 'max_line_length'?)");
    }

    @Test
    void validateNamesAnUnknownStageType(@TempDir Path tmp) throws Exception {
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, "stages:\n  - {type: exact_dedupe}\n");
        assertThat(Main.execute("validate", "--recipe", recipe.toString())).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("unknown key 'exact_dedupe' in the stage types (did you mean 'exact_dedup'?)");
    }

    @Test
    void missingRecipeFileIsUsageError() {
        assertThat(Main.execute("validate", "--recipe", "/nonexistent/r.yaml")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("recipe file not found: /nonexistent/r.yaml");
    }

    @Test
    void missingInputFailsBeforeAnyWork(@TempDir Path tmp) {
        Path outDir = tmp.resolve("out");
        assertThat(Main.execute("run", "/nonexistent/corpus", "-o", outDir.toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("no such input: /nonexistent/corpus");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void badOptionIsUsageError() {
        assertThat(Main.execute("run", "--threads", "many", "-o", "x", "y")).isEqualTo(Main.USAGE);
    }

    @Test
    @NeedsShared("cases/C11_minified_false_positive")
    void explainShowsEveryFilterVerdictWithValueAndLimit() {
        Path cases = SharedData.path("cases", "C11_minified_false_positive");
        assertThat(Main.execute("explain", cases.resolve("bundle.js").toString(),
                cases.resolve("tidy_sidebar.user.js").toString())).isZero();
        String text = stdout();
        assertThat(text).contains("C11_minified_false_positive/bundle.js  (id ").contains("=> drop by basic_filters: minified");
        assertThat(text).contains("C11_minified_false_positive/tidy_sidebar.user.js  (id ").contains("language = JavaScript").contains("=> kept by every per-file stage; not evaluated here: vendor, license, repo_tests, exact_dedup, near_dedup (they decide over many documents: see the ledger of a run)");
        assertThat(text).contains("[pass] max_line_length = 918   (limit <= 1000)");
        assertThat(text).contains("encoding = UTF-8");
    }
}
