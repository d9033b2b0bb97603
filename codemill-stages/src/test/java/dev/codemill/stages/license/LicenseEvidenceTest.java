package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.testkit.RecordingEmitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence beyond full licence texts, scopes, vendored code and dump reconciliation, through the stage. */
class LicenseEvidenceTest {
    private static final String MIT = SpdxLicenseList.get().byId("MIT").text();
    private static final String APACHE = SpdxLicenseList.get().byId("Apache-2.0").text();
    private static final String GPL3 = SpdxLicenseList.get().byId("GPL-3.0-only").text();

    private static Document doc(String path, String text) {
        return doc(path, text, Annotations.EMPTY);
    }

    private static Document doc(String path, String text, Annotations a) {
        return Document.ofText(DocId.of("r/" + path), new SourceRef("", "r", path), text, a);
    }

    private static Annotations vendor() {
        return Annotations.EMPTY.with(Keys.IS_VENDOR, true);
    }

    private static List<Document> run(Document... docs) {
        RecordingEmitter out = RecordingEmitter.create();
        new LicenseStage(LicenseTypes.ALL).processGroup("r", new ArrayList<>(List.of(docs)), out);
        assertThat(out.kept()).hasSize(docs.length);
        return out.kept();
    }

    private static Document at(List<Document> docs, String path) {
        return docs.stream().filter(d -> d.source().path().equals(path)).findFirst().orElseThrow();
    }

    private static void expect(Document d, String expression, String type, String evidence) {
        assertThat(d.get(Keys.LICENSE_EXPRESSION)).as(d.source().path() + " expression").isEqualTo(expression);
        assertThat(d.get(Keys.LICENSE_TYPE)).as(d.source().path() + " type").isEqualTo(type);
        assertThat(d.get(Keys.LICENSE_EVIDENCE)).as(d.source().path() + " evidence").isEqualTo(evidence);
    }

    @Test
    void licenceFileHoldingOnlyAnSpdxIdentifier() {
        List<Document> out = run(doc("LICENSE", "SPDX-License-Identifier: BSD-2-Clause\n"), doc("a.c", "int a;\n"));
        expect(at(out, "a.c"), "BSD-2-Clause", "permissive", "file:LICENSE BSD-2-Clause spdx_id");
    }

    @Test
    void licenceMitAndLicenceApachePairIsAChoice() {
        List<Document> out = run(doc("LICENSE-APACHE", APACHE), doc("LICENSE-MIT", MIT), doc("src/lib.rs", "fn f() {}\n"),
                doc("Cargo.toml", "[package]\nname = \"x\"\nlicense = \"MIT/Apache-2.0\"\n"));
        Document lib = at(out, "src/lib.rs");
        assertThat(lib.get(Keys.DETECTED_LICENSES)).containsExactly("Apache-2.0", "MIT");
        expect(lib, "Apache-2.0 OR MIT", "permissive", "file:LICENSE-APACHE+LICENSE-MIT Apache-2.0 OR MIT "
                + "(LICENSE-APACHE Apache-2.0 1.000, LICENSE-MIT MIT 1.000); manifest:Cargo.toml MIT OR Apache-2.0 [agrees]");
        // two licence files whose names do not carry their licence apply together
        List<Document> both = run(doc("LICENSE", MIT), doc("COPYING", GPL3), doc("a.c", "int a;\n"));
        expect(at(both, "a.c"), "GPL-3.0-only AND MIT", "copyleft",
                "file:COPYING+LICENSE GPL-3.0-only AND MIT (COPYING GPL-3.0-only 1.000, LICENSE MIT 1.000)");
    }

