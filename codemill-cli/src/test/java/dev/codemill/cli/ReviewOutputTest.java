package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codemill.io.jsonl.JsonlZstFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill run} with the quality stage and the {@code review} format on real files read in place. */
class ReviewOutputTest {
    @TempDir
    Path tmp;

    @Test
    @NeedsShared("tools and cases/C16_python_docstrings")
    void everyCritiquedKeptDocumentGetsOneReviewRow() throws Exception {
        Path shared = SharedData.path(".");
        Files.writeString(tmp.resolve("r.yaml"), """
                seed: 1
                stages: [{type: decode}, {type: language}, {type: stats}, {type: quality, parse: true}]
                output: {formats: [jsonl, review]}
                """);
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", shared.resolve("tools").toString(), shared.resolve("cases/C16_python_docstrings").toString(),
                "-o", out.toString(), "-q", "--recipe", tmp.resolve("r.yaml").toString())).isZero();
        List<JsonNode> kept = EndToEndTest.rows(out.resolve("data"));
        Map<String, JsonNode> critiqued = kept.stream()
                .filter(r -> annotationsOf(r).get("quality_critiques").size() > 0)
                .collect(Collectors.toMap(r -> r.get("id").asText(), Function.identity()));
        assertThat(critiqued).isNotEmpty();
        List<Map<String, Object>> reviews = new java.util.ArrayList<>();   // one review file per non-empty hash partition
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(out.resolve("review"))) {
            for (Path f : files.sorted().toList()) {
                reviews.addAll(JsonlZstFormat.readRows(f));
            }
        }
        assertThat(reviews).extracting(r -> (String) r.get("id")).containsExactlyInAnyOrderElementsOf(critiqued.keySet());
        for (Map<String, Object> r : reviews) {
            JsonNode data = critiqued.get((String) r.get("id"));
            assertThat(r.get("content")).isEqualTo(data.get("content").asText());
            assertThat(((List<?>) r.get("critiques"))).hasSize(annotationsOf(data).get("quality_critiques").size());
            assertThat(((String) r.get("review")).split("\n")).hasSize(((List<?>) r.get("critiques")).size());
        }
        // the kept documents and the review rows come in the same (output) order
        List<String> keptOrder = kept.stream().map(r -> r.get("id").asText()).filter(critiqued::containsKey).toList();
        assertThat(reviews).extracting(r -> (String) r.get("id")).containsExactlyElementsOf(keptOrder);
    }

    private static JsonNode annotationsOf(JsonNode row) {
        try {
            return EndToEndTest.annotations(row);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
