package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code codemill explain} shows the quality score, sub-scores and critiques; {@code --json} is machine output. */
class QualityExplainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
    }

    private static final Path GOLDEN = Path.of("../codemill-stages/src/test/resources/golden/quality");

    /** These tests explain syntax-tree scores (the default recipe parses too; this recipe skips dedup and the rest). */
    @org.junit.jupiter.api.io.TempDir
    static Path tmp;

    private static String parsingRecipe() throws java.io.IOException {
        Path recipe = tmp.resolve("parse.yaml");
        java.nio.file.Files.writeString(recipe, """
                stages:
                  - {type: decode}
                  - {type: notebook}
                  - {type: language}
                  - {type: stats}
                  - {type: basic_filters}
                  - {type: quality, parse: true}
                """);
        return recipe.toString();
    }

    @Test
    void humanOutputShowsScoreSubScoresAndCritiques() throws Exception {
        assertThat(Main.execute("explain", "--recipe", parsingRecipe(), GOLDEN.resolve("inventory.py").toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("quality_score = 0.8057").contains("quality_tier = D").contains("quality_small_units = 0.4305")
                .contains("quality_critiques = (8)")
                .contains("small_units:12:1: function `reorder` nests 5 levels deep (limit 3)")
                .contains("[pass] critique = 22:5   (limit rigorous)\n             bare `except:` catches every exception");
    }

    @Test
    void jsonOutputHasEveryStepAndCheck() throws Exception {
        assertThat(Main.execute("explain", "--json", "--recipe", parsingRecipe(), GOLDEN.resolve("server.go").toString())).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode doc = new ObjectMapper().readTree(lines[0]);
        assertThat(doc.get("path").asText()).isEqualTo("server.go");
        JsonNode quality = null;
        for (JsonNode step : doc.get("steps")) {
            if (step.get("stage").asText().equals("quality")) {
                quality = step;
            }
        }
        assertThat(quality).isNotNull();
        assertThat(quality.get("set").get("quality_tier").asText()).isEqualTo("D");
        assertThat(quality.get("set").get("quality_critiques").get(5).asText())
                .isEqualTo("rigorous:17:3: statement is unreachable (after `return`)");
        assertThat(doc.get("result").asText()).startsWith("kept");
    }
}
