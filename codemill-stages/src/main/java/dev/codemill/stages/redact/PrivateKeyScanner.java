package dev.codemill.stages.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * PEM and OpenSSH private key blocks: {@code -----BEGIN … PRIVATE KEY…-----} up to the next
 * {@code -----END …PRIVATE KEY…-----} at most 32,768 characters later (RSA/EC/DSA/PKCS#8, encrypted
 * keys, {@code OPENSSH PRIVATE KEY}, {@code PGP PRIVATE KEY BLOCK}). Header and footer lines are
 * kept; the body's base64 runs become {@code <KEY>}.
 *
 * <p>The body counts only if it holds at least 64 base64 characters in runs of 16 or more that
 * contain a digit, {@code +} or {@code /} (so a parser's {@code BEGIN}/{@code END} constants are
 * not a key). Backslash escapes such as {@code \n} (a key inside a JSON or a Java string, e.g. a
 * GCP service-account {@code private_key}) separate runs. When no quote character lies between
 * the first and the last run, the whole body becomes one {@code <KEY>}; otherwise (a key spread
 * over several string literals joined by {@code +}) each run becomes {@code <KEY>} inside its own
 * literal, so the code stays valid. Either way it counts as one redaction.
 */
final class PrivateKeyScanner {
    private static final int MAX_BODY = 32_768;

    private PrivateKeyScanner() {
    }

    private static boolean isB64(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    static void scan(String text, List<Finding> out) {
        int from = 0;
        while (true) {
            int b = text.indexOf("-----BEGIN ", from);
            if (b < 0) {
                return;
            }
            from = b + 11;
            int hEnd = text.indexOf("-----", b + 11);
            if (hEnd < 0 || hEnd - b > 80 || text.substring(b, hEnd).indexOf("PRIVATE KEY") < 0) {
                continue;
            }
            int bodyStart = hEnd + 5;
            int f = text.indexOf("-----END ", bodyStart);
            if (f < 0 || f - bodyStart > MAX_BODY) {
                continue;
            }
            int fEnd = text.indexOf("-----", f + 9);
            if (fEnd < 0 || fEnd - f > 80 || text.substring(f, fEnd).indexOf("PRIVATE KEY") < 0) {
                continue;
            }
            List<int[]> runs = new ArrayList<>();
            int total = 0;
            int i = bodyStart;
            while (i < f) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (!isB64(c)) {
                    i++;
                    continue;
                }
                int j = i;
                boolean strong = false;
                while (j < f && isB64(text.charAt(j))) {
                    char d = text.charAt(j);
                    strong |= d >= '0' && d <= '9' || d == '+' || d == '/';
                    j++;
                }
                if (j - i >= 16 && strong) {
                    runs.add(new int[] {i, j});
                    total += j - i;
                }
                i = j;
            }
            if (total < 64) {
                continue;
            }
            int first = runs.get(0)[0];
            int last = runs.get(runs.size() - 1)[1];
            boolean quoted = false;
            for (int k = first; k < last && !quoted; k++) {
                char c = text.charAt(k);
                quoted = c == '"' || c == '\'' || c == '`';
            }
            if (!quoted) {
                out.add(new Finding(first, last, "private_key", "<KEY>", true, 0));
            } else {
                for (int r = 0; r < runs.size(); r++) {
                    out.add(new Finding(runs.get(r)[0], runs.get(r)[1], "private_key", "<KEY>", r == 0, 0));
                }
            }
            from = fEnd + 5;
        }
    }
}
