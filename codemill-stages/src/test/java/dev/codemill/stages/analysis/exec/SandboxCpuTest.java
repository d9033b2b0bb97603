package dev.codemill.stages.analysis.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU time of a sandboxed process tree: the trailer the wrapper shell prints, and real runs. */
class SandboxCpuTest {

    @Test
    void readsTheTrailerAndGivesStderrBack() {
        CpuTimes.Split s = CpuTimes.split("boom\n" + CpuTimes.MARKER + "\n0m0.010000s 0m0.020000s\n1m2.500000s 0m0.250000s\n");
        assertThat(s.stderr()).isEqualTo("boom");
        assertThat(s.cpu()).isEqualTo(Duration.ofMillis(10 + 20 + 62_500 + 250));
        CpuTimes.Split nl = CpuTimes.split("line\n\n" + CpuTimes.MARKER + "\n0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n");
        assertThat(nl.stderr()).isEqualTo("line\n");
        assertThat(nl.cpu()).isEqualTo(Duration.ZERO);
    }

    @Test
    void noTrailerMeansUnknown() {
        CpuTimes.Split s = CpuTimes.split("Traceback ...\n" + CpuTimes.MARKER + "\n0m0.01s");
        assertThat(s.cpu()).isNull();
        assertThat(s.stderr()).isEqualTo("Traceback ...\n" + CpuTimes.MARKER + "\n0m0.01s");
    }

    @Test
    void countsTheProgramAndTheChildrenItWaitedFor() throws Exception {
        Sandbox sandbox = SandboxAssume.sandbox();
        String code = """
                import os, sys, time
                def spin(s):
                    t = time.process_time()
                    while time.process_time() - t < s:
                        pass
                pid = os.fork()
                if pid == 0:
                    spin(0.6)
                    os._exit(0)
                spin(0.4)
                os.waitpid(pid, 0)
                sys.stderr.write("done")
                """;
        ExecResult r = sandbox.run(List.of("python3", "-c", code), Map.of());
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.stderr()).isEqualTo("done");
        assertThat(r.cpuSeconds()).as(r.toString()).isBetween(1.0, 3.0);
    }

    @Test
    void aKilledRunReportsWhatItHadUsed() throws Exception {
        Sandbox sandbox = SandboxAssume.sandbox();
        ExecResult r = sandbox.run(List.of("python3", "-c", "while True: pass"), Map.of(), List.of(), "",
                SandboxLimits.defaults().withCpu(Duration.ofSeconds(30)).withWall(Duration.ofSeconds(2)));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.cpuSeconds()).as(r.toString()).isGreaterThan(0.1);
    }
}
