package dev.codemill.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeadingCommentsTest {
    private static List<String> blocks(String text, String language, String path) {
        return LeadingComments.of(text, language, path).stream().map(b -> b.text(text)).toList();
    }

    @Test
    void javaBlockCommentThenJavadocStopAtCode() {
        String text = "/*\n * Copyright 2020 X\n *\n * Licensed under Y\n */\n\n/** Doc. */\npackage a; /* not head */\n";
        assertThat(blocks(text, "Java", null))
                .containsExactly("/*\n * Copyright 2020 X\n *\n * Licensed under Y\n */\n", "/** Doc. */\n");
    }

    @Test
    void lineCommentRunsEndAtABlankLine() {
        String text = "// SPDX-License-Identifier: MIT\n  // Copyright X\n\n// Package a does b.\npackage a\n";
        assertThat(blocks(text, "Go", null))
                .containsExactly("// SPDX-License-Identifier: MIT\n  // Copyright X\n", "// Package a does b.\n");
    }

    @Test
    void hashIsCodeInCAndACommentInPythonByExtension() {
        assertThat(blocks("#include <a.h>\n/* Copyright */\n", null, "x/a.c")).isEmpty();
        String py = "\uFEFF#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\"\"\"Module.\n\nMore.\n\"\"\"\nimport os\n";
        assertThat(blocks(py, null, "x/a.py")).containsExactly("# -*- coding: utf-8 -*-\n", "\"\"\"Module.\n\nMore.\n\"\"\"\n");
    }

    @Test
    void codeAfterTheCloserOnItsLineEndsTheHead() {
        String text = "/* Copyright X */ int a;\n// not head\n";
        assertThat(blocks(text, "C", null)).containsExactly("/* Copyright X */");
    }

    @Test
    void otherLanguagesAndUnclosedComments() {
        assertThat(blocks("-- Copyright X\n--[[ licence\n]]\nlocal a = 1\n", "Lua", null))
                .containsExactly("-- Copyright X\n", "--[[ licence\n]]\n");
        assertThat(blocks("<!-- Copyright X -->\n<root/>\n", null, "pom.xml")).containsExactly("<!-- Copyright X -->\n");
        assertThat(blocks("/* never closed\n", "C", null)).containsExactly("/* never closed\n");
        assertThat(blocks("", null, null)).isEmpty();
        assertThat(blocks("   \n\n", null, null)).isEmpty();
    }
}
