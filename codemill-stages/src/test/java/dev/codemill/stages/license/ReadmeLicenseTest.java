package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadmeLicenseTest {
    private static String find(String readme) {
        SpdxExpression e = ReadmeLicense.find(readme);
        return e == null ? null : e.text();
    }

    @Test
    void sectionsLinesAndSentences() {
        assertThat(find("# x\n\n## License\n\nThis project is licensed under the Apache License, Version 2.0.\n\n## Usage\n\nMIT\n"))
                .isEqualTo("Apache-2.0");
        assertThat(find("x\n=\n\nLicense\n-------\n\nCopyright 2020 A. BSD 3-Clause license; see LICENSE.\n")).isEqualTo("BSD-3-Clause");
        assertThat(find("## 📝 License\n\nThis project is [MIT](LICENSE) licensed.\n")).isEqualTo("MIT");
        assertThat(find("* Free software: BSD 2-Clause License\n")).isEqualTo("BSD-2-Clause");
        assertThat(find("**License:** GPL-3.0-or-later\n")).isEqualTo("GPL-3.0-or-later");
        assertThat(find("* License: MIT or Apache License 2.0, your choice\n")).isEqualTo("MIT OR Apache-2.0");
        assertThat(find("Distributed under the terms of the `MIT`_ license, pytest is free software.\n")).isEqualTo("MIT");
        assertThat(find("Sorted Containers is an Apache2 licensed library.\n")).isEqualTo("Apache-2.0");
        assertThat(find("## Licence\n\n[MIT-licensed](./LICENSE)\n")).isEqualTo("MIT");
        assertThat(find("# x\n\nSPDX-License-Identifier: MPL-2.0\n")).isEqualTo("MPL-2.0");
        // two licences, no choice stated: both apply
        assertThat(find("## License\n\nCode: MIT License. Fonts: SIL Open Font License 1.1 (OFL-1.1).\n")).isEqualTo("MIT AND OFL-1.1");
        assertThat(find("## License\n\nDual-licensed: MIT/Apache-2.0\n")).isEqualTo("MIT OR Apache-2.0");
    }

    @Test
    void wordsThatAreNotALicenceStatement() {
        assertThat(find("# x\n\nA tool to submit patches. Built with Vim, tested on Intel.\n")).isNull();
        assertThat(find("## License\n\nSee the LICENSE file.\n")).isNull();
        // code blocks are skipped
        assertThat(find("```\nlicense: MIT\n```\n")).isNull();
        assertThat(find("## Install\n\nRun `pip install x` (mit pip).\n")).isNull();
        assertThat(ReadmeLicense.isReadme("README.md")).isTrue();
        assertThat(ReadmeLicense.isReadme("readme.rst")).isTrue();
        assertThat(ReadmeLicense.isReadme("README.md.bak")).isFalse();
    }
}
