package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The JVM options the {@code codemill} launcher picks (docs/performance.md, "JVM options as shipped"):
 * the Serial collector on machines with up to 4 CPUs, C1 only for a {@code run} over less than
 * {@code CODEMILL_C1_MAX_MB} MB of local input, neither when {@code CODEMILL_JAVA_OPTS} chooses its own.
 * {@code CODEMILL_PRINT_JVM=1} makes the launcher print its choice instead of starting Java.
 */
class LauncherJvmOptionsTest {
    private static final Path LAUNCHER = Path.of("..", "codemill").toAbsolutePath().normalize();
    private static final String SERIAL = cpus() <= 4 ? "-XX:+UseSerialGC" : "";

    @TempDir
    Path tmp;

    /**
     * The CPUs the launcher counts: {@code nproc} without {@code OMP_NUM_THREADS}, lowered to a cgroup
     * v2 CPU quota ({@code cpu.max}) as the JVM counts them.
     */
    private static int cpus() {
        try {
            ProcessBuilder pb = new ProcessBuilder("nproc");
            pb.environment().remove("OMP_NUM_THREADS");
            pb.environment().remove("OMP_THREAD_LIMIT");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            int n = Integer.parseInt(out);
            Path max = Path.of("/sys/fs/cgroup/cpu.max");
            if (Files.isReadable(max)) {
                String[] f = Files.readString(max).trim().split("\\s+");
                if (f.length == 2 && !f[0].equals("max") && Long.parseLong(f[1]) > 0) {
                    long quota = (Long.parseLong(f[0]) + Long.parseLong(f[1]) - 1) / Long.parseLong(f[1]);
                    if (quota >= 1 && quota < n) {
                        n = (int) quota;
                    }
                }
            }
            return n;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            throw new IllegalStateException("nproc", e);
        }
    }

