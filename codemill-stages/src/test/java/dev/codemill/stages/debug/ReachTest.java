package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which code a script run reaches: module level, called functions (to a fixed point), anonymous functions. */
class ReachTest {
    static boolean runs(Reach r, String text, String snippet) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int start = new String(b, StandardCharsets.ISO_8859_1).indexOf(snippet);
        assertThat(start).as(snippet).isNotNegative();
        return r.runs(start, start + snippet.length());
    }

    @Test
    void pythonMainBlockAndWhatItCalls() {
        String py = """
                import sys

                def helper(x):
                    return x + 1

                def unused(y):
                    return y * 2

                class Box:
                    def __init__(self, v):
                        self.v = v
                    def never(self):
                        return self.v - 1

                def main():
                    b = Box(helper(1))
                    return sorted([3, 1], key=lambda k: k % 5)

                if __name__ == "__main__":
                    main()
                """;
        SyntaxTree t = Mutator.parse(py, "Python");
        Reach r = Reach.of(t, Lang.PYTHON);
        assertThat(runs(r, py, "import sys")).isTrue();
        assertThat(runs(r, py, "x + 1")).isTrue();
        assertThat(runs(r, py, "y * 2")).isFalse();
        assertThat(runs(r, py, "self.v = v")).isTrue();
        assertThat(runs(r, py, "self.v - 1")).isFalse();
        assertThat(runs(r, py, "k % 5")).isTrue();
    }

    @Test
    void pythonUnittestMainRunsTestMethods() {
        String py = """
                import unittest

                class T(unittest.TestCase):
                    def setUp(self):
                        self.n = 1
                    def test_one(self):
                        self.assertEqual(self.n, 1)
                    def check(self):
                        return 0

                if __name__ == "__main__":
                    unittest.main()
                """;
        Reach r = Reach.of(Mutator.parse(py, "Python"), Lang.PYTHON);
        assertThat(runs(r, py, "self.n = 1")).isTrue();
        assertThat(runs(r, py, "self.assertEqual(self.n, 1)")).isTrue();
        assertThat(runs(r, py, "return 0")).isFalse();
    }

    @Test
    void javascriptCallsCallbacksAndIife() {
        String js = """
                const fs = require('fs');
                function used(a) { return a + 1; }
                function unused(b) { return b * 2; }
                const obj = { run: function () { return 7; }, idle() { return 8; } };
                [1, 2].map((v) => v * 3);
                (function () { console.log(used(1) + obj.run()); })();
                """;
        Reach r = Reach.of(Mutator.parse(js, "JavaScript"), Lang.JAVASCRIPT);
        assertThat(runs(r, js, "a + 1")).isTrue();
        assertThat(runs(r, js, "b * 2")).isFalse();
        assertThat(runs(r, js, "return 7")).isTrue();
        assertThat(runs(r, js, "return 8")).isFalse();
        assertThat(runs(r, js, "v * 3")).isTrue();
        assertThat(runs(r, js, "console.log")).isTrue();
    }
}
