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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a problem file in HumanEval layout ({@code task_id, prompt, canonical_solution, test, entry_point})
 * or MBPP layout ({@code task_id, text, code, test_list, test_setup_code}; the sanitized set's
 * {@code prompt, code, test_imports, test_list}), as JSON Lines (optionally gzip) or one JSON array.
 */
public final class ProblemSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemSet() {
    }

    /** The problems in file order, by task id. */
    public static Map<String, Problem> read(Path file) throws IOException {
        List<JsonNode> rows = rows(file);
        Map<String, Problem> out = new LinkedHashMap<>();
        int line = 0;
        for (JsonNode row : rows) {
            line++;
            Problem p = parse(row, file, line);
            if (out.putIfAbsent(p.taskId(), p) != null) {
                throw new IOException(file + ": task_id " + p.taskId() + " occurs twice");
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no problems");
        }
        return out;
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.mark(64);
            int first;
            do {
                first = r.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == '\uFEFF');
            r.reset();
            List<JsonNode> rows = new ArrayList<>();
            if (first == '[') {
                JSON.readTree(r).forEach(rows::add);
                return rows;
            }
            String l;
            while ((l = r.readLine()) != null) {
                if (!l.isBlank()) {
                    rows.add(JSON.readTree(l));
                }
            }
            return rows;
        }
    }

    static Problem parse(JsonNode row, Path file, int line) throws IOException {
        String id = row.path("task_id").asText("");
        if (id.isEmpty()) {
            throw new IOException(file + " row " + line + ": no task_id");
        }
        if (row.has("entry_point") && row.has("test") && row.has("prompt")) {
            String tests = row.get("test").asText() + "\n\ncheck(" + row.get("entry_point").asText() + ")";
            return new Problem(id, Problem.Layout.HUMANEVAL, row.get("prompt").asText(),
                    row.path("canonical_solution").asText(""), tests);
        }
        if (row.has("test_list") && row.has("code")) {
            List<String> asserts = strings(row.get("test_list"));
            if (row.has("test_imports")) {
                String imports = Problem.joinLines(strings(row.get("test_imports")));
                return new Problem(id, Problem.Layout.MBPP_SANITIZED, "", row.get("code").asText(),
                        imports + "\n" + Problem.joinLines(asserts));
            }
            String setup = row.path("test_setup_code").asText("");
            return new Problem(id, Problem.Layout.MBPP, "", row.get("code").asText(),
                    setup + "\n" + Problem.joinLines(asserts));
        }
        throw new IOException(file + " row " + line + " (task_id " + id + "): neither HumanEval layout (prompt, test, "
                + "entry_point) nor MBPP layout (code, test_list)");
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
