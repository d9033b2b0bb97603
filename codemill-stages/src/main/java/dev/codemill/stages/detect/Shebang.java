package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
/**
 * Reads the interpreter named by a file's first line ({@code #!/usr/bin/env python3},
 * {@code #!/bin/sh}, {@code #!/usr/bin/env -S deno run}, {@code #! /usr/local/bin/python3.11 -u}).
 *
 * <p>Only the first line counts (as the kernel does), after an optional U+FEFF byte-order mark
 * left in the text (scc #115, syntect #529: a BOM must not hide the shebang); leading
 * whitespace is not skipped. For {@code env}, options ({@code -S}, {@code -i}, {@code -u NAME},
 * {@code -C DIR}, {@code --}) and {@code NAME=value} assignments are skipped, as GNU
 * coreutils' {@code env} reads them. The result is the interpreter's base name, version left
 * on ({@code python3.11}); {@link LanguageTable#byInterpreter} strips versions.
 */
public final class Shebang {
    private Shebang() {
    }

    /** Longest first line read, in chars; a longer "shebang" is not one. */
    static final int MAX_LINE = 512;

    /** The interpreter's base name, or null when the text does not start with {@code #!} or names none. */
    public static String interpreter(String text) {
        if (text == null) {
            return null;
        }
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        if (!text.startsWith("#!", start)) {
            return null;
        }
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        if (end - start > MAX_LINE) {
            return null;
        }
        String[] tokens = text.substring(start + 2, end).trim().split("[ \t\r]+");
        if (tokens.length == 0 || tokens[0].isEmpty()) {
            return null;
        }
        String first = baseName(tokens[0]);
        if (!first.equals("env")) {
            return first.isEmpty() ? null : first;
        }
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("-u") || t.equals("--unset") || t.equals("-C") || t.equals("--chdir")) {
                i++;                       // option with a separate argument
                continue;
            }
            if (t.startsWith("-S") && t.length() > 2) {
                return baseName(t.substring(2));   // -Spython3
            }
            if (t.startsWith("-")) {
                continue;                  // -S, -i, --, --split-string, -u… joined
            }
            if (t.indexOf('=') > 0) {
                continue;                  // NAME=value
            }
            String b = baseName(t);
            return b.isEmpty() ? null : b;
        }
        return null;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
