package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpdxExpressionTest {
    private static SpdxExpression p(String s) {
        return SpdxExpression.parse(s);
    }

    @Test
    void orTakesTheLeastStrictAlternative() {
        assertThat(p("(MIT OR GPL-3.0-or-later)").type()).isEqualTo("permissive");
        assertThat(p("GPL-3.0-or-later OR MIT").type()).isEqualTo("permissive");
        assertThat(p("GPL-2.0-only OR LGPL-2.1-only").type()).isEqualTo("copyleft");
        assertThat(p("GPL-2.0-only OR LicenseRef-Proprietary").type()).isEqualTo("unknown");
        assertThat(p("MIT OR LicenseRef-Proprietary").type()).isEqualTo("permissive");
    }

    @Test
    void andTakesTheStrictestPart() {
        assertThat(p("MIT AND Apache-2.0").type()).isEqualTo("permissive");
        assertThat(p("MIT AND GPL-3.0-only").type()).isEqualTo("copyleft");
        assertThat(p("MIT AND LicenseRef-Proprietary").type()).isEqualTo("unknown");
        assertThat(p("LicenseRef-Proprietary AND GPL-2.0-only").type()).isEqualTo("copyleft");
    }

    @Test
    void precedenceIsWithThenAndThenOr() {
        // a AND b OR c = (a AND b) OR c: the choice of MIT alone stays open
        SpdxExpression e = p("GPL-2.0-only AND LGPL-2.1-only OR MIT");
        assertThat(e.type()).isEqualTo("permissive");
        assertThat(e.text()).isEqualTo("GPL-2.0-only AND LGPL-2.1-only OR MIT");
        assertThat(e.root()).isEqualTo(new SpdxExpression.Op(false, List.of(
                new SpdxExpression.Op(true, List.of(new SpdxExpression.Leaf("GPL-2.0-only", false, null),
                        new SpdxExpression.Leaf("LGPL-2.1-only", false, null))),
                new SpdxExpression.Leaf("MIT", false, null))));
        // a AND (b OR c): GPL is required whatever is chosen
        SpdxExpression f = p("gpl-2.0-only and (lgpl-2.1-only or mit)");
        assertThat(f.type()).isEqualTo("copyleft");
        assertThat(f.text()).isEqualTo("GPL-2.0-only AND (LGPL-2.1-only OR MIT)");
        // WITH binds tighter than AND and OR, and is kept in the recorded expression
        SpdxExpression w = p("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT");
        assertThat(w.licenses()).containsExactly("GPL-2.0-only WITH Classpath-exception-2.0", "MIT");
        assertThat(w.text()).isEqualTo("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT");
        assertThat(w.type()).isEqualTo("permissive");
        assertThat(p("GPL-2.0-only WITH Classpath-exception-2.0").type()).isEqualTo("copyleft");
        // redundant parentheses collapse; nested same operators flatten
        assertThat(p("((MIT) AND (ISC AND Zlib))").text()).isEqualTo("MIT AND ISC AND Zlib");
    }

    @Test
    void plusLicenceRefsAndCase() {
        SpdxExpression plus = p("GPL-2.0+");
        assertThat(plus.licenses()).containsExactly("GPL-2.0+");
        assertThat(plus.type()).isEqualTo("copyleft");
        assertThat(p("LicenseRef-scancode-public-domain").type()).isEqualTo("unknown");
        assertThat(p("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2").licenses())
                .containsExactly("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
        assertThat(p("apache-2.0 or mit").text()).isEqualTo("Apache-2.0 OR MIT");
        assertThat(p("MIT OR LicenseRef-x").allKnown()).isTrue();
        assertThat(p("MIT OR Foo-1.0").allKnown()).isFalse();
    }

    @Test
    void malformedExpressionsGiveNull() {
        for (String bad : List.of("", "MIT OR", "(MIT", "MIT)", "AND MIT", "MIT WITH", "MIT / Apache-2.0", "MIT Apache-2.0",
                "GPL-2.0 WITH Classpath-exception-2.0+")) {
            assertThat(p(bad)).as(bad).isNull();
        }
    }

    @Test
    void combiningKeepsDistinctParts() {
        SpdxExpression or = SpdxExpression.or(List.of(p("MIT"), p("Apache-2.0"), p("MIT")));
        assertThat(or.text()).isEqualTo("MIT OR Apache-2.0");
        SpdxExpression and = SpdxExpression.and(List.of(or, p("GPL-3.0-only")));
        assertThat(and.text()).isEqualTo("(MIT OR Apache-2.0) AND GPL-3.0-only");
        assertThat(and.type()).isEqualTo("copyleft");
        assertThat(SpdxExpression.and(List.of())).isNull();
    }

    @Test
    void sameExpressionSameTypeFromEverySource() {
        String expr = "MIT OR GPL-3.0-or-later";
        SpdxExpression header = SpdxHeader.find("// SPDX-License-Identifier: " + expr + "\nint x;\n");
        SpdxExpression manifest = PackageMetadata.read("package.json", "{\"license\": \"(" + expr + ")\"}").expression();
        SpdxExpression cargo = PackageMetadata.read("Cargo.toml", "[package]\nname = \"x\"\nlicense = \"" + expr + "\"\n").expression();
        SpdxExpression readme = ReadmeLicense.find("# x\n\n## License\n\n" + expr + "\n");
        SpdxExpression licenceFile = LicenseRoots.licenceFile("LICENSE", "LICENSE", "SPDX-License-Identifier: " + expr + "\n")
                .get(0).expression();
        dev.codemill.model.Document d = dev.codemill.model.Document.ofText(dev.codemill.model.DocId.of("x"),
                new dev.codemill.model.SourceRef("", "r", "a.c"), "int x;\n",
                dev.codemill.model.Annotations.EMPTY.with(dev.codemill.model.Keys.DETECTED_LICENSES, List.of(expr)));
        SpdxExpression dump = DumpLicense.of(d).get(0).expression();
        for (SpdxExpression e : List.of(header, manifest, cargo, readme, licenceFile, dump)) {
            assertThat(e.text()).isEqualTo("MIT OR GPL-3.0-or-later");
            assertThat(e.type()).isEqualTo("permissive");
        }
    }
}
