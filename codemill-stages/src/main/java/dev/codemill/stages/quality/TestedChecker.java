package dev.codemill.stages.quality;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code tested} (file level, text): 1 when the file is a test (its path: a {@code test/},
 * {@code tests/}, {@code __tests__/} or {@code spec/} folder, {@code test_*.py}, {@code *_test.py},
 * {@code *_test.go}, {@code *Test.java}/{@code .kt}/{@code .cs}, {@code *.test.js}/{@code .spec.ts},
 * {@code *_spec.rb}, {@code *Test.php}) or contains one (JUnit {@code @Test}, {@code def test_},
 * {@code func TestX(}, {@code #[test]}, {@code unittest.TestCase}, xUnit {@code [Fact]},
 * Jest/Mocha {@code describe(}/{@code it(}/{@code test(}); otherwise {@code non_test_score}.
 * The repository-level half ("the repository has tests") needs a group stage and is not
 * computed yet; the default constitution therefore gives this principle weight 0.
 */
public final class TestedChecker implements Checker {
    private static final Pattern TEST_PATH = Pattern.compile(
            "(?:^|.*/)(?:tests?|__tests__|spec|testing)/.*|(?:^|.*/)test_[^/]*\\.py|.*_test\\.(?:py|go)|.*Tests?\\.(?:java|kt|cs|php)"
                    + "|.*\\.(?:test|spec)\\.[jt]sx?|.*_spec\\.rb");
    private static final Pattern TEST_CODE = Pattern.compile(
            "@Test\\b|\\bdef test_\\w+|\\bfunc Test\\w*\\(|#\\[test\\]|unittest\\.TestCase|\\[(?:Fact|Test|TestMethod)\\]"
                    + "|(?m)^\\s*(?:describe|it|test)\\(\\s*['\"`]");

    @Override
    public String name() {
        return "tested";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("non_test_score");
    }

    @Override
    public Set<String> messages() {
        return Set.of();
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        boolean path = TEST_PATH.matcher(f.path()).matches();
        String text = f.text();
        boolean code = TEST_CODE.matcher(text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text).find();
        double score = path || code ? 1.0 : p.threshold("non_test_score", f.language());
        return new CheckResult(score, "text", "test_path=" + path + " test_code=" + code, List.of());
    }
}
