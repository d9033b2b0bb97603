package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.text.TextChars;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code tested} (file level, text): 1 when the file is a test (its path: a {@code test/},
 * {@code tests/}, {@code __tests__/} or {@code spec/} folder, {@code test_*.py}, {@code *_test.py},
 * {@code *_test.go}, {@code *Test.java}/{@code .kt}/{@code .cs}, {@code *.test.js}/{@code .spec.ts},
 * {@code *_spec.rb}, {@code *Test.php}) or contains one (JUnit {@code @Test}, {@code def test_},
 * {@code func TestX(}, {@code #[test]}, {@code unittest.TestCase}, xUnit {@code [Fact]},
 * Jest/Mocha {@code describe(}/{@code it(}/{@code test(}).
 *
 * <p>Repository level, when the {@code repo_tests} stage ran before ({@link RepoTestsStage}):
 * a non-test file covered by a test of its repository scores 1; one in a repository with tests
 * but none covering it scores {@code untested_score} (critique {@code untested}); one in a
 * repository without tests scores {@code non_test_score} (critique {@code no_tests}). Without
 * that stage a non-test file scores {@code non_test_score}, without critique.
 */
public final class TestedChecker implements Checker {
    private static final Pattern TEST_PATH = Pattern.compile(
            "(?:^|.*/)(?:tests?|__tests__|spec|testing)/.*|(?:^|.*/)test_[^/]*\\.py|.*_test\\.(?:py|go)|.*Tests?\\.(?:java|kt|cs|php)"
                    + "|.*\\.(?:test|spec)\\.[jt]sx?|.*_spec\\.rb");
    /** The test-code rule as one regex: the specification {@link #hasTestCode} implements with plain scans. */
    static final Pattern TEST_CODE = Pattern.compile(
            "@Test\\b|\\bdef test_\\w+|\\bfunc Test\\w*\\(|#\\[test\\]|unittest\\.TestCase|\\[(?:Fact|Test|TestMethod)\\]"
                    + "|(?m)^\\s*(?:describe|it|test)\\(\\s*['\"`]");

    @Override
    public String name() {
        return "tested";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("non_test_score", "untested_score");
    }

    @Override
    public Set<String> messages() {
        return Set.of("untested", "no_tests");
    }

    /** Whether a file is a test, by its path or its code (see the class comment). */
    public static boolean isTest(String path, String text) {
        return TEST_PATH.matcher(path).matches() || hasTestCode(text);
    }

    /**
     * Whether the first 1,000,000 chars hold test code: exactly {@link #TEST_CODE}{@code .find()}, by one
     * pass that stops only at the char each literal part of the rule holds once ({@code [ @ . _ (}) and
     * checks the literal around it there (the regex tries every alternative at every position: ≈ 15 MB/s;
     * eleven {@code indexOf} scans before this were fast only where C2 compiles {@code indexOf} to vector
     * code, not under C1, which the launcher uses for small runs).
     */
    static boolean hasTestCode(String full) {
        String t = full.length() > 1_000_000 ? full.substring(0, 1_000_000) : full;
        int n = t.length();
        char[] a = TextChars.of(full); // the array, not charAt per char (a call chain under C1)
        for (int k = 0; k < n; k++) {
            char c = a[k];
            if (c <= '_' && ANCHOR[c] && testCodeAt(t, k, c)) {
                return true;
            }
        }
        return false;
    }

    /** The chars {@link #hasTestCode} stops at: {@code [ @ . _ (}. */
    private static final boolean[] ANCHOR = new boolean['_' + 1];

    static {
        for (char c : new char[] {'[', '@', '.', '_', '('}) {
            ANCHOR[c] = true;
        }
    }

    /** Whether an alternative of {@link #TEST_CODE} matches with its anchor char {@code c} at {@code k}. */
    private static boolean testCodeAt(String t, int k, char c) {
        switch (c) {
            case '[':
                return t.startsWith("#[test]", k - 1) || t.startsWith("[Fact]", k) || t.startsWith("[Test]", k)
                        || t.startsWith("[TestMethod]", k);
            case '@':
                return t.startsWith("@Test", k) && !wordAt(t, k + 5);
            case '.':
                return t.startsWith("unittest.TestCase", k - 8);
            case '_':
                return t.startsWith("def test_", k - 8) && !wordAt(t, k - 9) && wordAt(t, k + 1);
            default:
                return testCallAt(t, k);
        }
    }

    /**
     * {@code \bfunc Test\w*\(} or {@code (?m)^\s*(?:describe|it|test)\(\s*['"`]} with its {@code (} at
     * {@code k}: the word run before {@code (} starts with {@code Test} right after {@code func }, or a call
     * name alone on its line before {@code (} and a quote after it.
     */
    private static boolean testCallAt(String t, int k) {
        int s = k;
        while (wordAt(t, s - 1)) {
            s--;
        }
        if (t.startsWith("Test", s) && t.startsWith("func ", s - 5) && !wordAt(t, s - 6)) {
            return true;
        }
        for (String call : CALLS) {
            int i = k - call.length();
            if (t.startsWith(call, i) && atLineStart(t, i) && quoteAfter(t, k + 1)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] CALLS = {"describe", "it", "test"};

    /** A regex word char ({@code \w}: ASCII letters, digits, underscore) at {@code i}; false outside the text. */
    private static boolean wordAt(String t, int i) {
        if (i < 0 || i >= t.length()) {
            return false;
        }
        char c = t.charAt(i);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code (?m)^\s*} right before {@code i}: only whitespace back to a line start (or the text start). */
    private static boolean atLineStart(String t, int i) {
        int j = i - 1;
        while (j >= 0 && isRegexSpace(t.charAt(j)) && t.charAt(j) != '\n' && t.charAt(j) != '\r') {
            j--;
        }
        if (j < 0) {
            return true;
        }
        char c = t.charAt(j);
        // a line terminator of (?m)^ (\n, \r, \u0085, \u2028, \u2029; \s matches only \n and \r of these)
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** {@code \s*['"`]} from {@code i}. */
    private static boolean quoteAfter(String t, int i) {
        int j = i;
        while (j < t.length() && isRegexSpace(t.charAt(j))) {
            j++;
        }
        return j < t.length() && (t.charAt(j) == '\'' || t.charAt(j) == '"' || t.charAt(j) == '`');
    }

    /** Java regex {@code \s}: {@code [ \t\n\x0B\f\r]}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        boolean path = TEST_PATH.matcher(f.path()).matches();
        boolean code = hasTestCode(f.text());
        String detail = "test_path=" + path + " test_code=" + code;
        if (path || code) {
            return new CheckResult(1.0, "text", detail, List.of());
        }
        if (f.repoHasTests() == null) {
            return new CheckResult(p.threshold("non_test_score", f.language()), "text", detail, List.of());
        }
        detail += " repo_has_tests=" + f.repoHasTests() + " tested_by=" + f.testedBy();
        if (f.testedBy() != null) {
            return new CheckResult(1.0, "repository", detail, List.of());
        }
        if (f.repoHasTests()) {
            return new CheckResult(p.threshold("untested_score", f.language()), "repository", detail,
                    List.of(new Critique(p.id(), 1, 1, p.message("untested", "file", f.fileName()))));
        }
        return new CheckResult(p.threshold("non_test_score", f.language()), "repository", detail,
                List.of(new Critique(p.id(), 1, 1, p.message("no_tests", "file", f.fileName()))));
    }
}
