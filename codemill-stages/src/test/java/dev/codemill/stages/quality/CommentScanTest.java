package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code commented}'s scans ({@link CommentedChecker#withoutMarker}, {@link CommentedChecker#neutral}) equal their regex
 * rules, and {@link CommentedChecker#mayBeCode} holds wherever {@code CODE_LIKE} matches.
 */
class CommentScanTest {
    private static void check(String line, Matcher marker, Matcher neutral) {
        assertThat(CommentedChecker.withoutMarker(line)).as("marker of [" + line + "]")
                .isEqualTo(CommentedChecker.withoutFirst(marker, line));
        assertThat(CommentedChecker.neutral(line)).as("neutral [" + line + "]").isEqualTo(neutral.reset(line).matches());
        if (!line.isEmpty() && CODE.reset(line).matches()) {
            assertThat(CommentedChecker.mayBeCode(line)).as("code-like [" + line + "]").isTrue();
        }
    }

    private static final Matcher CODE = CommentedChecker.CODE_LIKE.matcher("");

    @Test
    void edgeCasesAgreeWithTheRegexRules() {
        Matcher marker = CommentedChecker.MARKER.matcher("");
        Matcher neutral = CommentedChecker.NEUTRAL.matcher("");
        String[] lines = {"", " ", "//", "// x = 1;", "///x", "/* a */", "/**", "/** doc", "*/", "**/ x", "* x", "*", "# x", "## x",
                "#", "-- x", "- x", "---x", "; x", ";;;", "% x", "%%x", "<!-- x -->", "<!- x", "/ x", "\t\u000b\f // x", "\u00a0// x",
                "//\tx", "//\u2003x", "# a\rb", "# a\u0085", "// a\u2028b", "#\u2029", "x // y", "plain", "\r// x", "//\r", "/\u0000",
                "<!--", "<!---x", "*/x", "**", "//x\n"};
        for (String l : lines) {
            check(l, marker, neutral);
        }
        assertThat(CommentedChecker.withoutMarker("   // return x;")).isEqualTo("return x;");
        assertThat(CommentedChecker.neutral("# # note")).isTrue();
        assertThat(CommentedChecker.neutral("# a\rb")).isFalse();
        String[] code = {"x = 1", "return", "else:", "foo(bar)", "}", "@Override", "case 1:", "&& y", "if (x) {", "a[i] += 2",
                "print(x)", "default :", "finally", ")];", "x =\u0085"};
        for (String c : code) {
            assertThat(CODE.reset(c).matches()).as(c).isTrue();
            check(c, marker, neutral);
        }
        assertThat(CommentedChecker.mayBeCode("This is prose, it ends with a full stop.")).isFalse();
        // "$" may match before a final line terminator, but a whole-input match must consume it
        assertThat(CODE.reset("return\u0085").matches()).isFalse();
    }

    @Test
    void randomLinesAgreeWithTheRegexRules() {
        Matcher marker = CommentedChecker.MARKER.matcher("");
        Matcher neutral = CommentedChecker.NEUTRAL.matcher("");
        char[] alphabet = {'/', '*', '#', '-', ';', '%', '<', '!', ' ', '\t', '\r', '\u000b', 'x', '=', '\u0085', '\u2028', '\u00a0',
            '(', ')', ':', '{', '}', '@', '.', '&', '|', '+', '?', ']', '[', 'e', 'r', 'i', 'f', '_', '1'};
        Random rnd = new Random(2026);
        for (int i = 0; i < 20_000; i++) {
            char[] c = new char[rnd.nextInt(8)];
            for (int k = 0; k < c.length; k++) {
                c[k] = alphabet[rnd.nextInt(alphabet.length)];
            }
            check(new String(c), marker, neutral);
            check(new String[] {"return", "else", "if", "case", "default", "x"}[rnd.nextInt(6)] + new String(c), marker, neutral);
        }
    }

    @Test
    void thisModulesSourceLinesAgreeWithTheRegexRules() throws IOException {
        Path src = Path.of("src/main/java/dev/codemill/stages");
        assertThat(src).as("run from the codemill-stages module folder").isDirectory();
        Matcher marker = CommentedChecker.MARKER.matcher("");
        Matcher neutral = CommentedChecker.NEUTRAL.matcher("");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        int lines = 0;
        for (Path f : files) {
            for (String l : Files.readAllLines(f)) {
                check(l, marker, neutral);
                check(CommentedChecker.withoutMarker(l).strip(), marker, neutral);
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(10_000);
    }
}
