package dev.codemill.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.codemill.metrics.RemovalSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of a finished run that the report reads, typed where the report needs more than
 * counters:
 * <ul>
 *   <li>{@code stats.json} (required): the run's counters ({@code dev.codemill.metrics.RunStats}):
 *       documents and bytes in/kept/dropped/quarantined, {@code decisions} per stage and rule,
 *       {@code metrics} (the report reads {@code kept.quality_score.*}, {@code kept.quality_tier.*},
 *       {@code kept.license_type.*}, {@code redact.spans.*}), {@code clusters} per cluster stage
 *       ({@code size_histogram}), {@code warnings}, {@code inputs_lost}, {@code languages},
 *       {@code mixture}, {@code run};</li>
 *   <li>{@code manifest.json} (optional): the recipe (stage order, name, SHA-256), the token
 *       output's {@code by_language} and {@code total_tokens};</li>
 *   <li>{@code examples.json} (optional): {@link Examples}, written by the run's write tail.</li>
 * </ul>
 *
 * @param stats    stats.json as a tree
 * @param manifest manifest.json as a tree ({@link MissingNode} when absent)
 * @param examples examples.json ({@link Examples#NONE} when absent)
 */
public record ReportInput(JsonNode stats, JsonNode manifest, Examples examples) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * {@code examples.json}: the gallery of kept documents per quality tier ({@code tiers}, with
     * the selection {@code rule}), examples of removed documents per stage and {@code action:rule}
     * ({@code removed}, selection {@code removed_rule}) and the largest clusters per cluster stage
     * ({@code largest_clusters}); see {@link RemovalSamples} for how both are chosen and redacted.
     */
    public record Examples(String rule, JsonNode tiers, String removedRule,
                           Map<String, Map<String, List<RemovalSamples.Removed>>> removed,
                           Map<String, List<RemovalSamples.LargestCluster>> largestClusters) {
        /** No examples.json. */
        public static final Examples NONE = new Examples("", JsonNodeFactory.instance.objectNode(), "", Map.of(), Map.of());

        public Examples {
            rule = rule == null ? "" : rule;
            tiers = tiers == null || !tiers.isObject() ? JsonNodeFactory.instance.objectNode() : tiers;
            removedRule = removedRule == null ? "" : removedRule;
            removed = removed == null ? Map.of() : removed;
            largestClusters = largestClusters == null ? Map.of() : largestClusters;
        }
    }

    /**
     * Reads OUT's files.
     *
     * @throws NoSuchFileException when OUT holds no stats.json (not the output of a finished run)
     * @throws IOException         when a file cannot be read or is not the JSON described above
     */
    public static ReportInput read(Path out) throws IOException {
        Path statsFile = out.resolve("stats.json");
        if (!Files.isRegularFile(statsFile)) {
            throw new NoSuchFileException(statsFile + " (not the output of a finished codemill run)");
        }
        JsonNode stats = JSON.readTree(statsFile.toFile());
        Path manifestFile = out.resolve("manifest.json");
        JsonNode manifest = Files.exists(manifestFile) ? JSON.readTree(manifestFile.toFile()) : MissingNode.getInstance();
        Path examplesFile = out.resolve("examples.json");
        Examples examples = Files.exists(examplesFile) ? JSON.readValue(examplesFile.toFile(), Examples.class) : Examples.NONE;
        return new ReportInput(stats, manifest, examples);
    }

    /** Parses the three files' texts ({@code manifest} and {@code examples} may be null). */
    public static ReportInput parse(String stats, String manifest, String examples) throws IOException {
        return new ReportInput(JSON.readTree(stats), manifest == null ? MissingNode.getInstance() : JSON.readTree(manifest),
                examples == null ? Examples.NONE : JSON.readValue(examples, Examples.class));
    }
}
