package dev.codemill.stages.license;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Licence texts from the SPDX data artifact and real LICENSE files of the npm install on this machine. */
class LicenseTextMatcherTest {
    static final Path NPM = Path.of("/usr/lib/node_modules/npm/node_modules");

    static String spdx(String id) {
        return SpdxLicenseList.get().byId(id).text();
    }

    static String npm(String rel) throws IOException {
        return Files.readString(NPM.resolve(rel));
    }

    @Test
    void licenceListIsComplete() {
        assertThat(SpdxLicenseList.get().version()).isEqualTo("3.28.0");
        assertThat(SpdxLicenseList.get().byId("mit").id()).isEqualTo("MIT");
        assertThat(SpdxLicenseList.get().byId("GPL-2.0").deprecated()).isTrue();
    }

    @Test
    void everyCommonSpdxTextMatchesItself() {
        for (String id : new String[] {"MIT", "MIT-0", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "MPL-2.0",
                "GPL-3.0-only", "AGPL-3.0-only", "LGPL-2.1-only", "EPL-2.0", "Unlicense", "Zlib", "BSL-1.0", "PSF-2.0"}) {
            LicenseTextMatcher.Match m = LicenseTextMatcher.get().match(spdx(id));
            assertThat(m).as(id).isNotNull();
            assertThat(m.similarity()).as(id).isEqualTo(1.0);
            assertThat(m.id()).as(id).isEqualTo(id);
        }
    }

    @Test
    void realNpmLicenceFiles() throws IOException {
        assertThat(LicenseTextMatcher.get().match(npm("semver/LICENSE")).id()).isEqualTo("ISC");
        assertThat(LicenseTextMatcher.get().match(npm("cidr-regex/LICENSE")).id()).isEqualTo("BSD-2-Clause");
        assertThat(LicenseTextMatcher.get().match(npm("diff/LICENSE")).id()).isEqualTo("BSD-3-Clause");
        assertThat(LicenseTextMatcher.get().match(npm("sigstore/LICENSE")).id()).isEqualTo("Apache-2.0");
        assertThat(LicenseTextMatcher.get().match(npm("glob/LICENSE.md")).id()).isEqualTo("BlueOak-1.0.0");
    }

    @Test
    void modifiedCopiesGiveTheSameId() throws IOException {
        String isc = npm("semver/LICENSE");
        String otherHolder = isc.replace("Isaac Z. Schlueter and Contributors", "2019-2024 ACME Corp. <legal@acme.example>");
        String reflowed = isc.replaceAll("\\s+", " ").toUpperCase();
        String mit = spdx("MIT").replace("<year> <copyright holders>", "2021 Jane Doe");
        // a removed clause of the grant is a small edit: still MIT
        String noWords = mit.replace("copy, modify, merge, publish, distribute, sublicense", "copy, modify, sublicense");
        // but MIT without its attribution condition is the text of MIT-0 (whose title is optional in
        // its SPDX template): the licence it grants is MIT-0's, so it is reported as MIT-0
        String noSentence = mit.replaceFirst("The above copyright notice and this permission notice shall be included\\s+in\\s+all\\s+copies\\s+or\\s+substantial\\s+portions\\s+of\\s+the\\s+Software\\.", "");
        String gpl = spdx("GPL-3.0-only");
        String gplNoSentence = gpl.replaceFirst("Developers that use the GNU GPL protect your rights with two steps:[^.]*\\.", "");
        assertThat(gplNoSentence).isNotEqualTo(gpl);
        assertThat(LicenseTextMatcher.get().match(gplNoSentence).id()).isEqualTo("GPL-3.0-only");
        assertThat(noSentence).isNotEqualTo(mit);
        String apache = spdx("Apache-2.0");
        String apacheNoAppendix = apache.substring(0, apache.indexOf("APPENDIX"));
        assertThat(LicenseTextMatcher.get().match(otherHolder).id()).isEqualTo("ISC");
        assertThat(LicenseTextMatcher.get().match(reflowed).id()).isEqualTo("ISC");
        assertThat(LicenseTextMatcher.get().match(mit).id()).isEqualTo("MIT");
        assertThat(LicenseTextMatcher.get().match(noWords).id()).isEqualTo("MIT");
        assertThat(LicenseTextMatcher.get().match(noSentence).id()).isEqualTo("MIT-0");
        LicenseTextMatcher.Match a = LicenseTextMatcher.get().match(apacheNoAppendix);
        assertThat(a.id()).isEqualTo("Apache-2.0");
        // the APPENDIX is optional in the SPDX template: all required bigrams are there
        assertThat(a.similarity()).isEqualTo(1.0);
    }

