package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingDeclarationTest {
    private static EncodingDeclaration find(String head) {
        return EncodingDeclaration.find(head.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    private static String found(String head) {
        EncodingDeclaration d = find(head);
        return d == null ? null : d + " -> " + (d.charset() == null ? "null (" + d.problem() + ")" : d.charset().name());
    }

    @Test
    void everyKindIsFoundWithItsLabelAndCharset() {
        assertThat(found("# -*- coding: gbk -*-\nx = 1\n")).isEqualTo("emacs:gbk -> GBK");
        assertThat(found("#!/usr/bin/env python\n# coding=big5\n")).isEqualTo("pep263:big5 -> Big5");
        assertThat(found("# vim: set fileencoding=koi8-r :\n")).isEqualTo("vim:koi8-r -> KOI8-R");
        assertThat(found("int x;\n/* vim: set fenc=cp1251 : */\n")).isEqualTo("vim:cp1251 -> windows-1251");
        assertThat(found("a\nb\nc\nd\ne\nf\ng\n// vim:fenc=euc-jp\n")).isEqualTo("vim:euc-jp -> EUC-JP");
        assertThat(found("/* -*- mode: c; coding: shift_jis-unix -*- */\n")).isEqualTo("emacs:shift_jis-unix -> windows-31j");
        assertThat(found("<?xml version=\"1.0\" encoding='EUC-KR'?>\n<a/>")).isEqualTo("xml:EUC-KR -> EUC-KR");
        assertThat(found("@charset \"windows-1251\";\nbody {}\n")).isEqualTo("css:windows-1251 -> windows-1251");
        assertThat(found("<!DOCTYPE html>\n<html><head><meta charset=\"gb2312\">")).isEqualTo("html:gb2312 -> GBK");
        assertThat(found("<html><head>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">"))
                .isEqualTo("html:Shift_JIS -> windows-31j");
        assertThat(found("# -*- coding: latin-1 -*-\n")).isEqualTo("emacs:latin-1 -> ISO-8859-1");
        assertThat(found("# coding: utf8\n")).isEqualTo("pep263:utf8 -> UTF-8");
    }

    @Test
    void placesThatDoNotCountAreIgnored() {
        assertThat(find("x = 1\ny = 2\n# coding: gbk\n")).isNull();          // PEP 263: line 1 or 2 only
        assertThat(find("x = 1  # coding: gbk\n")).isNull();                   // not a comment line
        assertThat(find(" @charset \"gbk\";\n")).isNull();                     // @charset only at byte 0
        assertThat(find("\n<?xml version=\"1.0\" encoding=\"gbk\"?>")).isNull(); // XML declaration only at byte 0
        assertThat(find("int main(void) { return 0; }\n")).isNull();
    }

    @Test
    void unknownAndSelfContradictoryLabelsAreRejectedWithAReason() {
        assertThat(found("# coding: klingon-8\n")).isEqualTo("pep263:klingon-8 -> null (unknown charset label 'klingon-8')");
        assertThat(found("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"))
                .isEqualTo("xml:UTF-16 -> null (declares UTF-16, but the declaration itself is written in single bytes)");
    }

    @Test
    void labelsMapToTheCharsetsBrowsersAndPythonUse() {
        assertThat(EncodingDeclaration.charsetFor("cp936")).isEqualTo(Charset.forName("GBK"));
        assertThat(EncodingDeclaration.charsetFor("GB18030")).isEqualTo(Charset.forName("GB18030"));
        assertThat(EncodingDeclaration.charsetFor("sjis")).isEqualTo(Charset.forName("windows-31j"));
        assertThat(EncodingDeclaration.charsetFor("euc_jp")).isEqualTo(Charset.forName("EUC-JP"));
        assertThat(EncodingDeclaration.charsetFor("cp949")).isEqualTo(Charset.forName("x-windows-949"));
        assertThat(EncodingDeclaration.charsetFor("utf-8-dos")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(EncodingDeclaration.charsetFor("no-such-charset")).isNull();
    }
}
