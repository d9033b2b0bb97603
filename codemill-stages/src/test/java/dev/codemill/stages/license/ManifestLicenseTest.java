package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One case or more per manifest kind; expected values are the canonical SPDX expression text. */
class ManifestLicenseTest {
    private static String expr(String file, String text) {
        SpdxExpression e = PackageMetadata.read(file, text).expression();
        return e == null ? null : e.text();
    }

    private static String note(String file, String text) {
        return PackageMetadata.read(file, text).note();
    }

    @Test
    void packageJson() {
        assertThat(expr("package.json", "{\"license\": \"(MIT OR Apache-2.0)\"}")).isEqualTo("MIT OR Apache-2.0");
        assertThat(expr("package.json", "{\"licenses\": [{\"type\": \"MIT\"}, {\"type\": \"GPL-2.0\"}]}")).isEqualTo("MIT OR GPL-2.0");
        assertThat(expr("package.json", "{\"license\": \"MIT/Apache-2.0\"}")).isEqualTo("MIT OR Apache-2.0");
        assertThat(note("package.json", "{\"license\": \"SEE LICENSE IN LICENSE.txt\"}")).isEqualTo("SEE LICENSE IN LICENSE.txt");
        assertThat(note("package.json", "{\"name\": \"x\"}")).isEqualTo("no licence field");
        assertThat(note("package.json", "{\"license\": \"Do What You Like\"}")).isEqualTo("license 'Do What You Like' not mapped");
    }

    @Test
    void composerJson() {
        assertThat(expr("composer.json", "{\"name\": \"a/b\", \"license\": \"MIT\"}")).isEqualTo("MIT");
        assertThat(expr("composer.json", "{\"license\": [\"LGPL-2.1-only\", \"GPL-3.0-or-later\"]}"))
                .isEqualTo("LGPL-2.1-only OR GPL-3.0-or-later");
        SpdxExpression prop = PackageMetadata.read("composer.json", "{\"license\": \"proprietary\"}").expression();
        assertThat(prop.text()).isEqualTo("LicenseRef-Proprietary");
        assertThat(prop.type()).isEqualTo("unknown");
    }

    @Test
    void cargoToml() {
        assertThat(expr("Cargo.toml", "[package]\nname = \"x\"\nversion = \"0.1.0\"\nlicense = \"MIT OR Apache-2.0\"\n"))
                .isEqualTo("MIT OR Apache-2.0");
        // the pre-2018 form: "/" meant a choice
        assertThat(expr("Cargo.toml", "[package]\nname = \"x\"\nlicense = \"MIT/Apache-2.0\"\n")).isEqualTo("MIT OR Apache-2.0");
        assertThat(note("Cargo.toml", "[package]\nname = \"x\"\nlicense-file = \"COPYING\"\n")).isEqualTo("license-file COPYING");
        assertThat(note("Cargo.toml", "[package]\nname = \"x\"\nlicense.workspace = true\n"))
                .isEqualTo("license.workspace = true (the workspace root's licence)");
        assertThat(expr("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n[workspace.package]\nlicense = \"Apache-2.0\"\n"))
                .isEqualTo("Apache-2.0");
        assertThat(note("Cargo.toml", "[package\nname=")).startsWith("unreadable (");
    }

    @Test
    void pyprojectToml() {
        assertThat(expr("pyproject.toml", "[project]\nname = \"x\"\nlicense = \"BSD-3-Clause\"\n")).isEqualTo("BSD-3-Clause");
        assertThat(expr("pyproject.toml", "[project]\nlicense = {text = \"Apache License 2.0\"}\n")).isEqualTo("Apache-2.0");
        assertThat(expr("pyproject.toml", "[project]\nlicense-expression = \"MIT AND (Apache-2.0 OR BSD-2-Clause)\"\n"))
                .isEqualTo("MIT AND (Apache-2.0 OR BSD-2-Clause)");
        assertThat(expr("pyproject.toml", """
                [project]
                name = "x"
                classifiers = [
                    "Programming Language :: Python :: 3",
                    "License :: OSI Approved :: Apache Software License",
                    "License :: OSI Approved :: BSD License",
                ]
                """)).isEqualTo("Apache-2.0 OR BSD-3-Clause");
        assertThat(expr("pyproject.toml", "[tool.poetry]\nname = \"x\"\nlicense = \"GPL-3.0-or-later\"\n")).isEqualTo("GPL-3.0-or-later");
        assertThat(note("pyproject.toml", "[project]\nlicense = {file = \"LICENSE.txt\"}\n")).isEqualTo("license file LICENSE.txt");
    }

