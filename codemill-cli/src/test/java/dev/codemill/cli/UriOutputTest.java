package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URI given as {@code -o} or INPUT is refused with a usage error before anything is written
 * (issue 18: {@code -o hdfs://…} used to exit 0 after writing a local folder named {@code hdfs:}).
 */
class UriOutputTest {
    @Test
    void anHdfsOutputIsRefusedAndNoLocalFolderIsCreated(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a.py"), "print(1)\n");
        assertThat(Path.of("hdfs:")).doesNotExist();
        assertThat(Main.execute("run", in.toString(), "-o", "hdfs://namenode:8020/out", "-q")).isEqualTo(Main.USAGE);
        assertThat(Main.execute("run", in.toString(), "-o", "s3a://bucket/out", "-q", "--runner", "spark"))
                .isEqualTo(Main.USAGE);
        assertThat(Path.of("hdfs:")).doesNotExist();
        assertThat(Path.of("s3a:")).doesNotExist();
        assertThat(Main.execute("run", "hdfs://namenode:8020/in", "-o", tmp.resolve("out").toString(), "-q"))
                .isEqualTo(Main.USAGE);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void plainRelativeAndAbsolutePathsAreNotUris() {
        RunCommand.refuseUri(Path.of("out/hdfs:x"), "-o");
        RunCommand.refuseUri(Path.of("/data/s3a:/x"), "-o");
        RunCommand.refuseUri(Path.of("C:"), "-o");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.refuseUri(Path.of("gs://b/x"), "-o"))
                .hasMessageContaining("'gs:/b/x' looks like a URI (gs://…)");
    }
}
