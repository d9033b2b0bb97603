package dev.codemill.stages.analysis.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextShapeTest {

    @Test
    void linesFollowTheNumLinesDefinition() {
        assertThat(TextShape.measure("").numLines()).isZero();
        assertThat(TextShape.measure("abc").numLines()).isEqualTo(1);
        assertThat(TextShape.measure("abc\n").numLines()).isEqualTo(1);
        assertThat(TextShape.measure("abc\n\n").numLines()).isEqualTo(2);
        TextShape crlf = TextShape.measure("ab\r\ncdef\r\n");
        assertThat(crlf.numLines()).isEqualTo(2);
        assertThat(crlf.maxLineLength()).isEqualTo(4);
        assertThat(crlf.avgLineLength()).isEqualTo(3.0);
        assertThat(crlf.codePoints()).isEqualTo(10);
    }

    @Test
    void longLiteralIsMaskedShortOneIsNot() {
        String longMsg = "x".repeat(250);
        TextShape s = TextShape.measure("raise ValueError(\"" + longMsg + "\")\nshort = 'abc'\n");
        // line 1: 20 + 250 code points; 250 masked -> 20; line 2: 13
        assertThat(s.maxLineLength()).isEqualTo(270);
        assertThat(s.maskedAvgLineLength()).isEqualTo(16.5);
        assertThat(s.blobCodePoints()).isZero(); // plain text is not a blob
        // 199 code points stay in the line
        TextShape kept = TextShape.measure("m = \"" + "y".repeat(199) + "\"\n");
        assertThat(kept.maskedAvgLineLength()).isEqualTo(205.0);
    }

    @Test
    void unclosedApostropheIsAnOrdinaryCharacter() {
        String line = "// don't worry \"" + "z".repeat(210) + "\"";
        TextShape s = TextShape.measure(line);
        assertThat(s.maskedAvgLineLength()).isEqualTo(line.length() - 210);
    }

    @Test
    void base64RunsAndDataUrisAreBlobsHexHashesAreNot() {
        String b64 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789abcdefghijklmnopqrstuvwxyz+/";
        assertThat(b64.length()).isEqualTo(73);
        TextShape s = TextShape.measure("key: " + b64 + "==\n");
        assertThat(s.blobCodePoints()).isEqualTo(75);
        assertThat(s.maskedAvgLineLength()).isEqualTo(5.0);

        String sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(TextShape.measure("sha: " + sha256).blobCodePoints()).isZero();
        String path = "java/lang/invoke/methodhandles/lookup/findvirtual/implementation/details";
        assertThat(TextShape.measure(path).blobCodePoints()).isZero();

        String uri = "url(data:image/svg+xml;utf8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%3E)";
        TextShape css = TextShape.measure(uri);
        assertThat(css.blobCodePoints()).isEqualTo(uri.length() - "url()".length());
    }

    @Test
    void handWrittenLongLineIsNotMinified() {
        StringBuilder sb = new StringBuilder("function f(a, b) {\n");
        for (int i = 0; i < 20; i++) {
            sb.append("  const v").append(i).append(" = compute(a, b, ").append(i).append(");\n");
        }
        sb.append("  return [").append("value, ".repeat(60)).append("];\n}\n");
        TextShape s = TextShape.measure(sb.toString());
        assertThat(s.longLines()).isEqualTo(1);
        assertThat(s.looksMinified()).isFalse();
    }

    @Test
    void oneLineMinifiedCssIsMinified() {
        String css = ".a{color:red;margin:0}".repeat(20) + "\n";
        TextShape s = TextShape.measure(css);
        assertThat(s.longWhitespaceRatio()).isZero();
        assertThat(s.looksMinified()).isTrue();
        // a ruler of '=' has no identifiers: not minified (other rules handle it)
        assertThat(TextShape.measure("=".repeat(400)).looksMinified()).isFalse();
        // nor is one very long value: 3 tokens in 6000 code points
        TextShape value = TextShape.measure("k: " + "v".repeat(5997) + "\n");
        assertThat(value.longWhitespaceRatio()).isLessThan(0.05);
        assertThat(value.codePointsPerToken()).isEqualTo(2000.0);
        assertThat(value.looksMinified()).isFalse();
    }

    @Test
    void maskedFiguresWithSurrogatesBlankLongLinesAndCrlf() {
        // golden values of the per-line implementation this one replaced (main b1c632d)
        String text = "  img = \"data:image/png;base64," + "iVBORw0KGgo".repeat(8) + "\" # \ud83d\ude00\ud83d\ude00\n"
                + " ".repeat(70) + "\n" + "\t" + "\u00e9".repeat(20) + "\n"
                + "var s='" + "\ud83d\ude00".repeat(150) + "x".repeat(60) + "';" + "f(a,b);".repeat(60) + "\r\n";
        TextShape s = TextShape.measure(text);
        assertThat(s).isEqualTo(new TextShape(860, 4, 639, 855, 535, 110, 373, 3, 2, 465, 1, 429, 1, 426, 182, 184));
    }
}
