package dev.codemill.stages.license;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpdxHeaderTest {
    @Test
    void findsTagInLineAndBlockComments() {
        SpdxExpression e = SpdxHeader.find("// SPDX-License-Identifier: MIT\n// Copyright (c) 2025\n");
        assertThat(e.licenses()).containsExactly("MIT");
        assertThat(e.type()).isEqualTo("permissive");
        assertThat(SpdxHeader.find("/* SPDX-License-Identifier: GPL-2.0 */\nint x;").licenses()).containsExactly("GPL-2.0");
        assertThat(SpdxHeader.find("#!/bin/sh\n# SPDX-License-Identifier: apache-2.0\n").licenses()).containsExactly("Apache-2.0");
        assertThat(SpdxHeader.find("<!-- SPDX-License-Identifier: CC0-1.0 -->\n").licenses()).containsExactly("CC0-1.0");
        assertThat(SpdxHeader.find(" * SPDX-License-Identifier: BSD-3-Clause\r\n").licenses()).containsExactly("BSD-3-Clause");
    }

    @Test
    void parsesOrWithAndParentheses() {
        SpdxExpression dual = SpdxHeader.find("// SPDX-License-Identifier: MIT OR Apache-2.0\n");
        assertThat(dual.licenses()).containsExactly("MIT", "Apache-2.0");
        assertThat(dual.type()).isEqualTo("permissive");
        SpdxExpression cp = SpdxHeader.find("// SPDX-License-Identifier: GPL-2.0-only WITH Classpath-exception-2.0\n");
        assertThat(cp.licenses()).containsExactly("GPL-2.0-only WITH Classpath-exception-2.0");
        assertThat(cp.type()).isEqualTo("copyleft");
        SpdxExpression and = SpdxExpression.parse("(MIT AND LGPL-2.1-or-later) OR GPL-3.0+");
        assertThat(and.licenses()).containsExactly("MIT", "LGPL-2.1-or-later", "GPL-3.0+");
        assertThat(and.type()).isEqualTo("copyleft");
        assertThat(SpdxExpression.parse("MIT AND LicenseRef-Proprietary").type()).isEqualTo("unknown");
        assertThat(SpdxExpression.parse("MIT OR LicenseRef-Proprietary").type()).isEqualTo("permissive");
    }

    @Test
    void ignoresMalformedLateAndQuotedTags() {
        assertThat(SpdxHeader.find("// SPDX-License-Identifier: MIT OR\n")).isNull();
        assertThat(SpdxHeader.find("// SPDX-License-Identifier: (MIT\n")).isNull();
        assertThat(SpdxHeader.find("x = \"SPDX-License-Identifier: MIT\"\n")).isNull();
        assertThat(SpdxHeader.find("\n".repeat(SpdxHeader.MAX_LINES) + "// SPDX-License-Identifier: MIT\n")).isNull();
        assertThat(SpdxHeader.find("\n".repeat(SpdxHeader.MAX_LINES - 1) + "// SPDX-License-Identifier: MIT\n").licenses())
                .isEqualTo(List.of("MIT"));
    }

    @Test
    void typesFollowTheTable() {
        assertThat(LicenseTypes.ofId("BSD-2-Clause")).isEqualTo("permissive");
        assertThat(LicenseTypes.ofId("GPL-3.0-or-later")).isEqualTo("copyleft");
        assertThat(LicenseTypes.ofId("MPL-2.0")).isEqualTo("copyleft");
        assertThat(LicenseTypes.ofId("CC-BY-NC-4.0")).isEqualTo("unknown");
        assertThat(LicenseTypes.ofAll(List.of())).isEqualTo("no_license");
        assertThat(LicenseTypes.ofAll(List.of("MIT", "Apache-2.0"))).isEqualTo("permissive");
        assertThat(LicenseTypes.ofAll(List.of("MIT", "GPL-2.0-only"))).isEqualTo("copyleft");
    }
}
