package dev.codemill.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the scores: {@code results.jsonl} (one line per sample, openai/human-eval's
 * {@code task_id, completion_id, completion, passed, result}), {@code problems.jsonl} (per problem
 * {@code n}, {@code c} and each pass@k) and {@code summary.json} (mean pass@k over problems, as
 * human-eval and bigcode-evaluation-harness report it).
 */
public final class EvalReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    /** pass@k by k, for the ks every problem has enough samples for (human-eval's rule). */
    private final Map<Integer, Double> passAtK = new LinkedHashMap<>();
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final List<Sample> samples;

    public EvalReport(Map<String, Problem> problems, List<Sample> samples, List<Integer> ks) {
        this.samples = samples;
        for (String id : problems.keySet()) {
            counts.put(id, new int[2]);
        }
        for (Sample s : samples) {
            int[] nc = counts.get(s.taskId());
            nc[0]++;
            if (s.passed()) {
                nc[1]++;
            }
        }
        // a problem without samples (--partial) scores 0 and does not limit k
        int minN = counts.values().stream().mapToInt(nc -> nc[0]).filter(n -> n > 0).min().orElse(0);
        for (int k : new TreeSet<>(ks)) {
            if (k <= minN) {
                passAtK.put(k, counts.values().stream().mapToDouble(nc -> nc[0] == 0 ? 0 : PassAtK.estimate(nc[0], nc[1], k))
                        .average().orElse(0));
            }
        }
    }

    public Map<Integer, Double> passAtK() {
        return passAtK;
    }

    /** Problems without a single sample (the run refuses to score a partial set unless asked). */
    public List<String> missing() {
        return counts.entrySet().stream().filter(e -> e.getValue()[0] == 0).map(Map.Entry::getKey).toList();
    }

    public long passedSamples() {
        return samples.stream().filter(Sample::passed).count();
    }

    public void write(Path dir, Map<String, Object> config) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (Sample s : samples) {
                ObjectNode o = LINE.createObjectNode();
                o.put("task_id", s.taskId()).put("completion_id", s.completionId()).put("completion", s.completion())
                        .put("passed", s.passed()).put("result", s.result());
                w.write(LINE.writeValueAsString(o));
                w.write('\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("problems.jsonl"), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                int n = e.getValue()[0];
                int c = e.getValue()[1];
                ObjectNode o = LINE.createObjectNode();
                o.put("task_id", e.getKey()).put("n", n).put("c", c);
                for (int k : passAtK.keySet()) {
                    o.put("pass@" + k, n == 0 ? 0 : PassAtK.estimate(n, c, k));
                }
                w.write(LINE.writeValueAsString(o));
                w.write('\n');
            }
        }
        ObjectNode sum = JSON.createObjectNode();
        passAtK.forEach((k, v) -> sum.put("pass@" + k, v));
        sum.put("problems", counts.size());
        sum.put("samples", samples.size());
        sum.put("passed_samples", passedSamples());
        sum.set("config", JSON.valueToTree(config));
        JSON.writeValue(dir.resolve("summary.json").toFile(), sum);
    }
}
