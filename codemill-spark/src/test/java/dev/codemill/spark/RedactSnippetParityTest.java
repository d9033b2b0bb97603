package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the redact stage in the middle of the chain (before a group stage), a document that a later
 * stage removes gets its redacted snippet in examples.json on Spark as on the local runner: each
 * task's chain notes where redact runs in the whole plan ({@code TaskChain.note}), not only where
 * its own stages are (before: "no snippet: removed before the redact stage ran" on Spark).
 */
class RedactSnippetParityTest {
    static final String RECIPE = """
            seed: 5
            stages: [{type: decode}, {type: language}, {type: redact}, {type: repo_tests}, {type: basic_filters}]
            output: {formats: [jsonl]}
            """;

    @Test
    void sparkExamplesEqualLocalWithRedactBeforeAGroupStage(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("r/src"));
        Files.writeString(in.resolve("r/src/ok.py"), "def add(a, b):\n    return a + b\n");
        Files.writeString(in.resolve("r/src/ws.py"), " \n\t\n\n"); // dropped by basic_filters (empty), after redact
        Files.writeString(dir.resolve("r.yaml"), RECIPE);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String recipe = dir.resolve("r.yaml").toString();
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2", "--recipe", recipe)).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o", spark.toString(), "-q",
                "--recipe", recipe)).isZero();
        assertThat(Files.readString(spark.resolve("examples.json"))).isEqualTo(Files.readString(local.resolve("examples.json")));
    }
}
