package dev.codemill.stages.license;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an {@code SPDX-License-Identifier: <expression>} line (the REUSE / Linux kernel
 * convention) in the first {@link #MAX_LINES} lines of a file. The tag must be at the start of a
 * line, after optional comment markers ({@code //}, {@code #}, {@code /*}, {@code *}, {@code --},
 * {@code ;}, {@code %}, {@code <!--}, {@code {-}, {@code '}, {@code rem}); a trailing comment
 * closer ({@code *}{@code /}, {@code -->}, {@code -}}) is removed. A tag inside a string literal
 * of code ({@code "SPDX-License-Identifier: MIT"}) is not a header and is ignored.
 */
public final class SpdxHeader {
    /** Lines searched from the top; the kernel and REUSE put the tag in the first lines, 50 allows long banners. */
    public static final int MAX_LINES = 50;
    private static final Pattern LINE = Pattern.compile(
            "^[ \\t]*(?:(?://+|#+|/\\*+|\\*+|--+|;+|%+|<!--|\\{-|'|(?i:rem)|\\.\\.)[ \\t]*)?SPDX-License-Identifier:[ \\t]*(.+?)[ \\t]*$");
    private static final Pattern CLOSER = Pattern.compile("[ \\t]*(?:\\*+/|-->|-\\})[ \\t]*$");

    private SpdxHeader() {
    }

    /** The expression of the first valid tag, or null when there is none (or it does not parse). */
    public static SpdxExpression find(String text) {
        int start = 0;
        for (int line = 0; line < MAX_LINES && start <= text.length(); line++) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String l = text.substring(start, end);
            if (l.contains("SPDX-License-Identifier:")) {
                Matcher m = LINE.matcher(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
                if (m.matches()) {
                    String expr = CLOSER.matcher(m.group(1)).replaceFirst("");
                    SpdxExpression e = SpdxExpression.parse(expr);
                    if (e != null) {
                        return e;
                    }
                }
            }
            if (end == text.length()) {
                break;
            }
            start = end + 1;
        }
        return null;
    }
}
