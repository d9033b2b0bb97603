package dev.codemill.stages.repo;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path helpers for {@code /}-separated repository paths. */
final class RepoPaths {
    private RepoPaths() {
    }

    static String dir(String path) {
        int s = path.lastIndexOf('/');
        return s < 0 ? "" : path.substring(0, s);
    }

    static String name(String path) {
        int s = path.lastIndexOf('/');
        return s < 0 ? path : path.substring(s + 1);
    }

    static String stem(String path) {
        String n = name(path);
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? n : n.substring(0, dot);
    }

    /** {@code dir + "/" + rel}, or {@code rel} at the root. */
    static String join(String dir, String rel) {
        return dir.isEmpty() ? rel : rel.isEmpty() ? dir : dir + "/" + rel;
    }

    /**
     * Normalises {@code .} and {@code ..} segments and repeated slashes; null when the path
     * climbs above the repository root.
     */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** Number of leading path segments two directories share. */
    static int commonSegments(String a, String b) {
        String[] x = a.isEmpty() ? new String[0] : a.split("/");
        String[] y = b.isEmpty() ? new String[0] : b.split("/");
        int n = 0;
        while (n < x.length && n < y.length && x[n].equals(y[n])) {
            n++;
        }
        return n;
    }
}
