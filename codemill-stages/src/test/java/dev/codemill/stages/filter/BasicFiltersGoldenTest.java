package dev.codemill.stages.filter;

import static dev.codemill.stages.filter.FilterTestSupport.doc;
import static dev.codemill.stages.filter.FilterTestSupport.run;
import static dev.codemill.stages.filter.FilterTestSupport.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the default {@code basic_filters} over {@code golden/filters/inputs/} and compares the
 * verdicts (file, rule or {@code kept}, value, limit) with {@code golden/filters/expected.tsv}.
 * Run with {@code -Dcodemill.golden.rewrite=true} to rewrite the golden file after an intended change.
 */
class BasicFiltersGoldenTest {
    private static final String DIR = "golden/filters";
    /** extension → (linguist language, linguist type), as the language stage would set them. */
    private static final Map<String, String[]> LANGUAGES = Map.of(
            "py", new String[] {"Python", "programming"},
            "java", new String[] {"Java", "programming"},
            "go", new String[] {"Go", "programming"},
            "css", new String[] {"CSS", "markup"},
            "json", new String[] {"JSON", "data"},
            "yaml", new String[] {"YAML", "data"});

    @Test
    void verdictsMatchTheGoldenFile() throws Exception {
        Path inputs = Path.of(getClass().getClassLoader().getResource(DIR + "/inputs").toURI());
        BasicFiltersStage stage = stage(Map.of());
        List<Path> files;
        try (Stream<Path> s = Files.list(inputs)) {
            files = s.sorted().collect(Collectors.toList());
        }
        StringBuilder tsv = new StringBuilder("file\trule\tvalue\tlimit\n");
        for (Path f : files) {
            String name = f.getFileName().toString();
            String[] lang = LANGUAGES.get(name.substring(name.lastIndexOf('.') + 1));
            String text = Files.readString(f, StandardCharsets.UTF_8);
            FilterTestSupport.Outcome o = run(stage, doc("golden/" + name, text, lang[0], lang[1]));
            tsv.append(name).append('\t').append(o.rule()).append('\t')
                    .append(o.verdict() == null ? "" : o.verdict().value()).append('\t')
                    .append(o.verdict() == null ? "" : o.verdict().limit()).append('\n');
        }
        String actual = tsv.toString();
        if (Boolean.getBoolean("codemill.golden.rewrite")) {
            Files.writeString(Path.of("src/test/resources", DIR, "expected.tsv"), actual, StandardCharsets.UTF_8);
        }
        String expected = new String(getClass().getClassLoader().getResourceAsStream(DIR + "/expected.tsv").readAllBytes(),
                StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("codemill.golden.rewrite")) {
            assertThat(actual).isEqualTo(expected);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    }
}
