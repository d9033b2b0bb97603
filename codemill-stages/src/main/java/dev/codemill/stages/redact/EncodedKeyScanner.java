package dev.codemill.stages.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * PEM private keys encoded in base64 once more (type {@code private_key_base64}, replaced by
 * {@code <KEY>}): Kubernetes {@code Secret} {@code data:} values ({@code tls.key: LS0tLS1CRUdJTi…}),
 * Helm values, {@code .env} files and CI variables hold the whole PEM file as one base64 string.
 * Such a string starts with {@value #MARK}, the base64 of {@code -----BEGIN } (the PEM text begins
 * at a multiple of 3 bytes).
 *
 * <p>From each occurrence not preceded by a base64 character, the run of base64 characters
 * ({@code A-Z a-z 0-9 + / =}) is read; it continues over a line break when the line is at least
 * 60 characters long (the {@code base64} tool wraps at 76, OpenSSL at 64) and the next line,
 * after the same indentation, goes on with base64. The run (line breaks dropped) must hold at
 * least 64 characters and decode (MIME decoder) to text whose first line is a PEM header
 * {@code -----BEGIN …PRIVATE KEY…-----}; certificates, public keys and CSRs
 * ({@code LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t}) are kept. The whole run becomes one {@code <KEY>}.
 */
final class EncodedKeyScanner {
    /** base64 of {@code "-----BEGIN "} (the first 14 characters; the 15th depends on the next byte). */
    static final String MARK = "LS0tLS1CRUdJTi";
    private static final int MAX_RUN = 65_536;

    private EncodedKeyScanner() {
    }

    private static boolean isB64(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    static void scan(String text, List<Finding> out) {
        int from = 0;
        while (true) {
            int s = text.indexOf(MARK, from);
            if (s < 0) {
                return;
            }
            from = s + MARK.length();
            if (s > 0 && isB64(text.charAt(s - 1))) {
                continue;
            }
            int e = runEnd(text, s);
            from = Math.max(from, e);
            StringBuilder b64 = new StringBuilder(e - s);
            for (int i = s; i < e; i++) {
                char c = text.charAt(i);
                if (isB64(c)) {
                    b64.append(c);
                }
            }
            if (b64.length() < 64 || !privateKeyHeader(b64)) {
                continue;
            }
            out.add(new Finding(s, e, "private_key_base64", "<KEY>", true, 0));
        }
    }

    /** End of the base64 run starting at {@code s}, wrapped lines included. */
    private static int runEnd(String text, int s) {
        int n = text.length();
        int lineStart = s;
        int e = s;
        while (e < n && e - s < MAX_RUN) {
            while (e < n && isB64(text.charAt(e))) {
                e++;
            }
            if (e - lineStart < 60 || e >= n) {
                return e;
            }
            int k = e;
            if (k < n && text.charAt(k) == '\r') {
                k++;
            }
            if (k >= n || text.charAt(k) != '\n') {
                return e;
            }
            k++;
            int indent = indentBefore(text, lineStart);
            int next = k;
            while (next < n && next - k < indent && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                next++;
            }
            if (next - k != indent || next >= n || !isB64(text.charAt(next))) {
                return e;
            }
            // the next line must be base64 to its end (a wrapped run, not the next key of a YAML map)
            int q = next;
            while (q < n && isB64(text.charAt(q))) {
                q++;
            }
            if (q < n && text.charAt(q) != '\n' && text.charAt(q) != '\r' && text.charAt(q) != '"' && text.charAt(q) != '\'') {
                return e;
            }
            lineStart = next;
            e = next;
        }
        return e;
    }

    /** Spaces and tabs at the start of the line holding {@code i}, when only they precede {@code i}; else 0. */
    private static int indentBefore(String text, int i) {
        int ls = text.lastIndexOf('\n', i - 1) + 1;
        int k = ls;
        while (k < i && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        return k == i ? i - ls : 0;
    }

    /** Whether the base64 text decodes to a PEM private-key header line. */
    static boolean privateKeyHeader(CharSequence b64) {
        int len = Math.min(b64.length(), 160) / 4 * 4; // 120 bytes: any PEM header line
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(b64.subSequence(0, len).toString());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("-----BEGIN ")) {
            return false;
        }
        int end = head.indexOf("-----", 11);
        return end > 0 && head.substring(11, end).contains("PRIVATE KEY");
    }
}
