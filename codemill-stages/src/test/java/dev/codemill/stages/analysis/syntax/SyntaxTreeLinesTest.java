package dev.codemill.stages.analysis.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line starts (one pass, grown as needed) and the line/column arithmetic on top of them. */
class SyntaxTreeLinesTest {
    static int[] starts(String s) {
        return SyntaxTree.lineStarts(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lineStartsOfEdgeTexts() {
        assertThat(starts("")).containsExactly(0);
        assertThat(starts("a")).containsExactly(0);
        assertThat(starts("\n")).containsExactly(0, 1);
        assertThat(starts("a\r\nb\n")).containsExactly(0, 3, 5);
        assertThat(starts("\u00e9\n\ud83d\ude00\nx")).containsExactly(0, 3, 8);
    }

    @Test
    void lineStartsPastTheFirstGuessOfTheArray() {
        // 40 one-byte lines: more lines than bytes / 32 (and than 16), so the array grows twice
        String s = "\n".repeat(40);
        int[] expected = new int[41];
        for (int i = 0; i <= 40; i++) {
            expected[i] = i;
        }
        assertThat(starts(s)).containsExactly(expected);
        // 3,200 bytes, 100 lines of 32 bytes: exactly the guess, no growth, no trailing slot
        int[] st = starts(("x".repeat(31) + "\n").repeat(100));
        assertThat(st).hasSize(101);
        assertThat(st[100]).isEqualTo(3200);
    }

    @Test
    void linesAndColumnsOfNodes() {
        SyntaxTree t = Parsers.parse("x = 1\n\u00e9 = 'a\u00e9b'\n", "Python", 1000).orElseThrow();
        assertThat(t.line(0)).isEqualTo(1);
        assertThat(t.line(6)).isEqualTo(2);
        assertThat(t.column(6)).isEqualTo(1);
        assertThat(t.column(8)).as("after é (2 bytes)").isEqualTo(2);
        assertThat(t.column(9)).as("after é and a space").isEqualTo(3);
        assertThat(t.endLine(0)).isEqualTo(2);
    }
}
