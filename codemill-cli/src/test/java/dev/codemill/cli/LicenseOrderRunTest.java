package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Licence detection sees every file whatever the filters do: a LICENSE that {@code basic_filters}
 * drops (the MIT text with one paragraph per line: average line length above 100) still licenses
 * the repository, and a recipe that puts a dropping stage before {@code license} is refused.
 */
class LicenseOrderRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** The MIT licence text, one paragraph per line (as many repositories ship it). */
    static final String MIT_UNWRAPPED = "MIT License\n\nCopyright (c) 2024 Ada Example\n\n"
            + "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated "
            + "documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation "
            + "the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to "
            + "permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\n"
            + "The above copyright notice and this permission notice shall be included in all copies or substantial portions of "
            + "the Software.\n\n"
            + "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO "
            + "THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE "
            + "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, "
            + "TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE "
            + "SOFTWARE.\n";

    static final String CODE = """
            def mean(values):
                \"\"\"Arithmetic mean of a non-empty list of numbers.\"\"\"
                total = 0
                for v in values:
                    total += v
                return total / len(values)
            """;

    @Test
    void aLicenceFileThatBasicFiltersDropsStillLicensesTheRepository(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("LICENSE"), MIT_UNWRAPPED);
        Files.writeString(in.resolve("stats.py"), CODE);
        Path out = tmp.resolve("out");
        int rc = Main.execute("run", in.toString(), "-o", out.toString(), "--threads", "1", "-q", "--format", "jsonl");
        assertThat(rc).as(console.stderr()).isZero();

        List<JsonNode> ledger = EndToEndTest.rows(out.resolve("ledger"));
        assertThat(ledger).filteredOn(r -> r.get("path").asText().equals("LICENSE"))
                .extracting(r -> r.get("stage").asText() + "|" + r.get("rule").asText() + "|" + r.get("action").asText())
                .containsExactly("basic_filters|avg_line_length|drop");
        List<JsonNode> data = EndToEndTest.rows(out.resolve("data"));
        assertThat(data).singleElement().satisfies(d -> {
            assertThat(d.get("path").asText()).isEqualTo("stats.py");
            assertThat(d.get("license_type").asText()).isEqualTo("permissive");
            assertThat(d.get("annotations").asText()).contains("\"license_expression\":\"MIT\"").contains("\"license_evidence\":\"file:LICENSE MIT ");
        });
    }

    @Test
    void validateRefusesADroppingStageBeforeLicence(@TempDir Path tmp) throws Exception {
        Path recipe = tmp.resolve("r.yaml");
        Files.writeString(recipe, "stages:\n  - {type: decode}\n  - {type: stats}\n  - {type: basic_filters}\n  - {type: license}\n");
        assertThat(Main.execute("validate", "--recipe", recipe.toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("stage #4 'license' must see every file of a repository (LICENSE, manifests, README), "
                + "but stage #3 'basic_filters' before it may drop files: move 'license' before 'basic_filters'");
        // annotating stages before it are fine; so is a licence filter after the filters
        Files.writeString(recipe, "stages:\n  - {type: decode}\n  - {type: notebook}\n  - {type: language}\n  - {type: stats}\n"
                + "  - {type: license}\n  - {type: basic_filters}\n");
        assertThat(Main.execute("validate", "--recipe", recipe.toString())).isZero();
    }
}
