package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.testkit.NeedsShared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {
    private final LanguageDetector detector = LanguageDetector.defaults();

    private LanguageDetector.Detection detect(String path, String text) {
        return detector.detect(path, text);
    }

    /** path | first line | language | evidence. A table-driven test over 60 files. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            src/main.c                | int main(void) {                     | C                  | extension
            lib/vec.cpp               | #include <vector>                     | C++                | extension
            lib/vec.HPP               | #pragma once                          | C++                | extension
            ios/View.mm               | #import <UIKit/UIKit.h>               | Objective-C++      | content:mm_default
            App/Program.cs            | using System;                         | C#                 | content:cs_csharp
            src/Foo.java              | package foo;                          | Java               | extension
            app/Main.kt               | fun main() {}                         | Kotlin             | extension
            build.gradle.kts          | plugins { }                           | Gradle Kotlin DSL  | extension
            src/App.scala             | object App                            | Scala              | extension
            pkg/mod.py                | import os                             | Python             | extension
            stubs/mod.pyi             | def f() -> int: ...                   | Python             | extension
            lib/a.rb                  | require 'json'                        | Ruby               | extension
            lib/A.pm                  | package A;                            | Perl               | content:pm_perl
            web/index.php             | <?php echo 1;                         | PHP                | content:php_php
            web/app.js                | const a = 1;                          | JavaScript         | extension
            web/app.mjs               | export {};                            | JavaScript         | extension
            web/App.tsx               | export const A = () => <div/>;        | TSX                | content:tsx_default
            cmd/main.go               | package main                          | Go                 | extension
            src/lib.rs                | fn main() {}                          | Rust               | content:rs_rust
            Sources/a.swift           | import Foundation                     | Swift              | extension
            lib/a.dart                | void main() {}                        | Dart               | extension
            init.lua                  | local x = 1                           | Lua                | extension
            analysis.R                | x <- 1                                | R                  | content:r_r
            sim.jl                    | using LinearAlgebra                   | Julia              | extension
            Main.hs                   | module Main where                     | Haskell            | extension
            lib/a.ml                  | let () = ()                           | OCaml              | content:ml_default
            lib/a.ex                  | defmodule A do                        | Elixir             | content:ex_elixir
            src/a.erl                 | -module(a).                           | Erlang             | extension
            scripts/build.sh          | set -e                                | Shell              | extension
            tools/run.ps1             | Param($x)                             | PowerShell         | extension
            make.bat                  | @echo off                             | Batchfile          | extension
            solver.f90                | program solver                        | Fortran Free Form  | extension
            unit1.pas                 | unit Unit1;                           | Pascal             | extension
            boot.asm                  | mov ax, 1                             | Assembly           | content:asm_assembly
            hw/top.sv                 | module top;                           | SystemVerilog      | extension
            hw/top.vhd                | library ieee;                         | VHDL               | extension
            db/schema.sql             | CREATE TABLE t (a int);               | SQL                | content:sql_default
            conf/init.el              | (setq x 1)                            | Emacs Lisp         | extension
            data/a.json               | {"a": 1}                              | JSON               | content:json_default
            .github/ci.yml            | on: push                              | YAML               | content:yml_default
            pyproject.toml            | [project]                             | TOML               | extension
            res/strings.xml           | <resources/>                          | XML                | extension
            site/index.html           | <!doctype html>                       | HTML               | content:html_default
            site/style.css            | body {}                               | CSS                | extension
            site/style.scss           | $a: 1;                                | SCSS               | extension
            docs/intro.rst            | Intro                                 | reStructuredText   | extension
            notes.txt                 | hello                                 | Text               | content:txt_default
            nb/a.ipynb                | {                                     | Jupyter Notebook   | extension
            Makefile                  | all:                                  | Makefile           | filename
            sub/GNUmakefile           | all:                                  | Makefile           | filename
            Dockerfile                | FROM debian                           | Dockerfile         | filename
            CMakeLists.txt            | project(x)                            | CMake              | filename
            Gemfile                   | source 'https://rubygems.org'         | Ruby               | filename
            Rakefile                  | task :default                         | Ruby               | filename
            pkg/BUILD                 | cc_library(name = "a")                | Starlark           | filename
            WORKSPACE                 | workspace(name = "a")                 | Starlark           | filename
            Jenkinsfile               | pipeline {}                           | Groovy             | filename
            tsconfig.json             | {}                                    | JSON with Comments | filename
            pom.xml                   | <project>                             | Maven POM          | filename
            .gitignore                | target/                               | Ignore List        | filename
            LICENSE                   | MIT License                           | Text               | filename
            bin/tool                  | #!/usr/bin/env python3                | Python             | shebang
            bin/tool2                 | #!/usr/bin/python3.11 -u              | Python             | shebang
            bin/tool3                 | #!/usr/bin/env -S python3 -X dev      | Python             | shebang
            bin/tool4                 | #!/bin/sh                             | Shell              | shebang
            bin/tool5                 | #! /bin/bash -e                       | Shell              | shebang
            bin/tool6                 | #!/usr/bin/env node                   | JavaScript         | shebang
            bin/tool7                 | #!/usr/bin/env -S deno run --allow-net | TypeScript        | shebang
            bin/tool8                 | #!/usr/bin/perl -w                    | Perl               | shebang
            bin/tool9                 | #!/usr/bin/env ruby2.7                | Ruby               | shebang
            bin/tool10                | #!/usr/bin/env LANG=C awk -f          | Awk                | shebang
            bin/tool11                | #!/usr/bin/Rscript                    | R                  | shebang
            bin/tool.cgi              | #!/usr/bin/env php                    | PHP                | shebang
            bin/x.pl                  | #!/usr/bin/perl                       | Perl               | shebang
            src/a.c                   | /* vim: set ft=cpp: */                | C++                | modeline
            src/b.h                   | // -*- mode: c++ -*-                  | C++                | modeline
            scripts/x                 | # -*- python -*-                      | Python             | modeline
            noext                     | hello world                           | unknown            | none
            weird.zzz                 | <?xml version="1.0"?>                 | XML                | content:xml_declaration
            """)
    void tableDriven(String path, String firstLine, String language, String evidence) {
        LanguageDetector.Detection d = detect(path, firstLine + "\nmore text\n");
        assertThat(d.language()).isEqualTo(language);
        assertThat(d.evidence()).isEqualTo(evidence);
        if (language.equals("unknown")) {
            assertThat(d.type()).isNull();
        } else {
            assertThat(d.type()).isIn("programming", "markup", "data", "prose");
        }
    }

    @Test
    void typesFollowLinguist() {
        assertThat(detect("a.py", "").type()).isEqualTo("programming");
        assertThat(detect("a.json", "").type()).isEqualTo("data");
        assertThat(detect("a.html", "").type()).isEqualTo("markup");
        assertThat(detect("a.md", "# Title\n").type()).isEqualTo("prose");
        assertThat(detect("a.sql", "").type()).isEqualTo("data");
    }

    // ---- C05: .h headers, verdict independent of the file name
    @ParameterizedTest(name = "C05 {0} -> {1}")
    @CsvSource({"point.h,C,content:h_default", "shapes.h,C++,content:h_cpp", "TaskView.h,Objective-C,content:h_objc",
            "ring_buffer.h,C,content:h_default"})
    @NeedsShared("cases/C05, C07, C10")
    void c05Headers(String file, String language, String evidence) throws IOException {
        String text = TestDocs.read(TestDocs.caseDir("C05_lang_h_header").resolve(file));
        assertThat(detect("include/" + file, text)).isEqualTo(new LanguageDetector.Detection(language, "programming", evidence, null));
        // renamed to a.h: same verdict
        assertThat(detect("a.h", text).language()).isEqualTo(language);
        assertThat(detect("x/y/a.h", text).evidence()).isEqualTo(evidence);
    }

    // ---- C07: .ts Qt translation vs TypeScript
    @Test
    @NeedsShared("cases/C05, C07, C10")
    void c07QtTranslationIsXml() throws IOException {
        Path dir = TestDocs.caseDir("C07_lang_ts_qt_xml");
        String qt = TestDocs.read(dir.resolve("app_de.ts"));
        assertThat(detect("i18n/app_de.ts", qt))
                .isEqualTo(new LanguageDetector.Detection("XML", "data", "content:ts_qt_xml", "Qt translation source"));
        // with a BOM and leading whitespace left in the text
        assertThat(detect("i18n/app_de.ts", "\uFEFF\n  " + qt).language()).isEqualTo("XML");
        String feed = TestDocs.read(dir.resolve("feed.ts"));
        assertThat(feed).contains("<?xml");
        assertThat(detect("src/feed.ts", feed))
                .isEqualTo(new LanguageDetector.Detection("TypeScript", "programming", "content:ts_default", null));
        // a Qt file without the XML declaration still starts with <!DOCTYPE TS>
        assertThat(detect("x.ts", qt.substring(qt.indexOf("<!DOCTYPE"))).subtype()).isEqualTo("Qt translation source");
    }

    // ---- C10: run_tool, shebang after a BOM
    @Test
    @NeedsShared("cases/C05, C07, C10")
    void c10RunToolByShebangAfterBom() throws IOException {
        String text = TestDocs.read(TestDocs.caseDir("C10_encodings_bom").resolve("expected_decoded/run_tool"));
        assertThat(text).startsWith("#!/usr/bin/env python3\n");
        assertThat(detect("run_tool", text)).isEqualTo(new LanguageDetector.Detection("Python", "programming", "shebang", null));
        assertThat(detect("bin/run_tool", "\uFEFF" + text).language()).isEqualTo("Python");
        assertThat(detect("bin/run_tool", "\uFEFF" + text).evidence()).isEqualTo("shebang");
        // only the first line counts: leading blank line or spaces hide the shebang
        assertThat(detect("run_tool", "\n" + text).language()).isEqualTo("unknown");
        assertThat(detect("run_tool", "  " + text).language()).isEqualTo("unknown");
    }

    @Test
    void shebangParsing() {
        assertThat(Shebang.interpreter("#!/usr/bin/env python3\n")).isEqualTo("python3");
        assertThat(Shebang.interpreter("\uFEFF#!/bin/sh")).isEqualTo("sh");
        assertThat(Shebang.interpreter("#!/usr/bin/env -S python3 -u\n")).isEqualTo("python3");
        assertThat(Shebang.interpreter("#!/usr/bin/env -Spython3\n")).isEqualTo("python3");
        assertThat(Shebang.interpreter("#!/usr/bin/env -i -u HOME PATH=/bin bash\n")).isEqualTo("bash");
        assertThat(Shebang.interpreter("#!/usr/bin/env\n")).isNull();
        assertThat(Shebang.interpreter("#!\n")).isNull();
        assertThat(Shebang.interpreter("# not a shebang\n")).isNull();
        assertThat(Shebang.interpreter(" #!/bin/sh\n")).isNull();
        assertThat(Shebang.interpreter("#!/bin/bash\r\necho\r\n")).isEqualTo("bash");
    }

    @Test
    void extensionBeatsShebangButShebangDecidesAmbiguous() {
        // a TypeScript file run by node stays TypeScript (linguist would say JavaScript)
        assertThat(detect("cli.ts", "#!/usr/bin/env node\nconst a: number = 1;\n").language()).isEqualTo("TypeScript");
        // .pl with a Prolog interpreter
        assertThat(detect("q.pl", "#!/usr/bin/env swipl\nfoo(X) :- bar(X).\n"))
                .isEqualTo(new LanguageDetector.Detection("Prolog", "programming", "shebang", null));
        // a shebang naming no candidate of .h is ignored
        assertThat(detect("a.h", "#!/bin/sh\nint x;\n").evidence()).isEqualTo("content:h_default");
    }

    @Test
    void modelines() {
        assertThat(Modeline.fileType("x\n# vim: set ft=ruby:\n")).isEqualTo("ruby");
        assertThat(Modeline.fileType("# vim:ft=python\n")).isEqualTo("python");
        assertThat(Modeline.fileType("/* vi: set tabstop=4 filetype=c: */")).isEqualTo("c");
        assertThat(Modeline.fileType("#!/usr/bin/env x\n# -*- mode: python; coding: utf-8 -*-\n")).isEqualTo("python");
        assertThat(Modeline.fileType("# -*- coding: utf-8 -*-\nimport os\n")).isNull();
        assertThat(Modeline.fileType(";; -*- Emacs-Lisp -*-\n")).isEqualTo("Emacs-Lisp");
        // last lines
        String longText = "a\n".repeat(100) + "// vim: set ft=javascript:\n";
        assertThat(Modeline.fileType(longText)).isEqualTo("javascript");
        // a modeline in the middle of a long file is not read
        assertThat(Modeline.fileType("a\n".repeat(10) + "// vim: ft=ruby\n" + "a\n".repeat(10))).isNull();
        // modeline beats the extension; unknown names are ignored
        assertThat(detect("x.txt", "# vim: set ft=ruby:\nputs 1\n")).isEqualTo(new LanguageDetector.Detection("Ruby", "programming", "modeline", null));
        assertThat(detect("x.py", "# vim: set ft=nosuchlang:\n").evidence()).isEqualTo("extension");
        assertThat(detect("emacs.cfg", ";; -*- Emacs-Lisp -*-\n").language()).isEqualTo("Emacs Lisp");
        // switched off
        LanguageDetector off = new LanguageDetector(LanguageTable.defaults(), Map.of(), false);
        assertThat(off.detect("x.txt", "# vim: set ft=ruby:\n").language()).isEqualTo("Text");
    }

    @Test
    void pythonCodingCookieIsNoModeline() {
        assertThat(detect("a.py", "# -*- coding: utf-8 -*-\nimport os\n").evidence()).isEqualTo("extension");
    }

    @Test
    void overrides() {
        LanguageTable t = LanguageTable.defaults();
        LanguageDetector d = new LanguageDetector(t, LanguageDetector.normaliseOverrides(Map.of("INC", "php", ".h", "C++"), t), true);
        assertThat(d.detect("a.inc", "nothing here\n")).isEqualTo(new LanguageDetector.Detection("PHP", "programming", "override", null));
        assertThat(d.detect("a.h", "struct p { int x; };\n").language()).isEqualTo("C++");
        assertThatThrownBy(() -> LanguageDetector.normaliseOverrides(Map.of(".inc", "Klingon"), t))
                .hasMessageContaining("Klingon");
    }

    @Test
    void compoundExtensionsAndDotfiles() {
        assertThat(detect("cmake/Config.cmake.in", "set(x 1)\n").language()).isEqualTo("CMake");
        assertThat(detect("a.d.ts", "export declare const a: number;\n").language()).isEqualTo("TypeScript");
        assertThat(detect(".bashrc", "alias ll='ls -l'\n")).isEqualTo(new LanguageDetector.Detection("Shell", "programming", "filename", null));
        assertThat(detect(".hidden", "x\n").language()).isEqualTo("unknown");
        assertThat(detect("Windows\\path\\Program.CS", "using System;\n").language()).isEqualTo("C#");
    }

    @Test
    void incWithoutEvidenceIsUnknown() {
        assertThat(detect("x.inc", "nothing to see\n")).isEqualTo(new LanguageDetector.Detection("unknown", null, "none", null));
        assertThat(detect("x.inc", "<?php\n$a = 1;\n").evidence()).isEqualTo("content:inc_php");
    }
}
