package dev.codemill.stages.detect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An encoding declared inside a file, found by reading its head (and, for Vim, its tail) as
 * ASCII. Kinds, in the order they are looked for (the first found is the declaration):
 * <ol>
 *   <li>{@code xml}: {@code <?xml … encoding="X"?>} at byte 0 (XML 1.0 §4.3.3);</li>
 *   <li>{@code css}: {@code @charset "X";} at byte 0 (CSS Syntax Level 3 §3.2);</li>
 *   <li>{@code emacs}: {@code -*- … coding: X … -*-} on line 1 or 2 (Emacs manual, "Specifying
 *       File Variables");</li>
 *   <li>{@code vim}: a {@code vi:/vim:/ex:} modeline with {@code fileencoding=X} or {@code fenc=X}
 *       on lines 1–5 or the last 5 lines (Vim's {@code 'modelines'} default);</li>
 *   <li>{@code pep263}: a {@code #} comment on line 1 or 2 matching
 *       {@code coding[:=]\s*([-\w.]+)} (PEP 263);</li>
 *   <li>{@code html}: {@code <meta charset="X">} or {@code <meta http-equiv="Content-Type"
 *       content="…; charset=X">} in the first 1024 bytes (the HTML prescan window).</li>
 * </ol>
 * The label is mapped to a Java charset by {@link #charsetFor(String)}.
 *
 * @param kind    one of the kinds above
 * @param label   the label as written
 * @param charset the charset it names, or null when the label is unknown or cannot be right
 *                (see {@link #problem})
 * @param problem why the label cannot be used, or null
 */
public record EncodingDeclaration(String kind, String label, Charset charset, String problem) {
    /** Bytes read from the start for the HTML prescan. */
    static final int HEAD_BYTES = 1024;
    private static final Pattern XML = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][-\\w.:]*)[\"']");
    private static final Pattern CSS = Pattern.compile("^@charset \"([-\\w.:]+)\";");
    private static final Pattern EMACS = Pattern.compile("-\\*-.*?\\bcoding:\\s*([-\\w.]+).*?-\\*-");
    private static final Pattern VIM = Pattern.compile("(?:^|\\s)(?:vi|vim|ex)(?:[<=>]?\\d+)?:.*?\\b(?:fileencoding|fenc)=([-\\w.]+)");
    private static final Pattern PEP263 = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern META = Pattern.compile("<meta\\s[^>]*?charset\\s*=\\s*[\"']?([-\\w.:]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMACS_EOL = Pattern.compile("-(?:unix|dos|mac)$");

    /** Labels Java does not know, or knows as a narrower charset than the files that use them. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("utf-8-sig", "UTF-8"),
            Map.entry("latin-1", "ISO-8859-1"), Map.entry("latin1", "ISO-8859-1"), Map.entry("l1", "ISO-8859-1"),
            Map.entry("gb2312", "GBK"), Map.entry("euc-cn", "GBK"), Map.entry("cp936", "GBK"), Map.entry("x-gbk", "GBK"),
            Map.entry("cp950", "x-windows-950"), Map.entry("big5-tw", "Big5"),
            Map.entry("shift-jis", "windows-31j"), Map.entry("shift_jis", "windows-31j"), Map.entry("sjis", "windows-31j"),
            Map.entry("s-jis", "windows-31j"), Map.entry("cp932", "windows-31j"), Map.entry("ms932", "windows-31j"),
            Map.entry("ms-kanji", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("eucjp", "EUC-JP"), Map.entry("ujis", "EUC-JP"), Map.entry("euckr", "EUC-KR"),
            Map.entry("cp949", "x-windows-949"), Map.entry("uhc", "x-windows-949"), Map.entry("ks-c-5601-1987", "EUC-KR"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp1252", "windows-1252"), Map.entry("koi8r", "KOI8-R"));

    /** The first declaration in {@code bytes[from..]}, or null when there is none. */
    public static EncodingDeclaration find(byte[] bytes, int from) {
        String head = new String(bytes, from, Math.min(HEAD_BYTES, bytes.length - from), StandardCharsets.ISO_8859_1);
        Matcher m = XML.matcher(head);
        if (m.find()) {
            return of("xml", m.group(1));
        }
        m = CSS.matcher(head);
        if (m.find()) {
            return of("css", m.group(1));
        }
        String[] lines = head.split("\r\n|\r|\n", 6);
        for (int i = 0; i < Math.min(2, lines.length); i++) {
            if ((m = EMACS.matcher(lines[i])).find()) {
                return of("emacs", m.group(1));
            }
            if ((m = VIM.matcher(lines[i])).find()) {
                return of("vim", m.group(1));
            }
            if ((m = PEP263.matcher(lines[i])).find()) {
                return of("pep263", m.group(1));
            }
        }
        for (int i = 2; i < Math.min(5, lines.length); i++) {
            if ((m = VIM.matcher(lines[i])).find()) {
                return of("vim", m.group(1));
            }
        }
        if ((m = META.matcher(head)).find()) {
            return of("html", m.group(1));
        }
        return tailVim(bytes, from);
    }

    /** A Vim modeline on one of the last 5 lines. */
    private static EncodingDeclaration tailVim(byte[] bytes, int from) {
        int start = Math.max(from, bytes.length - HEAD_BYTES);
        String tail = new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        String[] lines = tail.split("\r\n|\r|\n");
        for (int i = Math.max(0, lines.length - 5); i < lines.length; i++) {
            Matcher m = VIM.matcher(lines[i]);
            if (m.find()) {
                return of("vim", m.group(1));
            }
        }
        return null;
    }

    static EncodingDeclaration of(String kind, String label) {
        String norm = EMACS_EOL.matcher(label.toLowerCase(Locale.ROOT)).replaceFirst("");
        if (norm.startsWith("utf-16") || norm.startsWith("utf-32") || norm.startsWith("utf16") || norm.startsWith("utf32")
                || norm.equals("ucs-2") || norm.equals("unicode")) {
            return new EncodingDeclaration(kind, label, null,
                    "declares " + label + ", but the declaration itself is written in single bytes");
        }
        Charset cs = charsetFor(norm);
        return cs == null
                ? new EncodingDeclaration(kind, label, null, "unknown charset label '" + label + "'")
                : new EncodingDeclaration(kind, label, cs, null);
    }

    /**
     * The Java charset a declaration label names: an alias table for labels Java lacks or maps
     * to a narrower set ({@code gb2312} → GBK, {@code shift_jis} → windows-31j, as browsers do,
     * WHATWG Encoding Standard), then {@link Charset#forName}; null when unknown.
     */
    static Charset charsetFor(String label) {
        String norm = EMACS_EOL.matcher(label.toLowerCase(Locale.ROOT)).replaceFirst("");
        String alias = ALIASES.getOrDefault(norm, ALIASES.get(norm.replace('_', '-')));
        try {
            if (alias != null) {
                return Charset.forName(alias);
            }
            if (Charset.isSupported(norm)) {
                return Charset.forName(norm);
            }
            String dashed = norm.replace('_', '-');
            return Charset.isSupported(dashed) ? Charset.forName(dashed) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code kind:label}, as recorded in the {@code encoding_declared} annotation. */
    @Override
    public String toString() {
        return kind + ":" + label;
    }
}
