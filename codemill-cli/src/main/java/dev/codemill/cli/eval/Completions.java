package dev.codemill.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The samples to score: a completions JSONL file ({@code task_id, completion}, one line per sample), the canonical solutions, or empty completions. */
public final class Completions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Completions() {
    }

    /** Reads {@code task_id, completion} lines; several lines per task give n &gt; 1. Unknown task ids are refused. */
    public static List<Sample> read(Path file, Map<String, Problem> problems) throws IOException {
        List<Sample> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String l;
            int line = 0;
            while ((l = r.readLine()) != null) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(l);
                String id = row.path("task_id").asText("");
                JsonNode completion = row.get("completion");
                if (id.isEmpty() || completion == null || !completion.isTextual()) {
                    throw new IOException(file + " line " + line + ": needs task_id and a text completion");
                }
                if (!problems.containsKey(id)) {
                    throw new IOException(file + " line " + line + ": task_id " + id + " is not in the problem set");
                }
                int k = seen.merge(id, 1, Integer::sum) - 1;
                out.add(Sample.pending(id, k, completion.asText()));
            }
        }
        return out;
    }

    /** One sample per problem: its canonical solution. */
    public static List<Sample> canonical(Map<String, Problem> problems) {
        return problems.values().stream().map(p -> Sample.pending(p.taskId(), 0, p.canonical())).toList();
    }

    /** One empty sample per problem (every one must fail: a check that the tests test something). */
    public static List<Sample> empty(Map<String, Problem> problems) {
        return problems.values().stream().map(p -> Sample.pending(p.taskId(), 0, "")).toList();
    }
}
