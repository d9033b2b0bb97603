package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading unittest's text report (as python3 3.11 printed it for a two-failure run, paths shortened). */
class ErrorTextTest {
    static final String RULE1 = "=".repeat(70);
    static final String RULE2 = "-".repeat(70);
    static final String REPORT = "EF.\n" + RULE1 + "\n"
            + "ERROR: test_error (__main__.T.test_error)\n" + RULE2 + "\n"
            + "Traceback (most recent call last):\n"
            + "  File \"test_m.py\", line 9, in test_error\n"
            + "    m.half(None)\n"
            + "  File \"m.py\", line 2, in half\n"
            + "    return x // 2\n"
            + "           ~~^^~~\n"
            + "TypeError: unsupported operand type(s) for //: 'NoneType' and 'int'\n\n" + RULE1 + "\n"
            + "FAIL: test_half (__main__.T.test_half)\n" + RULE2 + "\n"
            + "Traceback (most recent call last):\n"
            + "  File \"test_m.py\", line 6, in test_half\n"
            + "    self.assertEqual(m.half(4), 3)\n"
            + "AssertionError: 2 != 3\n\n" + RULE2 + "\n"
            + "Ran 3 tests in 0.008s\n\nFAILED (failures=1, errors=1)\n";

    @Test
    void firstUnittestFailureWithTheLineOfTheNamedFile() {
        ErrorText.Found f = ErrorText.unittestFailure(REPORT, "m.py");
        assertThat(f.message()).isEqualTo("ERROR: test_error (__main__.T.test_error)\n"
                + "Traceback (most recent call last):\n"
                + "  File \"test_m.py\", line 9, in test_error\n"
                + "    m.half(None)\n"
                + "  File \"m.py\", line 2, in half\n"
                + "    return x // 2\n"
                + "           ~~^^~~\n"
                + "TypeError: unsupported operand type(s) for //: 'NoneType' and 'int'");
        // test_m.py ends with "m.py" but is another file: only the frame of m.py itself counts
        assertThat(f.line()).isEqualTo(2);
        assertThat(ErrorText.unittestFailure(REPORT, "test_m.py").line()).isEqualTo(9);
        assertThat(ErrorText.unittestFailure(REPORT, "other.py").line()).isZero();
    }

    @Test
    void lastBlockEndsAtTheRuleBeforeRan() {
        String onlyFail = REPORT.substring(REPORT.indexOf(RULE1 + "\nFAIL"));
        ErrorText.Found f = ErrorText.unittestFailure(onlyFail, "test_m.py");
        assertThat(f.message()).isEqualTo("FAIL: test_half (__main__.T.test_half)\n"
                + "Traceback (most recent call last):\n"
                + "  File \"test_m.py\", line 6, in test_half\n"
                + "    self.assertEqual(m.half(4), 3)\n"
                + "AssertionError: 2 != 3");
        assertThat(f.line()).isEqualTo(6);
    }

    @Test
    void noFailureNoFinding() {
        assertThat(ErrorText.unittestFailure("...\n" + RULE2 + "\nRan 3 tests in 0.001s\n\nOK\n", "m.py")).isNull();
    }

    @Test
    void messagesThatDifferRunToRunAreNotReproducible() {
        assertThat(PythonJudge.reproducible("AssertionError: <object object at 0x7f3a2c1d9e40> != None")).isFalse();
        assertThat(PythonJudge.reproducible("FileNotFoundError: '/tmp/tmpab12cd34/x'")).isFalse();
        assertThat(PythonJudge.reproducible("AssertionError: 2 != 3")).isTrue();
    }
}