    @Test
    void readmeSectionWhenNothingElse() {
        String readme = "# tool\n\nDoes things.\n\n## License\n\nLicensed under either of\n\n"
                + " * Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE))\n * MIT license ([LICENSE-MIT](LICENSE-MIT))\n\n"
                + "at your option.\n\n## Contributing\n\nGPL-3.0-only code is not accepted.\n";
        List<Document> out = run(doc("README.md", readme), doc("main.go", "package main\n"), doc("go.mod", "module x\n\ngo 1.22\n"));
        expect(at(out, "main.go"), "Apache-2.0 OR MIT", "permissive",
                "readme:README.md Apache-2.0 OR MIT; manifest:go.mod (go.mod has no licence field)");
        // a licence file outranks the README; a README that disagrees is recorded
        List<Document> ranked = run(doc("README", "x\n\nLicense: ISC\n"), doc("LICENSE", MIT), doc("a.js", "1;\n"));
        expect(at(ranked, "a.js"), "MIT", "permissive", "file:LICENSE MIT 1.000; readme:README ISC [disagrees]");
    }

    @Test
    void goModAloneIsRecordedAsCarryingNoLicence() {
        List<Document> out = run(doc("go.mod", "module example.com/x\n\ngo 1.22\n"), doc("x.go", "package x\n"));
        expect(at(out, "x.go"), null, "no_license", "manifest:go.mod (go.mod has no licence field)");
        assertThat(at(out, "x.go").get(Keys.DETECTED_LICENSES)).isEmpty();
    }

    @Test
    void stricterDisagreeingSourceIsAndedIn() {
        List<Document> out = run(doc("LICENSE", MIT), doc("package.json", "{\"license\": \"GPL-3.0-only\"}"), doc("i.js", "1;\n"));
        expect(at(out, "i.js"), "MIT AND GPL-3.0-only", "copyleft",
                "file:LICENSE MIT 1.000; manifest:package.json GPL-3.0-only [disagrees, stricter]");
    }

    @Test
    void nestedLicenceRootsScopeTheirSubtree() {
        List<Document> out = run(doc("LICENSE", MIT), doc("src/a.js", "1;\n"),
                doc("third_party/zlib/LICENSE", SpdxLicenseList.get().byId("Zlib").text()), doc("third_party/zlib/inflate.c", "int i;\n"),
                doc("node_modules/left/package.json", "{\"name\": \"left\", \"license\": \"WTFPL\"}"),
                doc("node_modules/left/lib/index.js", "2;\n"),
                // a nested manifest without a licence does not make a root: the monorepo package inherits
                doc("packages/core/package.json", "{\"name\": \"core\"}"), doc("packages/core/i.js", "3;\n"));
        expect(at(out, "src/a.js"), "MIT", "permissive", "file:LICENSE MIT 1.000");
        expect(at(out, "third_party/zlib/inflate.c"), "Zlib", "permissive", "file:third_party/zlib/LICENSE Zlib 1.000");
        expect(at(out, "node_modules/left/lib/index.js"), "WTFPL", "permissive", "manifest:node_modules/left/package.json WTFPL");
        expect(at(out, "packages/core/i.js"), "MIT", "permissive", "file:LICENSE MIT 1.000");
    }

