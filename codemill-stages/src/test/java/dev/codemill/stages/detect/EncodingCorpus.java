package dev.codemill.stages.detect;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-made multi-encoding set: multilingual source snippets written for this test (comments and
 * string literals in Chinese, Japanese, Korean, Russian and, as a control, German/French) wrapped
 * in Python, Java and C files and encoded into each legacy encoding of their script, with and
 * without an encoding declaration. The UTF-8 text of each file is its ground truth.
 *
 * <p>Lengths vary on purpose: the first snippet of each language has 2–6 non-ASCII characters
 * (the hard case for statistical detection), the last a few hundred bytes.
 */
final class EncodingCorpus {
    private EncodingCorpus() {
    }

    /** One generated file: its name, the encoding its bytes are in, the bytes, the true text. */
    record Sample(String name, String encoding, String language, boolean declared, int snippet, byte[] bytes, String text) {
    }

    /** Snippets per language (script), shortest first. */
    static final Map<String, List<String>> SNIPPETS = new LinkedHashMap<>();
    /** Legacy encodings each language is written in (Java charset names). */
    static final Map<String, List<String>> ENCODINGS = new LinkedHashMap<>();

    static {
        SNIPPETS.put("zh-Hans", List.of(
                "初始化",
                "读取配置文件",
                "计算两个数的和并返回结果",
                "如果用户没有登录，就跳转到登录页面。\n否则显示主页并加载最近的订单。",
                "这个函数用于解析服务器返回的数据，\n检查每一条记录是否完整，\n把错误的记录写入日志，然后继续处理下一条。",
                "注意：这里的缓存只在单线程环境下安全。\n多个线程同时写入时必须先获取锁，\n否则可能会出现数据丢失或者重复计算的问题。\n修改之前请先阅读设计文档，并运行全部测试。"));
        SNIPPETS.put("zh-Hant", List.of(
                "初始化",
                "讀取設定檔",
                "計算兩個數的和並回傳結果",
                "如果使用者沒有登入，就跳轉到登入頁面。\n否則顯示首頁並載入最近的訂單。",
                "這個函式用於解析伺服器回傳的資料，\n檢查每一筆記錄是否完整，\n把錯誤的記錄寫入日誌，然後繼續處理下一筆。",
                "注意：這裡的快取只在單執行緒環境下安全。\n多個執行緒同時寫入時必須先取得鎖，\n否則可能會出現資料遺失或者重複計算的問題。\n修改之前請先閱讀設計文件，並執行全部測試。"));
        SNIPPETS.put("ja", List.of(
                "初期化",
                "設定を読む",
                "二つの数の和を返します",
                "ユーザーがログインしていない場合は、\nログイン画面に移動します。",
                "この関数はサーバーから返されたデータを解析し、\n各レコードが完全かどうかを確認して、\nエラーのあるレコードはログに書き出します。",
                "注意：このキャッシュはシングルスレッド環境でのみ安全です。\n複数のスレッドが同時に書き込む場合は、必ず先にロックを取得してください。\nそうしないとデータが失われたり、計算が重複したりする可能性があります。"));
        SNIPPETS.put("ko", List.of(
                "초기화",
                "설정 파일 읽기",
                "두 수의 합을 계산하여 반환한다",
                "사용자가 로그인하지 않았으면\n로그인 페이지로 이동한다.",
                "이 함수는 서버가 반환한 데이터를 분석하고,\n각 레코드가 완전한지 확인한 다음,\n오류가 있는 레코드는 로그에 기록한다.",
                "주의: 이 캐시는 단일 스레드 환경에서만 안전하다.\n여러 스레드가 동시에 쓰는 경우 반드시 먼저 잠금을 얻어야 한다.\n그렇지 않으면 데이터가 손실되거나 계산이 중복될 수 있다."));
        SNIPPETS.put("ru", List.of(
                "Привет",
                "читаем файл настроек",
                "Вычисляет сумму двух чисел и возвращает результат",
                "Если пользователь не вошёл в систему,\nперенаправляем его на страницу входа.",
                "Эта функция разбирает данные, полученные от сервера,\nпроверяет полноту каждой записи\nи пишет ошибочные записи в журнал.",
                "Внимание: этот кэш безопасен только в однопоточной среде.\nЕсли несколько потоков пишут одновременно, сначала возьмите блокировку,\nиначе данные могут потеряться или вычисления повторятся."));
        SNIPPETS.put("de-fr", List.of(
                "Größe",
                "Schließt die Datei",
                "Calcule la somme des deux nombres et renvoie le résultat",
                "Wenn der Benutzer nicht angemeldet ist,\nwird er zur Anmeldeseite zurückgeleitet.",
                "Cette fonction analyse les données reçues du serveur,\nvérifie que chaque entrée est complète\net écrit les entrées erronées dans le journal.",
                "Achtung: dieser Zwischenspeicher ist nur in einer einzelnen Ausführungsumgebung sicher.\nWenn mehrere Threads gleichzeitig schreiben, muss zuerst eine Sperre geholt werden,\nsonst können Daten verloren gehen oder Berechnungen doppelt ausgeführt werden."));
        ENCODINGS.put("zh-Hans", List.of("GBK", "GB18030"));
        ENCODINGS.put("zh-Hant", List.of("Big5"));
        ENCODINGS.put("ja", List.of("EUC-JP", "Shift_JIS"));
        ENCODINGS.put("ko", List.of("EUC-KR"));
        ENCODINGS.put("ru", List.of("windows-1251", "KOI8-R"));
        ENCODINGS.put("de-fr", List.of("windows-1252"));
    }

