package dev.codemill.stages.analysis.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentRulesTest {
    private static String lang(String ext, String text) {
        return ContentRules.decide(ext, text).language();
    }

    private static String rule(String ext, String text) {
        return ContentRules.decide(ext, text).rule();
    }

    @Test
    void headerMarkersInCommentsOrStringsDoNotCount() {
        assertThat(lang(".h", "/** @class Foo\n * std::vector in a comment\n */\nstruct foo { int a; };\n")).isEqualTo("C");
        assertThat(lang(".h", "// class Foo {\nstatic const char *s = \"namespace x {\";\nint f(void);\n")).isEqualTo("C");
        assertThat(lang(".h", "#define MSG \"@interface\"\n")).isEqualTo("C");
    }

    @Test
    void cplusplusBlocksOfACHeaderAreNotCppEvidence() {
        String c = "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n"
                + "namespace wrap { inline int g() { return f(); } }\n#endif\n";
        assertThat(rule(".h", c)).isEqualTo("h_default");
        // nested #if inside the block, then C++ code after it ends
        String cpp = "#if defined(__cplusplus)\n#if 1\nclass A;\n#endif\n#endif\ntemplate <typename T> T id(T x);\n";
        assertThat(rule(".h", cpp)).isEqualTo("h_cpp");
        // the #else branch of an __cplusplus test is C
        assertThat(rule(".h", "#ifdef __cplusplus\n#include <cstdio>\n#else\n#include <stdio.h>\n#endif\n")).isEqualTo("h_default");
    }

    @Test
    void headerCppMarkers() {
        assertThat(lang(".h", "#include <iostream>\n")).isEqualTo("C++");
        assertThat(lang(".h", "#include <stdio.h>\nint x;\n")).isEqualTo("C");
        assertThat(lang(".h", "class DLL_EXPORT Widget : public Base {\n};\n")).isEqualTo("C++");
        assertThat(lang(".h", "struct S {\npublic:\n int x;\n};\n")).isEqualTo("C++");
        assertThat(lang(".h", "int class_count;\nint namespace_id;\n")).isEqualTo("C");
    }

    @Test
    void headerObjcMarkers() {
        assertThat(lang(".h", "@protocol Foo <NSObject>\n@end\n")).isEqualTo("Objective-C");
        assertThat(lang(".h", "#import \"Foo.h\"\n")).isEqualTo("Objective-C");
        // MSVC #import of a type library is not Objective-C
        assertThat(lang(".h", "#import \"msxml6.dll\"\n")).isEqualTo("C");
        assertThat(lang(".h", "typedef NS_ENUM(NSInteger, Color) { Red };\n")).isEqualTo("Objective-C");
    }

    @Test
    void dotM() {
        assertThat(lang(".m", "#import \"A.h\"\n@implementation A\n@end\n")).isEqualTo("Objective-C");
        assertThat(rule(".m", "% compute\nx = zeros(3);\n")).isEqualTo("m_matlab");
        assertThat(rule(".m", "function y = f(x)\n  y = x + 1;\nend\n")).isEqualTo("m_matlab");
        assertThat(rule(".m", "x = 1;\n")).isEqualTo("m_default");
    }

    @Test
    void dotPl() {
        assertThat(rule(".pl", "use strict;\nuse warnings;\nmy $x = 1;\n")).isEqualTo("pl_perl");
        assertThat(rule(".pl", "parent(tom, bob).\nancestor(X, Y) :- parent(X, Y).\n")).isEqualTo("pl_prolog");
        assertThat(rule(".pl", ":- module(foo, []).\n")).isEqualTo("pl_prolog");
        assertThat(rule(".pl", "print 1\n")).isEqualTo("pl_default");
    }

    @Test
    void dotTs() {
        assertThat(ContentRules.decide(".ts", "<?xml version=\"1.0\"?>\n<root/>\n"))
                .isEqualTo(new ContentRules.Guess("XML", "ts_xml", null));
        assertThat(ContentRules.decide(".ts", "<TS version=\"2.1\">\n</TS>\n"))
                .isEqualTo(new ContentRules.Guess("XML", "ts_qt_xml", "Qt translation source"));
        assertThat(lang(".ts", "// <?xml\nlet a = 1;\n")).isEqualTo("TypeScript");
        assertThat(lang(".ts", "const x = <T>(a: T) => a;\n")).isEqualTo("TypeScript");
        assertThat(lang(".ts", "")).isEqualTo("TypeScript");
    }

    @Test
    void dotInc() {
        assertThat(lang(".inc", "<?php\nfunction f() {}\n")).isEqualTo("PHP");
        assertThat(lang(".inc", "#define X 1\nstatic int y;\n")).isEqualTo("C++");
        assertThat(lang(".inc", "#if defined(_WIN32)\n#endif\n")).isEqualTo("C++");
        // shell comments (a completion.bash.inc) are no preprocessor lines
        assertThat(ContentRules.decide(".inc", "# if the user has bash completion\n# for bash version 3.2\n_f() { :; }\n").language()).isNull();
        assertThat(lang(".inc", "{$mode objfpc}\nprocedure Foo;\n")).isEqualTo("Pascal");
        assertThat(lang(".inc", "  mov eax, 1\n  db 0x90\n")).isEqualTo("Assembly");
        assertThat(lang(".inc", "%macro PUSHALL 0\n%endmacro\n")).isEqualTo("Assembly");
        assertThat(lang(".inc", "INSERT INTO t VALUES (1);\n")).isEqualTo("SQL");
        assertThat(ContentRules.decide(".inc", "hello\n")).isEqualTo(new ContentRules.Guess(null, "inc_none", null));
    }

    @Test
    void dotV() {
        assertThat(lang(".v", "Require Import Arith.\nTheorem t : 1 = 1.\nProof. reflexivity. Qed.\n")).isEqualTo("Coq");
        assertThat(rule(".v", "`timescale 1ns/1ps\nmodule top(input clk);\nendmodule\n")).isEqualTo("v_verilog");
        assertThat(rule(".v", "wire a;\n")).isEqualTo("v_default");
    }

    @Test
    void dotCls() {
        assertThat(lang(".cls", "VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1\nEND\nAttribute VB_Name = \"Foo\"\n")).isEqualTo("VBA");
        assertThat(lang(".cls", "\\NeedsTeXFormat{LaTeX2e}\n\\ProvidesClass{mythesis}\n")).isEqualTo("TeX");
        assertThat(lang(".cls", "public with sharing class AccountService {\n}\n")).isEqualTo("Apex");
        assertThat(lang(".cls", "@isTest\nprivate class T {}\n")).isEqualTo("Apex");
        assertThat(rule(".cls", "% a comment\n")).isEqualTo("cls_default");
    }

    @Test
    void dotMd() {
        assertThat(lang(".md", ";; Machine description for X\n(define_insn \"addsi3\"\n  [(set (match_operand 0) (plus 1 2))]\n  \"\" \"add\")\n"))
                .isEqualTo("GCC Machine Description");
        assertThat(lang(".md", "# Title\n\n(define_insn is mentioned)\n")).isEqualTo("Markdown");
        assertThat(lang(".md", ";; not followed by a define form\n")).isEqualTo("Markdown");
        assertThat(lang(".md", "")).isEqualTo("Markdown");
    }

    @Test
    void onlyThePrefixIsRead() {
        String pad = "x\n".repeat(ContentRules.PREFIX_CHARS);
        assertThat(lang(".h", pad + "@interface A\n@end\n")).isEqualTo("C");
        assertThat(lang(".h", "@interface A\n@end\n" + pad)).isEqualTo("Objective-C");
    }

    @Test
    void blankingKeepsLinesAndDirectiveStrings() {
        String s = "a /* x\ny */ b // c\n#import \"k.h\"\nchar q = '\\'';\n";
        String b = ContentRules.blankCommentsAndStrings(s);
        assertThat(b).hasSameSizeAs(s);
        assertThat(b.split("\n", -1)).hasSize(s.split("\n", -1).length);
        assertThat(b).contains("#import \"k.h\"").doesNotContain("x").doesNotContain("c\n");
    }
}
