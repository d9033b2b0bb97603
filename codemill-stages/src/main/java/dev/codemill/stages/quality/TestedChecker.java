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
    private static final Pattern TEST_CODE = Pattern.compile(
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
        return TEST_PATH.matcher(path).matches()
                || TEST_CODE.matcher(text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text).find();
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        boolean path = TEST_PATH.matcher(f.path()).matches();
        String text = f.text();
        boolean code = TEST_CODE.matcher(text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text).find();
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
