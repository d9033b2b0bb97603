package dev.codemill.stages.redact;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * E-mail addresses and passwords in URL user info, found by a hand-written scan from each
 * {@code @} (no regex: a line of {@code a@a@a@…} costs linear time; the local part is read back at
 * most 64 characters, the domain forward at most 253, RFC 5321 limits).
 *
 * <p>Not e-mails (case C17): {@code git@github.com:org/repo} (an scp-style SSH remote: the domain
 * is followed by {@code :} and a non-blank character), {@code ssh://git@host/…} and any
 * {@code scheme://user@host} (URL user info), {@code @scope/pkg@1.2.3} (the "domain" has no
 * alphabetic TLD), {@code icon@2x.png} and {@code x@self.weights} (the TLD is not a known one:
 * any two letters except {@code email-tld-reject.txt}, or one of {@code tlds.txt}). A mailbox whose
 * local part is {@code git} at some other domain in prose is still an e-mail.
 *
 * <p>{@code scheme://user:PASSWORD@host} gives a {@code url_password} finding over the password
 * when it is not a placeholder ({@link #strongUrlPassword}).
 */
final class EmailScanner {
    private static final Set<String> TLDS = new HashSet<>(Data.lines("tlds.txt"));
    private static final Set<String> REJECT_TLDS = new HashSet<>(Data.lines("email-tld-reject.txt"));

    private EmailScanner() {
    }

    static boolean isLocal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isLabel(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
    }

    static void scan(String text, boolean emails, boolean urlPasswords, List<Finding> out) {
        int n = text.length();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int s = at;
            while (s > 0 && at - s < 64 && isLocal(text.charAt(s - 1))) {
                s--;
            }
            while (s < at && text.charAt(s) == '.') {
                s++;
            }
            if (s == at) {
                continue;
            }
            if (s > 0 && at - s >= 64 && isLocal(text.charAt(s - 1))) {
                continue; // local part longer than 64: not an address
            }
            // URL user info: scheme://user@host or scheme://user:password@host
            if (s >= 3 && text.startsWith("://", s - 3)) {
                continue;
            }
            if (s > 0 && text.charAt(s - 1) == ':') {
                int u = s - 1;
                while (u > 0 && s - u < 128 && isLocal(text.charAt(u - 1))) {
                    u--;
                }
                if (u >= 3 && text.startsWith("://", u - 3)) {
                    if (urlPasswords && strongUrlPassword(text, s, at)) {
                        out.add(new Finding(s, at, "url_password", "<PASSWORD>", true, 2));
                    }
                    continue;
                }
            }
            // domain: labels separated by dots
            int e = at + 1;
            int lastDot = -1;
            while (e < n && e - at <= 253) {
                char c = text.charAt(e);
                if (isLabel(c)) {
                    e++;
                } else if (c == '.' && e + 1 < n && isLabel(text.charAt(e + 1)) && text.charAt(e - 1) != '.' && e > at + 1) {
                    lastDot = e;
                    e++;
                } else {
                    break;
                }
            }
            if (lastDot < 0 || !emails) {
                continue;
            }
            String tld = text.substring(lastDot + 1, e).toLowerCase(Locale.ROOT);
            if (!validTld(tld) || text.charAt(at + 1) == '-' || text.charAt(e - 1) == '-') {
                continue;
            }
            if (e + 1 < n && text.charAt(e) == ':' && !Character.isWhitespace(text.charAt(e + 1))) {
                continue; // git@github.com:org/repo.git
            }
            out.add(new Finding(s, e, "email", "<EMAIL>", true, 3));
        }
    }

    /**
     * A URL password counts when it holds a digit or a symbol, or has 8+ characters in both cases:
     * {@code user:pass@}, {@code joe:password@} in URL-parsing tests are placeholders.
     */
    static boolean strongUrlPassword(String text, int s, int e) {
        boolean upper = false;
        boolean lower = false;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || !Character.isLetter(c)) {
                return true;
            }
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        return e - s >= 8 && upper && lower;
    }

    static boolean validTld(String tld) {
        for (int i = 0; i < tld.length(); i++) {
            char c = tld.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        if (tld.length() == 2) {
            return !REJECT_TLDS.contains(tld);
        }
        return TLDS.contains(tld);
    }
}
