package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GitAttributesTest {
    private static GitAttributes attrs(String... pathAndText) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1]);
        }
        return GitAttributes.parse(m);
    }

    private static String show(Optional<GitAttributes.Decision> d) {
        return d.map(x -> x.value() + " " + x.attribute() + " @" + x.where()).orElse("unspecified");
    }

    @Test
    void linguistVendoredSetUnsetFalseAndLaterLinesWin() {
        GitAttributes a = attrs(".gitattributes", String.join("\n",
                "# vendored trees",
                "lib/** linguist-vendored",
                "lib/ours.js -linguist-vendored",
                "lib/keep.js linguist-vendored=false",
                "lib/yes.js linguist-vendored=true",
                "*.js linguist-vendored",       // line 6: later than line 3, so lib/ours.js is vendored again
                "src/own.js !linguist-vendored" // line 7: back to unspecified
        ));
        assertThat(show(a.vendored("lib/x/y.c"))).isEqualTo("true linguist-vendored @.gitattributes:2");
        assertThat(show(a.vendored("lib/ours.js"))).isEqualTo("true linguist-vendored @.gitattributes:6");
        assertThat(show(a.vendored("lib/keep.c"))).isEqualTo("true linguist-vendored @.gitattributes:2");
        assertThat(show(a.vendored("lib/yes.js"))).isEqualTo("true linguist-vendored @.gitattributes:6");
        assertThat(show(a.vendored("src/own.js"))).isEqualTo("unspecified");
        assertThat(show(a.vendored("src/main.c"))).isEqualTo("unspecified");
        GitAttributes b = attrs(".gitattributes", "lib/** linguist-vendored\nlib/keep.js linguist-vendored=false\nlib/ours.js -linguist-vendored\n");
        assertThat(show(b.vendored("lib/keep.js"))).isEqualTo("false linguist-vendored=false @.gitattributes:2");
        assertThat(show(b.vendored("lib/ours.js"))).isEqualTo("false -linguist-vendored @.gitattributes:3");
        assertThat(b.vendored("lib/ours.js").orElseThrow().evidence())
                .isEqualTo("gitattributes:-linguist-vendored (.gitattributes:3 lib/ours.js -linguist-vendored)");
    }

    @Test
    void nearestFileWinsAndNestedPatternsAreRelative() {
        GitAttributes a = attrs(
                ".gitattributes", "third/** linguist-vendored\n*.pb.go linguist-generated\n",
                "third/mine/.gitattributes", "* -linguist-vendored\n",
                "api/.gitattributes", "/gen.go linguist-generated\nold.pb.go -linguist-generated\n");
        assertThat(show(a.vendored("third/lib/x.c"))).isEqualTo("true linguist-vendored @.gitattributes:1");
        assertThat(show(a.vendored("third/mine/x.c"))).isEqualTo("false -linguist-vendored @third/mine/.gitattributes:1");
        assertThat(show(a.vendored("third/mine/deep/x.c"))).isEqualTo("false -linguist-vendored @third/mine/.gitattributes:1");
        // "/gen.go" in api/.gitattributes is anchored to api/
        assertThat(show(a.generated("api/gen.go"))).isEqualTo("true linguist-generated @api/.gitattributes:1");
        assertThat(show(a.generated("api/sub/gen.go"))).isEqualTo("unspecified");
        assertThat(show(a.generated("gen.go"))).isEqualTo("unspecified");
        // the root says generated, the nearer api/.gitattributes says not
        assertThat(show(a.generated("x/new.pb.go"))).isEqualTo("true linguist-generated @.gitattributes:2");
        assertThat(show(a.generated("api/old.pb.go"))).isEqualTo("false -linguist-generated @api/.gitattributes:2");
        // a file's own folder name is no prefix match: "thirdparty/" is not below "third/"
        assertThat(show(a.vendored("thirdparty/x.c"))).isEqualTo("unspecified");
    }

    @Test
    void directoryPatternsDoNotReachFilesAsInGit() {
        GitAttributes a = attrs(".gitattributes", "vendor/ linguist-vendored\nassets/* linguist-vendored\n");
        assertThat(show(a.vendored("vendor/x.go"))).isEqualTo("unspecified");
        assertThat(show(a.vendored("assets/app.js"))).isEqualTo("true linguist-vendored @.gitattributes:2");
        assertThat(show(a.vendored("assets/js/app.js"))).isEqualTo("unspecified");
    }

    @Test
    void minusDiffAndBinaryMacroCountAsGeneratedUnlessLinguistSaysOtherwise() {
        GitAttributes a = attrs(".gitattributes", String.join("\n",
                "[attr]generated-code linguist-generated -diff",
                "*.lock -diff",
                "*.pbxproj binary",
                "schema.sql diff=sql",
                "api/*.go generated-code",
                "api/hand.go -linguist-generated",
                "web/bundle.js -diff -linguist-generated"));
        assertThat(show(a.generated("Cargo.lock"))).isEqualTo("true -diff @.gitattributes:2");
        assertThat(show(a.generated("App.xcodeproj/project.pbxproj"))).isEqualTo("true -diff (from binary) @.gitattributes:3");
        assertThat(show(a.generated("schema.sql"))).isEqualTo("unspecified");
        assertThat(show(a.generated("api/x.go"))).isEqualTo("true linguist-generated (from generated-code) @.gitattributes:5");
        assertThat(show(a.generated("api/hand.go"))).isEqualTo("false -linguist-generated @.gitattributes:6");
        assertThat(show(a.generated("web/bundle.js"))).isEqualTo("false -linguist-generated @.gitattributes:7");
        // macros are read from the root file only, as git does
        GitAttributes nested = attrs("sub/.gitattributes", "[attr]gen linguist-generated\n*.c gen\n");
        assertThat(show(nested.generated("sub/a.c"))).isEqualTo("unspecified");
    }

    @Test
    void noFilesNoDecisions() {
        assertThat(GitAttributes.parse(Map.of())).isSameAs(GitAttributes.NONE);
        assertThat(show(GitAttributes.NONE.vendored("vendor/a.go"))).isEqualTo("unspecified");
        assertThat(show(attrs(".gitattributes", "# only comments\n\n  \n* text=auto eol=lf\n").generated("a.c"))).isEqualTo("unspecified");
    }

    @Test
    void malformedAndNegatedPatternsAreIgnoredNotFatal() {
        GitAttributes a = attrs(".gitattributes", "[abc linguist-vendored\n!neg linguist-vendored\n*.[ch] linguist-vendored\n");
        assertThat(show(a.vendored("abc"))).isEqualTo("unspecified");
        assertThat(show(a.vendored("neg"))).isEqualTo("unspecified"); // git refuses negative patterns in attributes
        assertThat(show(a.vendored("src/x.h"))).isEqualTo("true linguist-vendored @.gitattributes:3");
    }
}
