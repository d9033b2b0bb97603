package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --runner}: the CLI links no engine; without codemill-spark on the class path it says where to get it. */
class RunnerOptionTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void sparkWithoutTheSparkModuleIsAUsageErrorNamingTheApplicationJar(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.py"), "print('hello')\n");
        assertThat(Main.execute("run", "--runner", "spark", in.toString(), "-o", dir.resolve("out").toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("--runner spark needs the codemill-spark application jar")
                .contains("spark-submit --class dev.codemill.cli.Main");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownRunnerListsTheAvailableOnes(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        assertThat(Main.execute("run", "--runner", "flink", in.toString(), "-o", dir.resolve("out").toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("unknown runner 'flink'; available here: [local]");
    }

    @Test
    void masterNeedsTheSparkRunnerAndThreadsTheLocalOne(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String out = dir.resolve("out").toString();
        assertThat(Main.execute("run", "--master", "local[2]", in.toString(), "-o", out, "-q")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("--master needs --runner spark");
        assertThat(Main.execute("run", "--runner", "spark", "--threads", "2", in.toString(), "-o", out, "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("--threads is for the local runner");
    }
}
