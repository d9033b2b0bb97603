package dev.codemill.stages.decont;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reads the real benchmark files of {@code ../shared/benchmarks} in place. */
class BenchmarkLoaderTest {
    static final Path BENCHMARKS = SharedData.path("benchmarks");

    @Test
    @NeedsShared("benchmarks")
    void readsEveryLayoutOfTheSharedFolder() {
        BenchmarkLoader.Loaded l = BenchmarkLoader.load(List.of(BENCHMARKS));
        // 164 HumanEval + 6 x 164 HumanEval-X + 974 MBPP + 399 MBPP+ + 427 sanitized MBPP (README.md is not read)
        assertThat(l.items()).isEqualTo(2948);
        assertThat(l.skipped()).isZero();
        assertThat(l.files()).extracting(p -> p.getFileName().toString()).containsExactly(
                "HumanEval.jsonl.gz", "humaneval_cpp.jsonl.gz", "humaneval_go.jsonl.gz", "humaneval_java.jsonl.gz",
                "humaneval_js.jsonl.gz", "humaneval_python.jsonl.gz", "humaneval_rust.jsonl.gz", "mbpp.jsonl",
                "mbppplus.json", "sanitized-mbpp.json");
        Map<String, Integer> perFile = new TreeMap<>();
        l.parts().forEach(p -> perFile.merge(p.benchmark() + ":" + p.role(), 1, Integer::sum));
        assertThat(perFile).containsEntry("HumanEval.jsonl.gz:solution", 164).containsEntry("HumanEval.jsonl.gz:prompt", 164)
                .containsEntry("HumanEval.jsonl.gz:test", 164).containsEntry("mbpp.jsonl:solution", 974)
                .containsEntry("mbpp.jsonl:test", 974).containsEntry("mbppplus.json:solution", 399)
                .containsEntry("sanitized-mbpp.json:prompt", 427);
        // + a program part (prompt + canonical_solution) for 164 HumanEval + 6 x 164 HumanEval-X + 399 MBPP+
        assertThat(perFile).containsEntry("HumanEval.jsonl.gz:program", 164).containsEntry("mbppplus.json:program", 399);
        assertThat(l.parts()).hasSize(8844 + 7 * 164 + 399);
    }

    @Test
    @NeedsShared("benchmarks")
    void itemIdsKeepTheBenchmarkSpellingOrGetTheFileStem() {
        BenchmarkLoader.Loaded l = BenchmarkLoader.load(List.of(BENCHMARKS.resolve("mbpp.jsonl"),
                BENCHMARKS.resolve("mbppplus.json"), BENCHMARKS.resolve("humaneval-x/humaneval_java.jsonl.gz")));
        assertThat(l.parts().get(0)).isEqualTo(new BenchmarkLoader.RawPart("mbpp.jsonl", "mbpp/1", "solution",
                "R = 3\r\nC = 3\r\ndef min_cost(cost, m, n): \r\n\ttc = [[0 for x in range(C)] for x in range(R)] \r\n"
                        + "\ttc[0][0] = cost[0][0] \r\n\tfor i in range(1, m+1): \r\n\t\ttc[i][0] = tc[i-1][0] + cost[i][0] \r\n"
                        + "\tfor j in range(1, n+1): \r\n\t\ttc[0][j] = tc[0][j-1] + cost[0][j] \r\n\tfor i in range(1, m+1): \r\n"
                        + "\t\tfor j in range(1, n+1): \r\n\t\t\ttc[i][j] = min(tc[i-1][j-1], tc[i-1][j], tc[i][j-1]) + cost[i][j] \r\n"
                        + "\treturn tc[m][n]"));
        assertThat(l.parts().get(2)).isEqualTo(new BenchmarkLoader.RawPart("mbpp.jsonl", "mbpp/1", "test",
                "assert min_cost([[1, 2, 3], [4, 8, 2], [1, 5, 3]], 2, 2) == 8\n"
                        + "assert min_cost([[2, 3, 4], [5, 9, 3], [2, 6, 4]], 2, 2) == 12\n"
                        + "assert min_cost([[3, 4, 5], [6, 10, 4], [3, 7, 5]], 2, 2) == 16\n"));
        assertThat(l.parts()).extracting(BenchmarkLoader.RawPart::itemId).contains("Mbpp/2", "Java/0");
        assertThat(l.items()).isEqualTo(974 + 399 + 164);
    }
}
