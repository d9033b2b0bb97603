package dev.codemill.stages.quality;

import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.repo.RealCorpus;
import dev.codemill.stages.repo.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TestedChecker#hasTestCode} (plain scans) agrees with its regex specification {@link TestedChecker#TEST_CODE}. */
class TestCodeScanTest {
    private static boolean regex(String text) {
        return TestedChecker.TEST_CODE.matcher(text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text).find();
    }

    @Test
    void handPickedEdgesAgreeWithTheRegex() {
        List<String> texts = List.of("@Test void a()", "@Testing", "x@Test", "@Test", "def test_a():", "def test_():",
                "undef test_x", "func TestRun(t", "func Test(", "func TestRun x", "gofunc TestA(", "#[test]",
                "class T(unittest.TestCase):", "[Fact]", "[Test]", "[TestMethod]", "[Tests]",
                "describe('a')", "  it(\"b\")", "\n\t test(`c`)", "x it('a')", "it( 'a')", "it(\n'a')", "it(a)",
                "foo\r\n  describe('z')", "a\u2028it('q')", "a\u00a0it('q')", "edit('x')", "", "plain code\n");
        for (String t : texts) {
            assertThat(TestedChecker.hasTestCode(t)).as(t).isEqualTo(regex(t));
        }
        assertThat(TestedChecker.hasTestCode("  it('works')")).isTrue();
        assertThat(TestedChecker.hasTestCode("x it('works')")).isFalse();
    }

    /**
     * Texts glued from the rule's own fragments, so near misses of every alternative are frequent. No
     * non-ASCII letter: next to one, JDK 17's {@code \b} (Unicode letters are word chars) and the scan
     * (ASCII {@code \w} on both sides, as {@code \b} is from JDK 19 on, JDK-8264160) differ.
     */
    @Test
    void twentyThousandGluedTextsAgreeWithTheRegex() {
        String[] parts = {"@Test", "def test_", "func ", "Test", "(", ")", "it", "describe", "test", "[", "]", "#",
            ".", "unittest", "TestCase", "Fact", "Method", "_", " ", "\t", "\n", "\r", "'", "\"", "`", "a", "x9",
            "\u2028", "\u00a0"};
        java.util.Random random = new java.util.Random(20261207);
        int matches = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(parts[random.nextInt(parts.length)]);
            }
            String t = b.toString();
            boolean expected = regex(t);
            assertThat(TestedChecker.hasTestCode(t)).as(t).isEqualTo(expected);
            matches += expected ? 1 : 0;
        }
        assertThat(matches).isBetween(500, 19_500);
    }

    @Test
    @NeedsShared("tools/real-corpus.py")
    void everyFileOfTheSmallRealCorpusAgrees() throws Exception {
        int files = 0;
        int tests = 0;
        for (Map.Entry<String, List<SourceFile>> repo : RealCorpus.repositories(RealCorpus.small()).entrySet()) {
            for (SourceFile f : repo.getValue()) {
                boolean expected = regex(f.text());
                assertThat(TestedChecker.hasTestCode(f.text())).as(repo.getKey() + "/" + f.path()).isEqualTo(expected);
                files++;
                tests += expected ? 1 : 0;
            }
        }
        assertThat(files).isGreaterThan(500);
        assertThat(tests).isPositive();
    }
}
