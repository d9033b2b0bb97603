package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LicenseMetadataTest {
    @Test
    void packageJson() {
        assertThat(PackageMetadata.licenses("package.json", "{\"license\": \"ISC\"}")).containsExactly("ISC");
        assertThat(PackageMetadata.licenses("package.json", "{\"license\": {\"type\": \"MIT\"}}")).containsExactly("MIT");
        assertThat(PackageMetadata.licenses("package.json", "{\"licenses\": [{\"type\": \"Apache 2.0\"}, {\"type\": \"GPLv3\"}]}"))
                .containsExactly("Apache-2.0", "GPL-3.0-only");
        assertThat(PackageMetadata.licenses("package.json", "{\"license\": \"SEE LICENSE IN LICENSE.txt\"}")).isEmpty();
        // npm's UNLICENSED: "not licensed for use by others", a declaration (type unknown), not "no licence found"
        assertThat(PackageMetadata.licenses("package.json", "{\"license\": \"UNLICENSED\"}")).containsExactly("LicenseRef-UNLICENSED");
        assertThat(PackageMetadata.licenses("package.json", "not json")).isEmpty();
    }

    @Test
    void pomXml() {
        String pom = """
                <project><name>demo</name><url>https://example.org</url>
                  <licenses>
                    <license><name>The Apache Software License, Version 2.0</name>
                      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license>
                    <license><name>Custom</name><url>https://www.eclipse.org/legal/epl-2.0/</url></license>
                  </licenses></project>""";
        assertThat(PackageMetadata.licenses("pom.xml", pom)).containsExactly("Apache-2.0", "EPL-2.0");
        assertThat(PackageMetadata.licenses("pom.xml", "<project><name>MIT</name></project>")).isEmpty();
        // stax2-api 4.2.2: OSI's bsd-license.php is the 2-clause licence (was mapped to BSD-3-Clause)
        String stax2 = """
                <project><licenses><license><name>The BSD 2-Clause License</name>
                  <url>http://www.opensource.org/licenses/bsd-license.php</url></license></licenses></project>""";
        assertThat(PackageMetadata.licenses("pom.xml", stax2)).containsExactly("BSD-2-Clause");
        assertThat(PackageMetadata.licenses("pom.xml",
                "<project><licenses><license><url>http://www.opensource.org/licenses/bsd-license.php</url></license></licenses></project>"))
                .containsExactly("BSD-2-Clause");
    }

    @Test
    void pythonMetadata() {
        assertThat(PackageMetadata.licenses("setup.cfg", "[metadata]\nname = x\nlicense = BSD 3-Clause\n[options]\nlicense = MIT\n"))
                .containsExactly("BSD-3-Clause");
        assertThat(PackageMetadata.licenses("pyproject.toml", "[project]\nname = \"x\"\nlicense = \"MIT OR Apache-2.0\"\n"))
                .containsExactly("MIT", "Apache-2.0");
        assertThat(PackageMetadata.licenses("pyproject.toml", "[project]\nlicense = {text = \"Python Software Foundation License\"}\n"))
                .containsExactly("PSF-2.0");
        assertThat(PackageMetadata.licenses("pyproject.toml", "[project]\nlicense = {file = \"LICENSE\"}\n")).isEmpty();
    }
}
