package dev.codemill.stages.license;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LicenseStageTest {
    static final Path C19 = SharedData.path("cases/C19_license_false_positive");
    static final Path NPM = Path.of("/usr/lib/node_modules/npm/node_modules");

    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of(repo + "/" + path), new SourceRef("", repo, path), text, Annotations.EMPTY);
    }

    private static List<Document> sorted(Document... docs) {
        List<Document> g = new ArrayList<>(List.of(docs));
        g.sort(Comparator.comparing(Document::id));
        return g;
    }

    private static List<Document> c19(String licenseFile, String licenseText) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String f : List.of("ptr_list.hpp", "registry.go", "slug.js")) {
            docs.add(doc("acme/c19", "src/" + f, Files.readString(C19.resolve(f))));
        }
        if (licenseFile != null) {
            docs.add(doc("acme/c19", licenseFile, licenseText));
        }
        return sorted(docs.toArray(Document[]::new));
    }

    private static Document byPath(List<Document> docs, String path) {
        return docs.stream().filter(d -> d.source().path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    @NeedsShared("cases/C19_license_false_positive")
    void c19WordsInCodeGiveNothingTheSpdxLineGivesMit() throws IOException {
        RecordingEmitter out = RecordingEmitter.create();
        new LicenseStage(LicenseTypes.ALL).processGroup("acme/c19", c19(null, null), out);
        assertThat(out.kept()).hasSize(3);
        Document hpp = byPath(out.kept(), "src/ptr_list.hpp");
        assertThat(hpp.get(Keys.DETECTED_LICENSES)).isEmpty();
        assertThat(hpp.get(Keys.LICENSE_TYPE)).isEqualTo("no_license");
        assertThat(hpp.get(Keys.LICENSE_EVIDENCE)).isEqualTo("none");
        Document go = byPath(out.kept(), "src/registry.go");
        assertThat(go.get(Keys.DETECTED_LICENSES)).isEmpty();
        assertThat(go.get(Keys.LICENSE_TYPE)).isEqualTo("no_license");
        Document js = byPath(out.kept(), "src/slug.js");
        assertThat(js.get(Keys.DETECTED_LICENSES)).containsExactly("MIT");
        assertThat(js.get(Keys.LICENSE_TYPE)).isEqualTo("permissive");
        assertThat(js.get(Keys.LICENSE_EVIDENCE)).isEqualTo("header:spdx MIT");
    }

    @Test
    @NeedsShared("cases/C19_license_false_positive")
    void c19InPermissiveRepoDroppingCopyleftKeepsPtrList() throws IOException {
        RecordingEmitter out = RecordingEmitter.create();
        String isc = Files.readString(NPM.resolve("semver/LICENSE"));
        new LicenseStage(List.of("permissive", "no_license", "unknown")).processGroup("acme/c19", c19("LICENSE", isc), out);
        assertThat(out.verdicts("drop")).isEmpty();
        assertThat(out.kept()).hasSize(4);
        Document hpp = byPath(out.kept(), "src/ptr_list.hpp");
        assertThat(hpp.get(Keys.DETECTED_LICENSES)).containsExactly("ISC");
        assertThat(hpp.get(Keys.LICENSE_TYPE)).isEqualTo("permissive");
        // every required bigram of the SPDX ISC text: the 4 the file lacks name "ISC" where the template has a variable ("THE AUTHOR")
        assertThat(hpp.get(Keys.LICENSE_EVIDENCE)).isEqualTo("file:LICENSE ISC 1.000");
        assertThat(byPath(out.kept(), "src/slug.js").get(Keys.DETECTED_LICENSES)).containsExactly("MIT");
    }

    @Test
    void copyleftRepoFilesDroppedUnlessHeaderOverrides() {
        RecordingEmitter out = RecordingEmitter.create();
        String gpl = SpdxLicenseList.get().byId("GPL-3.0-only").text();
        List<Document> group = sorted(doc("r", "COPYING", gpl), doc("r", "main.c", "int main(){}\n"),
                doc("r", "vendored.c", "/* SPDX-License-Identifier: BSD-2-Clause */\nint f;\n"),
                doc("r", "sub/LICENSE", SpdxLicenseList.get().byId("MIT").text()));
        new LicenseStage(List.of("permissive")).processGroup("r", group, out);
        // sub/ holds its own LICENSE (MIT): a nested licence root, so sub/LICENSE itself is MIT
        assertThat(out.kept()).extracting(d -> d.source().path()).containsExactly("sub/LICENSE", "vendored.c");
        assertThat(out.verdicts("drop")).hasSize(2).allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo("license_type");
            assertThat(v.value()).isEqualTo("copyleft");
            assertThat(v.limit()).isEqualTo("permissive");
            assertThat(v.detail()).isEqualTo("licence type copyleft (file:COPYING GPL-3.0-only 1.000) is not kept");
        });
    }

    @Test
    void aJarsMetaInfLicenceCountsAsARootLicenceFile() {
        // A sources jar read as an archive: the licence sits in META-INF/, not at the root.
        String apache = SpdxLicenseList.get().byId("Apache-2.0").text();
        RecordingEmitter out = RecordingEmitter.create();
        List<Document> group = sorted(doc("commons-x-1.0-sources", "META-INF/LICENSE.txt", apache),
                doc("commons-x-1.0-sources", "META-INF/NOTICE.txt", "Commons X\nCopyright 2001-2024 The Apache Software Foundation\n"),
                doc("commons-x-1.0-sources", "org/example/X.java", "package org.example;\nclass X {}\n"),
                doc("commons-x-1.0-sources", "META-INF/maven/org.example/x/LICENSE", SpdxLicenseList.get().byId("MIT").text()),
                doc("commons-x-1.0-sources", "src/META-INF/LICENSE", SpdxLicenseList.get().byId("GPL-3.0-only").text()));
        new LicenseStage(LicenseTypes.ALL).processGroup("commons-x-1.0-sources", group, out);
        assertThat(out.kept()).hasSize(5);
        for (String p : List.of("META-INF/LICENSE.txt", "META-INF/NOTICE.txt", "org/example/X.java")) {
            Document d = byPath(out.kept(), p);
            assertThat(d.get(Keys.DETECTED_LICENSES)).containsExactly("Apache-2.0");
            assertThat(d.get(Keys.LICENSE_EVIDENCE)).isEqualTo("file:META-INF/LICENSE.txt Apache-2.0 1.000");
        }
        // a licence file deeper down is its own folder's licence root, not the repository's
        assertThat(byPath(out.kept(), "META-INF/maven/org.example/x/LICENSE").get(Keys.LICENSE_EXPRESSION)).isEqualTo("MIT");
        assertThat(byPath(out.kept(), "src/META-INF/LICENSE").get(Keys.LICENSE_EXPRESSION)).isEqualTo("GPL-3.0-only");
        assertThat(LicenseStage.isMetaInfLicenseFile("META-INF/LICENSE")).isTrue();
        assertThat(LicenseStage.isMetaInfLicenseFile("META-INF/licenses/LICENSE")).isFalse();
        assertThat(LicenseStage.isMetaInfLicenseFile("META-INF/MANIFEST.MF")).isFalse();
        assertThat(LicenseStage.isMetaInfLicenseFile("lib/META-INF/LICENSE")).isFalse();
    }

    @Test
    void aShortReferenceNoticeInALicenceFileNamesItsLicence() {
        // FasterXML jars: META-INF/LICENSE is a notice pointing to the licence, not its text.
        String stax = "This copy of Stax2 API is licensed under the\n"
                + "Simplified BSD License (also known as \"2-clause BSD\", or \"FreeBSD License\")\n"
                + "See the License for details about distribution rights.\n\n"
                + "You may obtain a copy of the License at:\n\nhttp://www.opensource.org/licenses/bsd-license.php\n";
        String jackson = "This copy of Jackson JSON processor streaming parser/generator is licensed under the\n"
                + "Apache (Software) License, version 2.0 (\"the License\").\n\n"
                + "You may obtain a copy of the License at:\n\nhttps://www.apache.org/licenses/LICENSE-2.0\n";
        assertThat(LicenseStage.detect(List.of(doc("s", "META-INF/LICENSE", stax))))
                .isEqualTo(new LicenseStage.RepoLicense(List.of("BSD-2-Clause"), "permissive",
                        "file:META-INF/LICENSE BSD-2-Clause reference"));
        assertThat(LicenseStage.detect(List.of(doc("j", "META-INF/LICENSE", jackson), doc("j", "META-INF/NOTICE", jackson))))
                .isEqualTo(new LicenseStage.RepoLicense(List.of("Apache-2.0"), "permissive",
                        "file:META-INF/LICENSE Apache-2.0 reference"));
        // Not evidence: a NOTICE alone, two different licences, a long text, no licence URL.
        assertThat(LicenseStage.detect(List.of(doc("n", "NOTICE", jackson))).licenses()).isEmpty();
        assertThat(LicenseStage.detect(List.of(doc("t", "LICENSE",
                stax + "\nParts: https://www.apache.org/licenses/LICENSE-2.0\n"))).licenses()).isEmpty();
        assertThat(LicenseStage.detect(List.of(doc("l", "LICENSE", stax + "x ".repeat(1000)))).licenses()).isEmpty();
        assertThat(LicenseStage.detect(List.of(doc("u", "LICENSE", "Licensed under the terms at https://example.org/terms\n")))
                .licenses()).isEmpty();
    }

    @Test
    void metadataWhenNoLicenceFile() {
        RecordingEmitter out = RecordingEmitter.create();
        List<Document> group = sorted(doc("p", "package.json", "{\"name\":\"x\",\"license\":\"(MIT OR Apache-2.0)\"}"),
                doc("p", "index.js", "module.exports = 1;\n"), doc("p", "LICENSE", "See package.json.\n"));
        new LicenseStage(LicenseTypes.ALL).processGroup("p", group, out);
        assertThat(out.kept()).hasSize(3).allSatisfy(d -> {
            assertThat(d.get(Keys.DETECTED_LICENSES)).containsExactly("MIT", "Apache-2.0");
            assertThat(d.get(Keys.LICENSE_TYPE)).isEqualTo("permissive");
            assertThat(d.get(Keys.LICENSE_EXPRESSION)).isEqualTo("MIT OR Apache-2.0");
            assertThat(d.get(Keys.LICENSE_EVIDENCE)).isEqualTo("manifest:package.json MIT OR Apache-2.0");
        });
    }

    @Test
    void licenceFileNames() {
        for (String n : List.of("LICENSE", "license", "LICENCE.txt", "LICENSE-MIT", "LICENSE.md", "COPYING", "COPYING.LESSER",
                "NOTICE", "UNLICENSE", "copyright")) {
            assertThat(LicenseStage.isLicenseFile(n)).as(n).isTrue();
        }
        for (String n : List.of("licenses.py", "README.md", "notices.js", "gpl.h", "package.json")) {
            assertThat(LicenseStage.isLicenseFile(n)).as(n).isFalse();
        }
    }

    @Test
    void factoryReadsKeep() {
        assertThat(new LicenseStageFactory().create(Params.empty("license")).name()).isEqualTo("license");
        assertThat(dev.codemill.plan.StageRegistry.load().factories().get("license")).isInstanceOf(LicenseStageFactory.class);
        Params p = new Params("license", Map.of("keep", List.of("permissive", "gpl")), 0L);
        assertThatThrownBy(() -> new LicenseStageFactory().create(p)).isInstanceOf(RecipeException.class)
                .hasMessageContaining("unknown licence type 'gpl'");
    }
}
