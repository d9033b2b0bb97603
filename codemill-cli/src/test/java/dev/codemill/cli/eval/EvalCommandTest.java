package dev.codemill.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void needsSandbox() {
        Optional<String> why = Sandbox.unavailableReason();
        if (why.isPresent()) {
            String msg = "sandbox unavailable, codemill eval test skipped: " + why.get();
            if (Boolean.getBoolean("codemill.requireSandbox")) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void scoresSeveralSamplesPerTaskWithPassAtK(@TempDir Path dir) throws Exception {
        Path problems = dir.resolve("problems.jsonl");
        Files.writeString(problems, """
                {"task_id": "T/0", "prompt": "def add(a, b):\\n", "canonical_solution": "    return a + b\\n", "test": "def check(f):\\n    assert f(2, 3) == 5\\n", "entry_point": "add"}
                {"task_id": "T/1", "prompt": "def neg(a):\\n", "canonical_solution": "    return -a\\n", "test": "def check(f):\\n    assert f(2) == -2\\n", "entry_point": "neg"}
                """);
        Path completions = dir.resolve("samples.jsonl");
        Files.writeString(completions, """
                {"task_id": "T/0", "completion": "    return a + b\\n"}
                {"task_id": "T/0", "completion": "    return a - b\\n"}
                {"task_id": "T/0", "completion": "    while True: pass\\n"}
                {"task_id": "T/1", "completion": "    return -a\\n"}
                {"task_id": "T/1", "completion": "    return a\\n"}
                {"task_id": "T/1", "completion": "    raise ValueError('nope')\\n"}
                """);
        Path out = dir.resolve("out");
        int rc = Main.execute("eval", "--problems", problems.toString(), "--completions", completions.toString(),
                "--out", out.toString(), "--k", "1,2,5", "--timeout", "3");
        assertThat(rc).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        // each task: n=3, c=1 -> pass@1 = 1/3, pass@2 = 1 - C(2,2)/C(3,2) = 2/3; k=5 > n is left out
        assertThat(summary.get("pass@1").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(summary.get("pass@2").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(summary.has("pass@5")).isFalse();
        assertThat(summary.get("samples").asInt()).isEqualTo(6);
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertThat(results).extracting(r -> r.get("task_id").asText() + "#" + r.get("completion_id").asInt() + " "
                + r.get("result").asText()).containsExactly(
                "T/0#0 passed", "T/0#1 failed: AssertionError", "T/0#2 timed out",
                "T/1#0 passed", "T/1#1 failed: AssertionError", "T/1#2 failed: ValueError: nope");
        assertThat(lines(out.resolve("problems.jsonl")).get(0).toString())
                .isEqualTo("{\"task_id\":\"T/0\",\"n\":3,\"c\":1,\"pass@1\":0.33333333333333326,\"pass@2\":0.6666666666666666}");
    }

    @Test
    void readsMbppLayoutAndRefusesAPartialSet(@TempDir Path dir) throws Exception {
        Path problems = dir.resolve("mbpp.jsonl");
        Files.writeString(problems, """
                {"task_id": 1, "text": "square", "code": "def sq(x):\\r\\n    return x * x", "test_list": ["assert sq(3) == 9", "assert sq(-2) == 4"], "test_setup_code": "", "challenge_test_list": []}
                {"task_id": 2, "text": "cube", "code": "import math\\ndef cube(x):\\n    return x ** 3", "test_list": ["assert cube(2) == 8"], "test_setup_code": "", "challenge_test_list": []}
                """);
        Path out = dir.resolve("out");
        assertThat(Main.execute("eval", "--problems", problems.toString(), "--canonical", "--out", out.toString())).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("pass@1").asDouble()).isEqualTo(1.0);
        Path one = dir.resolve("one.jsonl");
        Files.writeString(one, "{\"task_id\": 1, \"completion\": \"def sq(x):\\n    return x + x\"}\n");
        assertThat(Main.execute("eval", "--problems", problems.toString(), "--completions", one.toString(),
                "--out", dir.resolve("o2").toString())).isEqualTo(Main.USAGE);
        assertThat(Main.execute("eval", "--problems", problems.toString(), "--completions", one.toString(), "--partial",
                "--out", dir.resolve("o3").toString())).isZero();
        // sq(3) == 6: fails; task 2 has no sample and counts 0
        assertThat(JSON.readTree(dir.resolve("o3/summary.json").toFile()).get("pass@1").asDouble()).isEqualTo(0.0);
    }

    @Test
    @NeedsShared("benchmarks/HumanEval.jsonl.gz")
    void canonicalHumanEvalAllPassAndEmptyCompletionsAllFail(@TempDir Path dir) throws Exception {
        Path he = SharedData.path("benchmarks", "HumanEval.jsonl.gz");
        Path out = dir.resolve("canonical");
        assertThat(Main.execute("eval", "--problems", he.toString(), "--canonical", "--out", out.toString())).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("problems").asInt()).isEqualTo(164);
        assertThat(summary.get("passed_samples").asInt()).isEqualTo(164);
        assertThat(summary.get("pass@1").asDouble()).isEqualTo(1.0);
        Path empty = dir.resolve("empty");
        assertThat(Main.execute("eval", "--problems", he.toString(), "--empty", "--out", empty.toString())).isZero();
        JsonNode e = JSON.readTree(empty.resolve("summary.json").toFile());
        assertThat(e.get("passed_samples").asInt()).isZero();
        assertThat(e.get("pass@1").asDouble()).isEqualTo(0.0);
    }
}
