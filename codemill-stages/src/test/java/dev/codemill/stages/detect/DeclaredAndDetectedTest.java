package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Declared encodings first, then BOM / UTF-8, then detection; every listed legacy encoding. */
class DeclaredAndDetectedTest {
    private static final EncodingDetector DEFAULTS = EncodingDetector.defaults();

    private static byte[] enc(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    private static String summary(DecodedText d) {
        if (!d.isText()) {
            return "undecodable " + d.encodingCheck().value();
        }
        return d.encoding() + " " + d.evidence() + (d.declaration() == null ? "" : " [" + d.declaration() + "]");
    }

    @Test
    void eachDeclarationKindWinsWhenTheBytesDecodeUnderIt() {
        String[][] cases = {
            // text, charset to write it in, expected summary
            {"# -*- coding: gbk -*-\n# 中文\n", "GBK", "GBK declared:emacs [emacs:gbk]"},
            {"# coding=big5\n# 中文\n", "Big5", "Big5 declared:pep263 [pep263:big5]"},
            {"// 日本語\n// vim: set fileencoding=euc-jp :\n", "EUC-JP", "EUC-JP declared:vim [vim:euc-jp]"},
            {"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<a>日本</a>\n", "windows-31j", "windows-31j declared:xml [xml:Shift_JIS]"},
            {"<html><head><meta charset=\"euc-kr\"></head><body>한국</body></html>\n", "EUC-KR", "EUC-KR declared:html [html:euc-kr]"},
            {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">\n<p>Да</p>\n", "KOI8-R", "KOI8-R declared:html [html:koi8-r]"},
            {"@charset \"windows-1251\";\n/* Да */\n", "windows-1251", "windows-1251 declared:css [css:windows-1251]"},
            {"# -*- coding: gb18030 -*-\n# 中\n", "GB18030", "GB18030 declared:emacs [emacs:gb18030]"},
        };
        for (String[] c : cases) {
            DecodedText d = DEFAULTS.detect(enc(c[0], c[1]));
            assertThat(summary(d)).as(c[0]).isEqualTo(c[2]);
            assertThat(d.text()).isEqualTo(c[0]);
            assertThat(d.confidence()).isEqualTo(1.0);
        }
    }

    @Test
    void aShortFileIsDecodedByItsDeclarationWhereDetectionAlonePicksAnotherReading() {
        // 初期化 in EUC-JP reads as hanzi in GB18030 as well: without a declaration the tie is quarantined
        String text = "# 初期化\n";
        DecodedText bare = DEFAULTS.detect(enc(text, "EUC-JP"));
        assertThat(bare.isUndecodable()).isTrue();
        assertThat(bare.verdict().detail()).startsWith("low_confidence: best reading GB18030");
        DecodedText declared = DEFAULTS.detect(enc("# coding: euc-jp\n" + text, "EUC-JP"));
        assertThat(declared.text()).isEqualTo("# coding: euc-jp\n" + text);
        assertThat(declared.evidence()).isEqualTo("declared:pep263");
    }

    @Test
    void aWrongDeclarationFallsThroughAndIsRecorded() {
        // declared UTF-8, written in GBK: the declaration is rejected, detection finds GB18030
        String text = "# -*- coding: utf-8 -*-\n# 读取配置文件，然后计算两个数的和\nprint('初始化')\n";
        DecodedText d = DEFAULTS.detect(enc(text, "GBK"));
        assertThat(summary(d)).isEqualTo("GB18030 detected [emacs:utf-8 rejected: malformed UTF-8 at byte 26]");
        assertThat(d.text()).isEqualTo(text);
        // declared latin-1, but an editor re-saved the file as UTF-8: UTF-8 wins
        String utf8 = "# coding: latin-1\n# Größe\n";
        DecodedText u = DEFAULTS.detect(utf8.getBytes(StandardCharsets.UTF_8));
        assertThat(summary(u)).isEqualTo("UTF-8 utf8 [pep263:latin-1 rejected: the bytes are valid UTF-8 with multi-byte sequences]");
        assertThat(u.text()).isEqualTo(utf8);
        // declared Shift_JIS, written in KOI8-R: malformed under windows-31j, detected as KOI8-R
        String ru = "# coding: shift_jis\n# Вычисляет сумму двух чисел\n";
        DecodedText k = DEFAULTS.detect(enc(ru, "KOI8-R"));
        assertThat(k.text()).isEqualTo(ru);
        assertThat(k.encoding()).isEqualTo("KOI8-R");
        assertThat(k.declaration()).isEqualTo("pep263:shift_jis rejected: implausible as windows-31j (plausibility 0.000 < 0.2)");
        // an unknown label is recorded and ignored
        DecodedText unknown = DEFAULTS.detect(enc("# coding: klingon\n# Größe\n", "windows-1252"));
        assertThat(summary(unknown)).isEqualTo("windows-1252 detected [pep263:klingon rejected: unknown charset label 'klingon']");
    }

    @Test
    void aBomOutranksADeclaration() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes("# -*- coding: gbk -*-\n# 中文\n".getBytes(StandardCharsets.UTF_8));
        DecodedText d = DEFAULTS.detect(b.toByteArray());
        assertThat(summary(d)).isEqualTo("UTF-8 (BOM) bom [emacs:gbk rejected: the file starts with a UTF-8 byte-order mark]");
        assertThat(d.text()).isEqualTo("# -*- coding: gbk -*-\n# 中文\n");
        DecodedText plain = DEFAULTS.detect(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'});
        assertThat(summary(plain)).isEqualTo("UTF-8 (BOM) bom");
    }

    @Test
    void sevenBitIso2022JpIsDecodedByItsDeclaration() {
        String text = "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n<a>日本語のテキスト</a>\n";
        DecodedText d = DEFAULTS.detect(enc(text, "ISO-2022-JP"));
        assertThat(summary(d)).isEqualTo("ISO-2022-JP declared:xml [xml:ISO-2022-JP]");
        assertThat(d.text()).isEqualTo(text);
    }

    @Test
    void asciiAndUtf8KeepTheirEvidence() {
        assertThat(summary(DEFAULTS.detect("x = 1\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("UTF-8 ascii");
        assertThat(summary(DEFAULTS.detect("# 中文\n".getBytes(StandardCharsets.UTF_8)))).isEqualTo("UTF-8 utf8");
        assertThat(summary(DEFAULTS.detect("# coding: utf-8\n# 中文\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("UTF-8 declared:pep263 [pep263:utf-8]");
    }

    @Test
    void everyListedLegacyEncodingIsDetectedWithoutADeclaration() {
        String[][] cases = {
            {"# 这个函数用于解析服务器返回的数据\n", "GBK", "GB18030"},
            {"# 这个函数用于解析服务器返回的数据\n", "GB18030", "GB18030"},
            {"// 這個函式用於解析伺服器回傳的資料\n", "Big5", "Big5"},
            {"// この関数はデータを解析します\n", "EUC-JP", "EUC-JP"},
            {"// この関数はデータを解析します\n", "Shift_JIS", "windows-31j"},
            {"// 이 함수는 서버가 반환한 데이터를 분석한다\n", "EUC-KR", "EUC-KR"},
            {"# Эта функция разбирает данные\n", "windows-1251", "windows-1251"},
            {"# Эта функция разбирает данные\n", "KOI8-R", "KOI8-R"},
            {"# Schließt die Datei, prüft die Größe\n", "windows-1252", "windows-1252"},
        };
        for (String[] c : cases) {
            DecodedText d = DEFAULTS.detect(enc(c[0], c[1]));
            assertThat(summary(d)).as(c[1]).isEqualTo(c[2] + " detected");
            assertThat(d.text()).as(c[1]).isEqualTo(c[0]).doesNotContain("\uFFFD");
            assertThat(d.confidence()).as(c[1]).isBetween(0.05, 1.0);
        }
    }

    @Test
    void shortInputsNeverBecomeWesternMojibake() {
        // two or three characters: CJK and Cyrillic bytes are never read as windows-1252
        String[][] cases = {
            {"# 读取\n", "GBK"}, {"# Да\n", "windows-1251"}, {"# Привет\n", "KOI8-R"}, {"# 設定\n", "Big5"},
            {"# 한국\n", "EUC-KR"}, {"# テスト\n", "Shift_JIS"}, {"# テスト\n", "EUC-JP"},
        };
        for (String[] c : cases) {
            DecodedText d = DEFAULTS.detect(enc(c[0], c[1]));
            if (d.isText()) {
                assertThat(d.text()).as(c[1] + " " + d.encoding()).isEqualTo(c[0]);
                assertThat(StatisticalDetector.western(Charset.forName(d.encoding()))).isFalse();
            } else {
                assertThat(d.verdict().rule()).isEqualTo("undecodable");
            }
        }
    }

    @Test
    void aFileLongerThanIcusWindowIsDecodedWhole() {
        String line = "# Эта функция разбирает данные, полученные от сервера\nx = 1\n";
        String text = line.repeat(2000);   // ~120 KB in KOI8-R, beyond ICU's 64 KiB window
        byte[] b = enc(text, "KOI8-R");
        assertThat(b.length).isGreaterThan(StatisticalDetector.ICU_BYTES);
        DecodedText d = DEFAULTS.detect(b);
        assertThat(summary(d)).isEqualTo("KOI8-R detected");
        assertThat(d.text()).isEqualTo(text);
    }
}
