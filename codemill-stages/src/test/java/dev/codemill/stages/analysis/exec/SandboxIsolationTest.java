package dev.codemill.stages.analysis.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks issue 16 lists must fail safely inside the sandbox; the ordinary runs must work. */
class SandboxIsolationTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void open() throws Exception {
        sandbox = SandboxAssume.sandbox();
    }

    private static ExecResult py(String code, SandboxLimits limits) throws IOException {
        return sandbox.run(List.of("python3", "-c", code), Map.of(), List.of(), "", limits);
    }

    @Test
    void runsPythonWithFilesAndStdin() throws Exception {
        ExecResult r = sandbox.run(List.of("python3", "main.py"),
                Map.of("main.py", "import sys, helper\nprint(helper.twice(int(sys.stdin.read())))\n",
                        "helper.py", "def twice(x):\n    return 2 * x\n"),
                List.of(), "21", SandboxLimits.defaults());
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.stdout()).isEqualTo("42\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void reportsTheProgramsExitCodeAndStderr() throws Exception {
        ExecResult r = py("import sys\nsys.stderr.write('boom')\nsys.exit(3)", SandboxLimits.defaults());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).isEqualTo("boom");
        assertThat(r.ok()).isFalse();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.killed()).isFalse();
    }

    @Test
    void runsNode() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(HostTools.resolve("node").isPresent(), "node is not installed here");
        ExecResult r = sandbox.run(List.of("node", "-e", "console.log(6*7)"), Map.of());
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.stdout()).isEqualTo("42\n");
    }

    @Test
    void hasNoNetwork() throws Exception {
        ExecResult r = py("""
                import socket
                try:
                    socket.create_connection(('1.1.1.1', 80), timeout=3)
                    print('connected')
                except OSError as e:
                    print('refused', e.errno)
                print(sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]))
                """, SandboxLimits.defaults());
        assertThat(r.stdout()).isEqualTo("refused 101\n['lo']\n");
    }

    @Test
    void writesOnlyToTheTmpfs() throws Exception {
        ExecResult r = py("""
                import errno
                for p in ['/etc/x', '/usr/x', '/x', '/root/x', '/proc/x', '/dev/x', '/dev/shm/x', '/tmp/w/ok']:
                    try:
                        open(p, 'w').write('a')
                        print(p, 'written')
                    except OSError as e:
                        print(p, errno.errorcode[e.errno] if p.count('/') == 2 and p[1:4] in ('etc', 'usr') or p == '/x' else 'refused')
                """, SandboxLimits.defaults());
        assertThat(r.stdout()).isEqualTo("""
                /etc/x EROFS
                /usr/x EROFS
                /x EROFS
                /root/x refused
                /proc/x refused
                /dev/x refused
                /dev/shm/x refused
                /tmp/w/ok written
                """);
    }

    @Test
    void hidesTheHostsHomeAndTheRepository() throws Exception {
        Path home = Path.of(System.getProperty("user.home"));
        Path repoFile = Path.of("pom.xml").toAbsolutePath();
        assertThat(repoFile).exists();
        String homeFile;
        try (Stream<Path> s = Files.list(home)) {
            homeFile = s.filter(Files::isRegularFile).map(Path::toString).findFirst().orElse(home + "/.absent");
        }
        ExecResult r = py("import os\nfor p in ['" + homeFile + "', '" + repoFile + "']:\n    print(os.path.exists(p))\n"
                + "print(os.listdir('/'))", SandboxLimits.defaults());
        assertThat(r.stdout()).startsWith("False\nFalse\n");
        assertThat(r.stdout()).doesNotContain("'work'", "'home'", "'var'", "'opt'");
    }

    @Test
    void survivesAForkBomb() throws Exception {
        String marker = "forkbomb-" + UUID.randomUUID();
        SandboxLimits limits = SandboxLimits.defaults().withWall(Duration.ofSeconds(4)).withMaxProcesses(32);
        ExecResult r = sandbox.run(List.of("/bin/sh", "-c", "b() { b | b & }; b; sleep 100", marker),
                Map.of(), List.of(), "", limits);
        assertThat(r.ok()).isFalse();
        assertThat(r.timedOut()).isTrue();
        assertThat(r.killed()).isTrue();
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .count()).as("processes left after the kill").isZero();
        ExecResult py = py("""
                import os
                n = 0
                try:
                    while True:
                        if os.fork() == 0:
                            import time; time.sleep(5); os._exit(0)
                        n += 1
                except OSError as e:
                    print('stopped', n < 32, e.errno)
                """, limits.withWall(Duration.ofSeconds(20)));
        assertThat(py.stdout()).as(py.toString()).isEqualTo("stopped True 11\n");
    }

    @Test
    void survivesAMemoryBomb() throws Exception {
        ExecResult r = py("a = []\nwhile True:\n    a.append(bytearray(1 << 24))",
                SandboxLimits.defaults().withAddressSpaceBytes(512L << 20));
        assertThat(r.ok()).isFalse();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("MemoryError");
    }

    @Test
    void stopsAnInfiniteLoopOnCpuTimeAndASleeperOnWallTime() throws Exception {
        ExecResult spin = py("while True: pass", SandboxLimits.defaults().withCpu(Duration.ofSeconds(1))
                .withWall(Duration.ofSeconds(30)));
        assertThat(spin.timedOut()).isFalse();
        assertThat(spin.ok()).isFalse();
        assertThat(spin.exitCode()).as("SIGXCPU = 24").isEqualTo(128 + 24);
        assertThat(spin.wall()).isLessThan(Duration.ofSeconds(30));
        ExecResult sleeper = py("import time\ntime.sleep(100)", SandboxLimits.defaults().withWall(Duration.ofSeconds(1)));
        assertThat(sleeper.timedOut()).isTrue();
        assertThat(sleeper.killed()).isTrue();
        assertThat(sleeper.exitCode()).isEqualTo(-1);
        assertThat(sleeper.wall()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void capsHugeOutput() throws Exception {
        ExecResult r = py("while True: print('x' * 999)", SandboxLimits.defaults().withMaxOutputBytes(65536));
        assertThat(r.outputTruncated()).isTrue();
        assertThat(r.killed()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.stdout()).hasSize(65536);
    }

    @Test
    void stderrJustOverTheCapCountsAsStoppedAtTheCap() throws Exception {
        // 100 bytes over the cap fit in the room kept for the CPU trailer: the run ends on its own, but
        // its stderr was cut, so it must not look like a clean failure whose last line is the error
        ExecResult r = py("import sys\nsys.stderr.write('w' * 65636)\nsys.stderr.flush()\nraise ValueError('late')",
                SandboxLimits.defaults().withMaxOutputBytes(65536));
        assertThat(r.outputTruncated()).isTrue();
        assertThat(r.killed()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.stderr()).hasSize(65536).doesNotContain("late");
    }

    @Test
    void capsFileSize() throws Exception {
        ExecResult r = py("open('big', 'wb').write(b'x' * (4 << 20))",
                SandboxLimits.defaults().withMaxFileBytes(1 << 20));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("File too large");
    }

    @Test
    void bindsReadOnlyPaths(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "hello");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ExecResult r = sandbox.run(List.of("python3", "-c", "import sys\np = sys.argv[1]\nprint(open(p).read())\n"
                        + "try:\n    open(p, 'w')\nexcept OSError as e:\n    print(e.errno)", data.toString()),
                Map.of(), List.of(dir), "", SandboxLimits.defaults());
        assertThat(r.stdout()).isEqualTo("hello\n30\n");
    }

    @Test
    void refusesFileNamesOutsideTheWorkingFolder() {
        assertThatThrownBy(() -> sandbox.run(List.of("python3", "-c", "pass"), Map.of("../x", "")))
                .isInstanceOf(IOException.class).hasMessageContaining("inside the working folder");
    }
}
