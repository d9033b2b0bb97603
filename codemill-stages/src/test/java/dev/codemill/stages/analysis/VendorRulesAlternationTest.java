package dev.codemill.stages.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules' alternation pre-filter gives the same first rule as trying every rule in file order. */
class VendorRulesAlternationTest {
    private static Optional<VendorRules.Rule> eachRule(VendorRules rules, String path) {
        for (VendorRules.Rule r : rules.rules()) {
            if (r.pattern().matcher(path).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static final String[] PARTS = {"src", "lib", "node_modules", "vendor", "Vendors", "third-party", "3rd_party",
        "external", "deps", "Pods", "site-packages", "jquery", "jquery-3.7.1", "jquery.ui", "bootstrap", "d3.v7", "react-dom",
        "angular", "min", "gradlew", "gradle", "wrapper", "mvnw", ".mvn", "configure", "config.guess", "cpplint", "waf",
        "packages", "Newtonsoft.Json.13", "0", "1", "x", "app", "MathJax", "CodeMirror", "5.2", "mode", "font-awesome",
        "select2", "tiny_mce", "plugins", "extjs", "é", "Chart", "ckeditor", "html5shiv", "cordova", "dojo"};
    private static final String[] EXTS = {"", ".js", ".css", ".min.js", ".py", ".m4", ".ps1", ".sh", ".scss", ".bat", ".cmd", ".less"};

    @Test
    void builtInRulesGiveTheFirstMatchingRuleOnRandomPaths() {
        VendorRules rules = VendorRules.builtIn();
        assertThat(VendorRules.alternation(rules.rules())).isNotNull();
        Random r = new Random(20261207L);
        int vendored = 0;
        for (int k = 0; k < 50_000; k++) {
            StringBuilder p = new StringBuilder(r.nextInt(6) == 0 ? "/" : "");
            int depth = 1 + r.nextInt(5);
            for (int d = 0; d < depth; d++) {
                p.append(d == 0 ? "" : r.nextInt(8) == 0 ? "-" : r.nextInt(8) == 0 ? "." : "/").append(PARTS[r.nextInt(PARTS.length)]);
            }
            p.append(EXTS[r.nextInt(EXTS.length)]);
            String path = p.toString();
            Optional<VendorRules.Rule> expected = eachRule(rules, path);
            assertThat(rules.find(path)).as(path).isEqualTo(expected);
            vendored += expected.isPresent() ? 1 : 0;
        }
        // both outcomes are exercised many times
        assertThat(vendored).isBetween(5_000, 45_000);
    }

    @Test
    void aRuleWithABackReferenceTurnsTheAlternationOff() {
        VendorRules.Rule plain = new VendorRules.Rule("a", "(^|/)a/", "test", Pattern.compile("(^|/)a/"));
        VendorRules.Rule back = new VendorRules.Rule("b", "(x)\\1", "test", Pattern.compile("(x)\\1"));
        VendorRules.Rule named = new VendorRules.Rule("c", "(?<n>y)\\k<n>", "test", Pattern.compile("(?<n>y)\\k<n>"));
        VendorRules.Rule escaped = new VendorRules.Rule("d", "\\\\1", "test", Pattern.compile("\\\\1"));
        assertThat(VendorRules.alternation(List.of(plain, back))).isNull();
        assertThat(VendorRules.alternation(List.of(named))).isNull();
        assertThat(VendorRules.alternation(List.of(plain, escaped)).pattern()).isEqualTo("(?:(^|/)a/)|(?:\\\\1)");
        assertThat(VendorRules.alternation(List.of())).isNull();
    }

    @Test
    void aGroupNameUsedByTwoRulesTurnsTheAlternationOff() {
        VendorRules.Rule one = new VendorRules.Rule("a", "(?<v>a)/", "test", Pattern.compile("(?<v>a)/"));
        VendorRules.Rule two = new VendorRules.Rule("b", "(?<v>b)/", "test", Pattern.compile("(?<v>b)/"));
        assertThat(VendorRules.alternation(List.of(one, two))).isNull();
    }
}
