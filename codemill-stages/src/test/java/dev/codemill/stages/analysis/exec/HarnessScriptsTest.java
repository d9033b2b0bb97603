package dev.codemill.stages.analysis.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three Python harnesses get the one hash-seed guard in place of their marker line. */
class HarnessScriptsTest {

    @Test
    void eachHarnessHoldsTheGuardOnceAndNoMarker() {
        assertThat(HarnessScripts.HASHSEED_GUARD).startsWith("import os as _os, sys as _sys\n")
                .contains("if _sys.flags.hash_randomization or _sys.flags.ignore_environment:")
                .contains("dict(_os.environ, PYTHONHASHSEED=\"0\"))\n");
        for (String r : List.of("/dev/codemill/stages/debug/unittest_driver.py",
                "/dev/codemill/stages/exec/doctest_harness.py", "/dev/codemill/stages/exec/call_harness.py")) {
            String text = HarnessScripts.load(r);
            assertThat(text).as(r).doesNotContain(HarnessScripts.GUARD_MARKER);
            assertThat(text.indexOf(HarnessScripts.HASHSEED_GUARD)).as(r).isPositive()
                    .isEqualTo(text.lastIndexOf(HarnessScripts.HASHSEED_GUARD));
            assertThat(text.indexOf("import os as _os, sys as _sys")).as(r)
                    .isEqualTo(text.indexOf(HarnessScripts.HASHSEED_GUARD));
        }
    }

    @Test
    void aScriptWithoutTheMarkerIsUnchanged() {
        String driver = HarnessScripts.load("/dev/codemill/stages/debug/pairs_driver.py");
        assertThat(driver).doesNotContain("hashseed_reexec");
    }
}
