package dev.codemill.stages.redact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the detector tables under {@code codemill/redact/} on the class path. */
final class Data {
    private Data() {
    }

    /** Non-blank lines that do not start with {@code #}, trimmed of trailing whitespace. */
    static List<String> lines(String name) {
        String path = "/codemill/redact/" + name;
        try (InputStream in = Data.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String t = line.stripTrailing();
                    if (!t.isBlank() && !t.startsWith("#")) {
                        out.add(t);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** Whether {@code p} occurs in {@code text} at {@code i} (a plain loop: cheaper than {@code startsWith} in hot scans). */
    static boolean at(String text, int i, String p) {
        int m = p.length();
        if (i + m > text.length()) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (text.charAt(i + k) != p.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
