package dev.codemill.stages.debug;

import java.util.Arrays;

/** A unified diff (as {@code diff -u} prints it) of two texts that differ in one stretch of lines. */
final class Diffs {
    private Diffs() {
    }

    /**
     * One hunk with up to {@code context} unchanged lines around the changed ones; empty when the
     * texts are equal. Lines are split at {@code \n}.
     */
    static String unified(String path, String original, String changed, int context) {
        if (original.equals(changed)) {
            return "";
        }
        String[] a = lines(original);
        String[] b = lines(changed);
        int p = 0;
        while (p < a.length && p < b.length && a[p].equals(b[p])) {
            p++;
        }
        int s = 0;
        while (s < a.length - p && s < b.length - p && a[a.length - 1 - s].equals(b[b.length - 1 - s])) {
            s++;
        }
        int from = Math.max(0, p - context);
        int aTo = Math.min(a.length, a.length - s + context);
        int bTo = Math.min(b.length, b.length - s + context);
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
        out.append("@@ -").append(range(from, aTo - from)).append(" +").append(range(from, bTo - from)).append(" @@\n");
        for (int i = from; i < p; i++) {
            out.append(' ').append(a[i]).append('\n');
        }
        for (int i = p; i < a.length - s; i++) {
            out.append('-').append(a[i]).append('\n');
        }
        for (int i = p; i < b.length - s; i++) {
            out.append('+').append(b[i]).append('\n');
        }
        for (int i = a.length - s; i < aTo; i++) {
            out.append(' ').append(a[i]).append('\n');
        }
        return out.toString();
    }

    private static String range(int from, int len) {
        return len == 0 ? from + ",0" : len == 1 ? Integer.toString(from + 1) : (from + 1) + "," + len;
    }

    private static String[] lines(String s) {
        String[] l = s.split("\n", -1);
        return s.endsWith("\n") ? Arrays.copyOf(l, l.length - 1) : l;
    }
}
