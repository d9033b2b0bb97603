package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe with a {@code mix} section is refused on Spark (the planner runs in the local runner only), before any work. */
class SparkMixRefusedTest {
    @Test
    void aMixtureRecipeIsAUsageErrorOnSpark(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.py"), "print('hello')\n");
        Files.writeString(dir.resolve("r.yaml"), """
                stages: [{type: decode}, {type: language}, {type: tokens}]
                mix: {total_tokens: 100, targets: {Python: 0.5}}
                """);
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[1]", in.toString(), "-o",
                dir.resolve("out").toString(), "-q", "--recipe", dir.resolve("r.yaml").toString())).isEqualTo(Main.USAGE);
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