    @Test
    void setupCfgAndSetupPy() {
        assertThat(expr("setup.cfg", "[metadata]\nname = x\nlicense = MIT\n")).isEqualTo("MIT");
        assertThat(expr("setup.cfg", "[metadata]\nname = x\nclassifiers =\n    License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n"
                + "    Programming Language :: Python\n[options]\n")).isEqualTo("GPL-3.0-only");
        assertThat(expr("setup.py", "from setuptools import setup\nsetup(\n    name='x',\n    license='Apache 2.0',\n)\n"))
                .isEqualTo("Apache-2.0");
        assertThat(expr("setup.py", "setup(name=\"x\", classifiers=[\"License :: OSI Approved :: MIT License\"])\n")).isEqualTo("MIT");
        assertThat(note("setup.py", "setup(name='x')\n")).isEqualTo("no licence keyword");
    }

    @Test
    void pomXml() {
        assertThat(expr("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><licenses>
                  <license><name>Apache License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license>
                </licenses></project>""")).isEqualTo("Apache-2.0");
        // several <license> elements: the user may choose (Maven POM reference)
        assertThat(expr("pom.xml", """
                <project><licenses>
                  <license><name>CDDL 1.1</name></license>
                  <license><name>unnamed</name><url>https://www.gnu.org/licenses/old-licenses/gpl-2.0.html</url></license>
                </licenses></project>""")).isEqualTo("CDDL-1.1 OR GPL-2.0-only");
        assertThat(note("pom.xml", "<project><name>MIT</name></project>")).isEqualTo("no licence field");
    }

    @Test
    void gemspec() {
        assertThat(expr("x.gemspec", "Gem::Specification.new do |spec|\n  spec.name = 'x'\n  spec.license = 'MIT'\nend\n")).isEqualTo("MIT");
        assertThat(expr("x.gemspec", "Gem::Specification.new do |s|\n  s.licenses = [\"Ruby\", \"BSD-2-Clause\"]\nend\n"))
                .isEqualTo("Ruby OR BSD-2-Clause");
        assertThat(expr("x.gemspec", "Gem::Specification.new do |s|\n  s.licenses = %w[MIT Apache-2.0]\nend\n"))
                .isEqualTo("MIT OR Apache-2.0");
    }

    @Test
    void nuspec() {
        assertThat(expr("Foo.nuspec", """
                <?xml version="1.0"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata>
                  <id>Foo</id><license type="expression">MIT OR Apache-2.0</license>
                </metadata></package>""")).isEqualTo("MIT OR Apache-2.0");
        assertThat(note("Foo.nuspec", "<package><metadata><license type=\"file\">LICENSE.txt</license></metadata></package>"))
                .isEqualTo("license file LICENSE.txt");
        assertThat(expr("Foo.nuspec", "<package><metadata><licenseUrl>https://opensource.org/licenses/MIT</licenseUrl></metadata></package>"))
                .isEqualTo("MIT");
    }

    @Test
    void goModHasNoLicenceField() {
        assertThat(PackageMetadata.isMetadataFile("go.mod")).isTrue();
        assertThat(PackageMetadata.read("go.mod", "module example.com/x\n\ngo 1.22\n"))
                .isEqualTo(new PackageMetadata.Declared(null, "go.mod has no licence field"));
    }

    @Test
    void shorthandsAndNames() {
        assertThat(LicenseNames.expression("MIT/Apache-2.0").text()).isEqualTo("MIT OR Apache-2.0");
        assertThat(LicenseNames.expression("Apache-2.0 / MIT").text()).isEqualTo("Apache-2.0 OR MIT");
        assertThat(LicenseNames.expression("MIT or Apache 2.0").text()).isEqualTo("MIT OR Apache-2.0");
        assertThat(LicenseNames.expression("MIT and Apache License 2.0").text()).isEqualTo("MIT AND Apache-2.0");
        assertThat(LicenseNames.expression("GPLv2+").text()).isEqualTo("GPL-2.0-or-later");
        assertThat(LicenseNames.expression("The Apache Software License, Version 2.0").text()).isEqualTo("Apache-2.0");
        assertThat(LicenseNames.expression("Eclipse Public License 2.0 (EPL-2.0)").text()).isEqualTo("EPL-2.0");
        assertThat(LicenseNames.expression("UNLICENSED").text()).isEqualTo("LicenseRef-UNLICENSED");
        assertThat(LicenseNames.expression("Unlicense").text()).isEqualTo("Unlicense");
        assertThat(LicenseNames.expression("some licence")).isNull();
        assertThat(LicenseNames.expression("MIT/Whatever")).isNull();
    }
}