    @Test
    void vendoredCodeNeverInheritsTheHostLicence() {
        Annotations dump = vendor().with(Keys.GHA_LICENSE_ID, "MIT");
        List<Document> out = run(doc("LICENSE", MIT), doc("main.go", "package main\n"),
                doc("vendor/github.com/a/b/b.go", "package b\n", dump),
                doc("vendor/github.com/c/d/LICENSE", GPL3, vendor()), doc("vendor/github.com/c/d/d.go", "package d\n", vendor()),
                doc("vendor/github.com/e/f/f.go", "// SPDX-License-Identifier: BSD-3-Clause\npackage f\n", vendor()),
                // a non-vendored licence root inside the host does not license vendored code either
                doc("lib/LICENSE", APACHE), doc("lib/vendor/x.js", "1;\n", vendor()));
        expect(at(out, "main.go"), "MIT", "permissive", "file:LICENSE MIT 1.000");
        expect(at(out, "vendor/github.com/a/b/b.go"), null, "unknown",
                "vendored: no licence evidence in its own tree, the repository's licence is not inherited; "
                        + "dump:gha_license_id MIT [not applied: describes the host repository]");
        expect(at(out, "vendor/github.com/c/d/d.go"), "GPL-3.0-only", "copyleft", "file:vendor/github.com/c/d/LICENSE GPL-3.0-only 1.000");
        expect(at(out, "vendor/github.com/e/f/f.go"), "BSD-3-Clause", "permissive", "header:spdx BSD-3-Clause");
        expect(at(out, "lib/vendor/x.js"), null, "unknown",
                "vendored: no licence evidence in its own tree, the repository's licence is not inherited");
        // with a permissive policy the vendored file without evidence is dropped, the host's files kept
        RecordingEmitter strict = RecordingEmitter.create();
        new LicenseStage(List.of("permissive")).processGroup("r", new ArrayList<>(List.of(doc("LICENSE", MIT),
                doc("vendor/x/y.c", "int y;\n", vendor()))), strict);
        assertThat(strict.kept()).extracting(d -> d.source().path()).containsExactly("LICENSE");
        assertThat(strict.verdicts("drop")).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo("unknown"));
    }

    @Test
    void dumpLicencesAreKeptWhenTheRepositoryHasNoLicenceFile() {
        Annotations stack = Annotations.EMPTY.with(Keys.DETECTED_LICENSES, List.of("Apache-2.0"))
                .with(Keys.LICENSE_TYPE, "permissive").with(Keys.GHA_LICENSE_ID, "Apache-2.0");
        List<Document> out = run(doc("src/Main.java", "class Main {}\n", stack));
        Document d = out.get(0);
        assertThat(d.get(Keys.DETECTED_LICENSES)).containsExactly("Apache-2.0");
        expect(d, "Apache-2.0", "permissive",
                "dump:detected_licenses Apache-2.0; dump:gha_license_id Apache-2.0 [agrees]; dump:license_type permissive [agrees]");
        // only GitHub's id (NOASSERTION states nothing), only a type
        expect(run(doc("a.py", "x=1\n", Annotations.EMPTY.with(Keys.GHA_LICENSE_ID, "mit"))).get(0), "MIT", "permissive",
                "dump:gha_license_id MIT");
        expect(run(doc("a.py", "x=1\n", Annotations.EMPTY.with(Keys.GHA_LICENSE_ID, "NOASSERTION"))).get(0), null, "no_license", "none");
        expect(run(doc("a.py", "x=1\n", Annotations.EMPTY.with(Keys.LICENSE_TYPE, "copyleft"))).get(0), null, "copyleft",
                "dump:license_type copyleft");
        // an id ScanCode reports that the SPDX list lacks stays, typed unknown
        expect(run(doc("a.py", "x=1\n", Annotations.EMPTY.with(Keys.DETECTED_LICENSES, List.of("MIT", "LicenseRef-scancode-proprietary-license")))).get(0),
                "MIT AND LicenseRef-scancode-proprietary-license", "unknown", "dump:detected_licenses MIT AND LicenseRef-scancode-proprietary-license");
    }

    @Test
    void dumpIsReconciledWithWhatIsDetected() {
        Annotations gpl = Annotations.EMPTY.with(Keys.DETECTED_LICENSES, List.of("GPL-2.0-only")).with(Keys.LICENSE_TYPE, "copyleft");
        List<Document> out = run(doc("LICENSE", MIT), doc("a.c", "int a;\n", gpl));
        expect(at(out, "a.c"), "MIT AND GPL-2.0-only", "copyleft",
                "file:LICENSE MIT 1.000; dump:detected_licenses GPL-2.0-only [disagrees, stricter]; dump:license_type copyleft [disagrees, stricter]");
        Annotations mit = Annotations.EMPTY.with(Keys.DETECTED_LICENSES, List.of("MIT")).with(Keys.GHA_LICENSE_ID, "ISC");
        List<Document> agree = run(doc("LICENSE", MIT), doc("a.c", "int a;\n", mit));
        expect(at(agree, "a.c"), "MIT", "permissive",
                "file:LICENSE MIT 1.000; dump:detected_licenses MIT [agrees]; dump:gha_license_id ISC [disagrees]");
    }
}