    /** Wraps each line at 70 columns with a 6-space indent, as licence files in jars are laid out. */
    static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int col = 0;
            for (String word : line.trim().split(" +")) {
                if (col > 0 && col + word.length() > 70) {
                    out.append('\n');
                    col = 0;
                }
                if (col == 0) {
                    out.append("      ");
                    col = 6;
                } else {
                    out.append(' ');
                    col++;
                }
                out.append(word);
                col += word.length();
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void apacheWrappedWithoutAppendixIsApacheNotPixar() {
        // byte-buddy's META-INF/LICENSE: the Apache-2.0 text wrapped at 70 columns, no APPENDIX. Was
        // Pixar (0.985): "(c) You must retain, ..." was cut as a copyright line from the one-line
        // SPDX paragraph but only its first line from the wrapped file, and the APPENDIX counted.
        String apache = spdx("Apache-2.0");
        String text = wrapped(apache.substring(0, apache.indexOf("APPENDIX")));
        assertThat(text.lines()).anyMatch(l -> l.startsWith("      (c) You must retain, in the Source form") && !l.endsWith("."));
        assertThat(LicenseTextMatcher.get().matchAll(text)).extracting(LicenseTextMatcher.Match::id).containsExactly("Apache-2.0");
        assertThat(LicenseTextMatcher.get().match(text).similarity()).isEqualTo(1.0);
        assertThat(LicenseTextMatcher.words("(c) You must retain it\n(C) 2018 ACME Corp.\n  (c) <year> <owner>\n"))
                .containsExactly("c", "you", "must", "retain", "it");
    }

    @Test
    void eclipseDistributionLicenceIsBsd3NotTheNoNuclearVariant() {
        // jakarta.activation-api's META-INF/LICENSE.md (EDL 1.0): BSD-3-Clause with dashes for
        // numbers and "COPYRIGHT OWNER", wording it shares with BSD-3-Clause-No-Nuclear-License-2014,
        // which was reported (188 bigrams found against 183) though its nuclear clause is missing.
        String edl = spdx("BSD-3-Clause")
                .replace("Copyright (c) <year> <owner>.", "Copyright (c) 2018 Oracle and/or its affiliates. All rights reserved.")
                .replace("1. Redistributions", "- Redistributions").replace("2. Redistributions", "- Redistributions")
                .replace("3. Neither the name of the copyright holder", "- Neither the name of the Eclipse Foundation, Inc.")
                .replace("COPYRIGHT HOLDER OR CONTRIBUTORS", "COPYRIGHT OWNER OR CONTRIBUTORS");
        assertThat(edl).contains("Eclipse Foundation, Inc.").contains("COPYRIGHT OWNER OR");
        assertThat(LicenseTextMatcher.get().matchAll(edl)).extracting(LicenseTextMatcher.Match::id).containsExactly("BSD-3-Clause");
    }

    @Test
    @NeedsShared("cases/C19_license_false_positive")
    void proseAndCodeDoNotMatch() throws IOException {
        Path c19 = SharedData.path("cases/C19_license_false_positive");
        assertThat(LicenseTextMatcher.get().match(Files.readString(c19.resolve("ptr_list.hpp")))).isNull();
        assertThat(LicenseTextMatcher.get().match(Files.readString(c19.resolve("registry.go")))).isNull();
        assertThat(LicenseTextMatcher.get().match("Licensed under the MIT license. See LICENSE.")).isNull();
        String half = spdx("GPL-3.0-only");
        assertThat(LicenseTextMatcher.get().match(half.substring(0, half.length() / 2))).isNull();
    }

    @Test
    void dualLicenceFileGivesBothAndSubsetsAreNotReported() throws IOException {
        assertThat(LicenseTextMatcher.get().matchAll(npm("abbrev/LICENSE")))
                .extracting(LicenseTextMatcher.Match::id).containsExactly("MIT", "ISC");
        assertThat(LicenseTextMatcher.get().matchAll(npm("diff/LICENSE")))
                .extracting(LicenseTextMatcher.Match::id).containsExactly("BSD-3-Clause");
        assertThat(LicenseTextMatcher.get().matchAll(spdx("GPL-3.0-only")))
                .extracting(LicenseTextMatcher.Match::id).containsExactly("GPL-3.0-only");
        assertThat(LicenseTextMatcher.get().matchAll(spdx("MIT")))
                .extracting(LicenseTextMatcher.Match::id).containsExactly("MIT");
        assertThat(LicenseTextMatcher.get().matchAll(spdx("MIT") + "\n\n" + spdx("Apache-2.0")))
                .extracting(LicenseTextMatcher.Match::id).containsExactly("Apache-2.0", "MIT");
    }
}