    /** Every sample: each language x its encodings x snippet x template (py, java, c) x declared or not. */
    static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        for (var lang : SNIPPETS.entrySet()) {
            for (String enc : ENCODINGS.get(lang.getKey())) {
                for (int i = 0; i < lang.getValue().size(); i++) {
                    for (String template : List.of("py", "java", "c")) {
                        for (boolean declared : new boolean[] {false, true}) {
                            out.add(sample(lang.getKey(), enc, i, lang.getValue().get(i), template, declared));
                        }
                    }
                }
            }
        }
        return out;
    }

    static Sample sample(String lang, String enc, int index, String snippet, String template, boolean declared) {
        String text = wrap(snippet, template, declared ? enc : null);
        String name = lang + "/" + enc + "/" + index + (declared ? "-decl" : "") + "." + template;
        return new Sample(name, enc, lang, declared, index, text.getBytes(Charset.forName(enc)), text);
    }

    /**
     * A source file holding the snippet as a comment and (its first line) as a string literal.
     * The declaration is a PEP 263 cookie in Python, an Emacs {@code -*- coding -*-} line in Java
     * and a Vim modeline in C.
     */
    static String wrap(String snippet, String template, String declare) {
        String first = snippet.lines().findFirst().orElse("");
        StringBuilder b = new StringBuilder();
        switch (template) {
            case "py" -> {
                if (declare != null) {
                    b.append("# -*- coding: ").append(declare.toLowerCase(java.util.Locale.ROOT)).append(" -*-\n");
                }
                for (String line : snippet.split("\n")) {
                    b.append("# ").append(line).append('\n');
                }
                b.append("def main():\n    print(\"").append(first).append("\")\n");
            }
            case "java" -> {
                if (declare != null) {
                    b.append("// -*- mode: java; coding: ").append(declare).append(" -*-\n");
                }
                b.append("/**\n");
                for (String line : snippet.split("\n")) {
                    b.append(" * ").append(line).append('\n');
                }
                b.append(" */\npublic class Main {\n    static final String MSG = \"").append(first).append("\";\n}\n");
            }
            default -> {
                b.append("#include <stdio.h>\n\n");
                for (String line : snippet.split("\n")) {
                    b.append("/* ").append(line).append(" */\n");
                }
                b.append("int main(void) {\n    puts(\"").append(first).append("\");\n    return 0;\n}\n");
                if (declare != null) {
                    b.append("/* vim: set fileencoding=").append(declare.toLowerCase(java.util.Locale.ROOT)).append(" : */\n");
                }
            }
        }
        return b.toString();
    }
}
