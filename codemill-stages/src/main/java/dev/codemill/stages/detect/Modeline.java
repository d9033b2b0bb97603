package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the file type an editor modeline declares.
 *
 * <ul>
 *   <li>Vim (first and last {@value #VIM_LINES} lines, as Vim's default {@code modelines=5}):
 *       {@code vim: set ft=ruby:}, {@code vi: filetype=python}, {@code ex: syntax=c},
 *       {@code vim600: ft=cpp}.</li>
 *   <li>Emacs (first line, or second after a shebang, as Emacs reads it):
 *       {@code -*- mode: python -*-}, {@code -*- C++ -*-}. A {@code -*- coding: utf-8 -*-}
 *       line without {@code mode} declares no language.</li>
 * </ul>
 * Returns the raw name ({@code ruby}, {@code c++}); {@link LanguageTable#byAlias} maps it to a
 * linguist name. The same lines linguist's {@code Modeline} strategy reads.
 */
public final class Modeline {
    private Modeline() {
    }

    static final int VIM_LINES = 5;

    private static final Pattern VIM = Pattern.compile(
            "(?:^|\\s)(?:vi|vim|Vim|ex)(?:[<=>]?\\d+)?:(?:.*?[\\s:])?(?:ft|filetype|syntax)\\s*=\\s*([\\w+#.-]+)");
    private static final Pattern EMACS = Pattern.compile("-\\*-(.*?)-\\*-");
    private static final Pattern EMACS_MODE = Pattern.compile("(?:^|;)\\s*mode\\s*:\\s*([\\w+#.-]+)", Pattern.CASE_INSENSITIVE);

    /** The declared file type, or null. */
    public static String fileType(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        // Emacs: first line, or the second when the first is a shebang
        int firstEnd = lineEnd(text, 0);
        String first = text.substring(0, firstEnd);
        String emacs = emacsMode(first);
        if (emacs == null && (first.startsWith("#!") || first.startsWith("\uFEFF#!")) && firstEnd < text.length()) {
            emacs = emacsMode(text.substring(firstEnd + 1, lineEnd(text, firstEnd + 1)));
        }
        if (emacs != null) {
            return emacs;
        }
        // Vim: first lines
        int pos = 0;
        for (int i = 0; i < VIM_LINES && pos <= text.length(); i++) {
            int end = lineEnd(text, pos);
            String v = vim(text, pos, end);
            if (v != null) {
                return v;
            }
            pos = end + 1;
        }
        if (pos >= text.length()) {
            return null;           // the whole text was within the first lines
        }
        // Vim: last lines (ignoring one final newline)
        int end = text.length();
        if (text.charAt(end - 1) == '\n') {
            end--;
        }
        for (int i = 0; i < VIM_LINES && end >= pos; i++) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            if (start < pos) {
                break;
            }
            String v = vim(text, start, end);
            if (v != null) {
                return v;
            }
            end = start - 1;
        }
        return null;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static String vim(String text, int start, int end) {
        if (end - start > 1000 || end <= start) {
            return null;
        }
        String line = text.substring(start, end);
        if (line.indexOf("vi") < 0 && line.indexOf("Vim") < 0 && line.indexOf("ex:") < 0) {
            return null;
        }
        Matcher m = VIM.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private static String emacsMode(String line) {
        if (line.length() > 1000 || line.indexOf("-*-") < 0) {
            return null;
        }
        Matcher m = EMACS.matcher(line);
        if (!m.find()) {
            return null;
        }
        String inner = m.group(1).trim();
        if (inner.indexOf(':') < 0) {
            return inner.isEmpty() ? null : stripMode(inner);     // -*- C++ -*-
        }
        Matcher mode = EMACS_MODE.matcher(inner);
        return mode.find() ? stripMode(mode.group(1)) : null;
    }

    private static String stripMode(String name) {
        return name.endsWith("-mode") ? name.substring(0, name.length() - 5) : name;
    }
}