    private String options(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("bash", LAUNCHER.toString()), Arrays.stream(args)).toList();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String v : List.of("CODEMILL_JAVA_OPTS", "CODEMILL_C1_MAX_MB", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "OMP_NUM_THREADS", "OMP_THREAD_LIMIT")) {
            pb.environment().remove(v);
        }
        pb.environment().put("CODEMILL_PRINT_JVM", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static String joined(String... parts) {
        return Arrays.stream(parts).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
    }

    private Path input(int bytes) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("a.py"), new byte[bytes]);
        return in;
    }

    @Test
    void aSmallLocalInputRunsOnC1Only() throws Exception {
        Path in = input(1_000);
        assertThat(options(Map.of(), "run", in.toString(), "-o", tmp.resolve("out").toString(), "--threads", "2", "-q"))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void inputsOverTheLimitKeepTheTieredJit() throws Exception {
        Path in = input(1_500_001);
        // the limit is in MB of 1,000,000 bytes: 1 MB < 1,500,001 bytes ≤ 2 MB
        assertThat(options(Map.of("CODEMILL_C1_MAX_MB", "1"), "run", in.toString(), "-o", "out")).isEqualTo(SERIAL);
        assertThat(options(Map.of("CODEMILL_C1_MAX_MB", "2"), "run", in.toString(), "-o", "out"))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    /** Past the limit awk stops reading and find dies of SIGPIPE: the launcher must go on, not exit 141. */
    @Test
    void aListingCutShortAtTheLimitIsNotAFailure() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 20_000; i++) {
            Files.write(in.resolve("f" + i + ".py"), new byte[] {'x'});
        }
        assertThat(options(Map.of("CODEMILL_C1_MAX_MB", "0"), "run", in.toString(), "-o", "out")).isEqualTo(SERIAL);
    }

    @Test
    void anEmptyInputFolderKeepsTheTieredJit() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("empty"));
        assertThat(options(Map.of(), "run", in.toString(), "-o", "out")).isEqualTo(SERIAL);
    }

    @Test
    void theOutputFolderAndOptionValuesAreNotCountedAsInput() throws Exception {
        Path in = input(10);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.write(out.resolve("big.bin"), new byte[1_500_001]);
        Files.write(tmp.resolve("recipe.yaml"), new byte[1_500_001]);
        assertThat(options(Map.of("CODEMILL_C1_MAX_MB", "1"), "run", "--recipe", tmp.resolve("recipe.yaml").toString(),
                in.toString(), "-o", out.toString(), "--overwrite"))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void noLocalInputOrAnotherCommandKeepsTheTieredJit() throws Exception {
        assertThat(options(Map.of(), "run", "hdfs://namenode/corpus", "-o", "out")).isEqualTo(SERIAL);
        assertThat(options(Map.of(), "run", "--recipe", "missing.yaml", "-o", "out")).isEqualTo(SERIAL);
        assertThat(options(Map.of(), "recipe")).isEqualTo(SERIAL);
    }

    @Test
    void codemillJavaOptsChoosingACollectorOrJitModeWins() throws Exception {
        Path in = input(10);
        assertThat(options(Map.of("CODEMILL_JAVA_OPTS", "-XX:+UseG1GC -Xmx2g"), "run", in.toString(), "-o", "out"))
                .isEqualTo("-XX:TieredStopAtLevel=1");
        assertThat(options(Map.of("CODEMILL_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "run", in.toString(), "-o", "out"))
                .isEqualTo(SERIAL);
        assertThat(options(Map.of("CODEMILL_JAVA_OPTS", "-Xmx2g"), "run", in.toString(), "-o", "out"))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    /** 400 MB of sparse files (no disk used): the listing is cut at the limit and the run still starts. */
    @Test
    void aLargeCorpusOfLargeFilesStillStarts() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 20_000; i++) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(in.resolve("f" + i + ".py").toFile(), "rw")) {
                f.setLength(20_000);
            }
        }
        assertThat(options(Map.of(), "run", in.toString(), "-o", tmp.resolve("out").toString())).isEqualTo(SERIAL);
    }

    /** find -L exits 1 on a symlink loop; the launcher counts what it listed and starts. */
    @Test
    void aSymlinkLoopInTheInputStillStarts() throws Exception {
        Path in = input(10);
        Files.createSymbolicLink(in.resolve("up"), Path.of(".."));
        assertThat(options(Map.of(), "run", in.toString(), "-o", tmp.resolve("out").toString()))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    /** A collector chosen in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS: a second one would stop the JVM's start. */
    @Test
    void aCollectorInTheJvmsOwnEnvironmentVariablesWins() throws Exception {
        Path in = input(10);
        for (String v : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            assertThat(options(Map.of(v, "-XX:+UseParallelGC"), "run", in.toString(), "-o", "out"))
                    .isEqualTo("-XX:TieredStopAtLevel=1");
        }
        // not a collector: the launcher still picks one
        assertThat(options(Map.of("CODEMILL_JAVA_OPTS", "-XX:+UseStringDeduplication -XX:+PrintGC"), "run",
                in.toString(), "-o", "out")).isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void ompNumThreadsDoesNotChangeTheCpuCount() throws Exception {
        Path in = input(10);
        assertThat(options(Map.of("OMP_NUM_THREADS", "1"), "run", in.toString(), "-o", "out"))
                .isEqualTo(options(Map.of(), "run", in.toString(), "-o", "out"));
    }

    @Test
    void aClusteredShortOutputOptionIsNotCountedAsInput() throws Exception {
        Path in = input(10);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.write(out.resolve("big.bin"), new byte[1_500_001]);
        assertThat(options(Map.of("CODEMILL_C1_MAX_MB", "1"), "run", in.toString(), "-qo", out.toString()))
                .isEqualTo(joined(SERIAL, "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void aLimitThatIsNotANumberIsRefused() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "run", input(10).toString(), "-o", "out")
                .redirectErrorStream(true);
        pb.environment().put("CODEMILL_PRINT_JVM", "1");
        pb.environment().put("CODEMILL_C1_MAX_MB", "abc");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).isEqualTo("codemill: CODEMILL_C1_MAX_MB must be a whole number of MB (it is 'abc')");
    }

    /** The launcher skips the value of every `run` option that takes one; its list must be picocli's. */
    @Test
    void theLaunchersValueOptionsAreExactlyTheRunCommandsOptionsWithAValue() throws IOException {
        String script = Files.readString(LAUNCHER);
        Matcher m = Pattern.compile("(?m)^\\s*(-o\\|--output[^)]*)\\)\\s*skip=1").matcher(script);
        assertThat(m.find()).as("the launcher's list of value options").isTrue();
        Set<String> launcher = new TreeSet<>(Arrays.asList(m.group(1).split("\\|")));
        Set<String> picocli = new TreeSet<>();
        for (OptionSpec o : new CommandLine(new RunCommand()).getCommandSpec().options()) {
            if (o.arity().max() > 0) {
                picocli.addAll(Arrays.asList(o.names()));
            }
        }
        assertThat(launcher).isEqualTo(picocli);
    }
}
