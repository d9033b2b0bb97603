package dev.codemill.stages.redact;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.openhft.hashing.LongHashFunction;

/**
 * IPv4 and IPv6 addresses, found by hand-written scans from each {@code .} between digits and
 * each {@code :} (linear time: a 1 MB run of digits and dots is one candidate).
 *
 * <p>An IPv4 candidate is four decimal octets 0..255 without leading zeros. It is rejected when a
 * digit, {@code .digit}, a letter or {@code _} is right before it, or a digit, {@code .digit}, a
 * letter, {@code _}, {@code +digit} or {@code -digit} right after it (so no window of the OID {@code 1.3.6.1.4.1.2021.10.1.3.1}
 * and no part of {@code 4.0.30319.42000} matches), and when context says it is a version (case
 * C17): a comparison operator before it ({@code >=}, {@code ==}, {@code <=}, {@code ~=},
 * {@code ^}, {@code ~}), a markdown heading {@code [1.2.3.4]}, or a version word
 * or a section number of a spec ({@link #VERSION_WORDS}) within 40 characters before it on its line that is nearer than any host
 * word ({@link #HOST_WORDS}), or within 20 characters after it with no host word before. A
 * CIDR suffix ({@code /24}) is kept; only the address is replaced.
 *
 * <p>An IPv6 candidate is a maximal run of hex digits, colons and dots bounded by non-word
 * characters that parses as RFC 4291 text (8 groups, or fewer with one {@code ::}, optionally an
 * embedded IPv4 tail); a compressed form needs a group of 3 or more hex digits (so Python slices
 * {@code a[1::2]} and C++ {@code a::b} are not addresses).
 *
 * <p>Kept unless {@code redactPrivate}: private, loopback, link-local, CGNAT, multicast and
 * reserved IPv4 ranges (RFC 1918, 6598, 3927, 5771), and every IPv6 address outside global
 * unicast {@code 2000::/3} (RFC 4291, 4193). Always kept: the public DNS resolvers of
 * {@code keep-ips.txt}. Documentation ranges (RFC 5737, RFC 3849) are kept only if
 * {@code keepDocumentation}.
 *
 * <p>Replacement: an address of the documentation ranges chosen by a hash (xxHash3 with the
 * recipe seed) of the address text, so the same address always gets the same replacement;
 * IPv4 → {@code 192.0.2.x}, {@code 198.51.100.x} or {@code 203.0.113.x} (x in 1..254, never the
 * address itself), IPv6 → {@code 2001:db8::xxxx}.
 */
final class IpScanner {
    static final List<String> VERSION_WORDS = List.of("version", "ver", "build", "sdk", "runtime", "release",
            "firmware", "driver", "assembly", "rev", "revision", "bump", "requires", "upgrade", "tag", "v",
            "section", "sections", "oid", "jvms", "jls", "spec", "specs", "chapter", "rfc", "clause", "figure", "fig");
    static final List<String> HOST_WORDS = List.of("host", "hostname", "ip", "ipv4", "addr", "address", "server",
            "proxy", "gateway", "dns", "endpoint", "url", "bind", "listen", "remote", "peer", "upstream", "nameserver");
    private static final Set<String> KEEP = new HashSet<>(Data.lines("keep-ips.txt"));
    private static final String[] V4_BLOCKS = {"192.0.2.", "198.51.100.", "203.0.113."};

    private final boolean redactPrivate;
    private final boolean keepDocumentation;
    private final LongHashFunction hash;

    IpScanner(boolean redactPrivate, boolean keepDocumentation, long seed) {
        this.redactPrivate = redactPrivate;
        this.keepDocumentation = keepDocumentation;
        this.hash = LongHashFunction.xx3(seed);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Appends the IPv4 findings of {@code text} to {@code out}. The loop only looks for a
     * {@code .} between two digits; each such dot is checked by {@link #candidateV4} (a method of
     * its own, so that the JIT keeps the loop small and compiles the check once).
     */
    void scanV4(String text, List<Finding> out) {
        scanV4(text, text.toCharArray(), out);
    }

    /** {@link #scanV4(String, List)} with {@code text}'s chars in {@code a} (read only; may be longer than the text). */
    void scanV4(String text, char[] a, List<Finding> out) {
        int n = text.length();
        int from = 0;
        while (true) {
            int dot = indexOf(a, n, '.', from);
            if (dot < 0) {
                return;
            }
            if (dot == 0 || dot + 1 >= n || !isDigit(text.charAt(dot - 1)) || !isDigit(text.charAt(dot + 1))) {
                from = dot + 1;
                continue;
            }
            from = candidateV4(text, dot, out);
        }
    }

    /**
     * The run of digits and dots around {@code dot} (a dot between two digits), added to
     * {@code out} when it is a reportable IPv4 address; returns the end of the run, where the scan
     * goes on.
     */
    private int candidateV4(String text, int dot, List<Finding> out) {
        int n = text.length();
        int s = dot - 1;
        while (s > 0 && (isDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
            s--;
        }
        while (text.charAt(s) == '.') {
            s++;
        }
        int e = dot + 1;
        while (e < n && (isDigit(text.charAt(e)) || text.charAt(e) == '.')) {
            e++;
        }
        int end = e;
        while (text.charAt(end - 1) == '.') {
            end--; // a sentence-final dot
        }
        if (s > 0 && (isWordChar(text.charAt(s - 1)))) {
            return e;
        }
        if (end < n && isWordChar(text.charAt(end))
                || end + 1 < n && (text.charAt(end) == '+' || text.charAt(end) == '-') && isDigit(text.charAt(end + 1))) {
            return e; // 12.34.56.78+0800 is a time, 1.2.3.4-1 a package version
        }
        if (end - s > 15 || !isV4(text, s, end)) {
            return e;
        }
        reportV4(text, s, end, out);
        return e;
    }

    /** The address {@code text[s, end)} (four octets), added unless its context says version or it is kept. */
    private void reportV4(String text, int s, int end, List<Finding> out) {
        if (isVersionContext(text, s, end)) {
            return;
        }
        String ip = text.substring(s, end);
        if (keepV4(ip)) {
            return;
        }
        out.add(new Finding(s, end, "ipv4", replaceV4(ip), true, 4));
    }

    /** Four dot-separated decimal octets 0..255 without leading zeros, exactly. */
    static boolean isV4(CharSequence t, int s, int e) {
        int parts = 0;
        int i = s;
        while (i < e) {
            int j = i;
            int v = 0;
            while (j < e && isDigit(t.charAt(j)) && j - i < 4) {
                v = v * 10 + (t.charAt(j) - '0');
                j++;
            }
            int len = j - i;
            if (len == 0 || len > 3 || v > 255 || len > 1 && t.charAt(i) == '0') {
                return false;
            }
            parts++;
            if (j == e) {
                break;
            }
            if (t.charAt(j) != '.') {
                return false;
            }
            i = j + 1;
            if (i == e) {
                return false;
            }
        }
        return parts == 4;
    }

    private static boolean isVersionContext(String text, int s, int e) {
        int lineStart = text.lastIndexOf('\n', s - 1) + 1;
        int lineEnd = text.indexOf('\n', e);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        // operator prefix: >= 1.2.3.4, ==1.2.3.4, ^1.2.3.4
        int p = s;
        while (p > lineStart && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '"' || text.charAt(p - 1) == '\'')) {
            p--;
        }
        if (p > lineStart) {
            char c = text.charAt(p - 1);
            if (c == '^' || c == '~' || c == '=' && p - 1 > lineStart && "=<>~!".indexOf(text.charAt(p - 2)) >= 0) {
                return true;
            }
        }
        if (s > lineStart && text.charAt(s - 1) == '[' && e < lineEnd && text.charAt(e) == ']'
                && text.charAt(lineStart) == '#') {
            return true;
        }
        String before = text.substring(Math.max(lineStart, s - 40), s).toLowerCase(Locale.ROOT);
        String after = text.substring(e, Math.min(lineEnd, e + 20)).toLowerCase(Locale.ROOT);
        int versionAt = lastWord(before, VERSION_WORDS);
        int hostAt = lastWord(before, HOST_WORDS);
        if (versionAt >= 0 && versionAt > hostAt) {
            return true;
        }
        return hostAt < 0 && lastWord(after, VERSION_WORDS) >= 0;
    }

    /** Start of the last word of {@code s} (runs of letters) in {@code words}, or -1. */
    static int lastWord(String s, List<String> words) {
        int best = -1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Character.isLetter(s.charAt(j))) {
                j++;
            }
            String w = s.substring(i, j);
            if (words.contains(w) || words == VERSION_WORDS && (w.startsWith("version") || w.endsWith("version"))) {
                best = i;
            }
            i = j;
        }
        return best;
    }

    private boolean keepV4(String ip) {
        if (KEEP.contains(ip)) {
            return true;
        }
        String[] p = ip.split("\\.");
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        int c = Integer.parseInt(p[2]);
        if (keepDocumentation && (a == 192 && b == 0 && c == 2 || a == 198 && b == 51 && c == 100 || a == 203 && b == 0 && c == 113)) {
            return true;
        }
        boolean priv = a == 0 || a == 10 || a == 127 || a == 169 && b == 254 || a == 172 && b >= 16 && b <= 31
                || a == 192 && b == 168 || a == 100 && b >= 64 && b <= 127 || a >= 224;
        return priv && !redactPrivate;
    }

    String replaceV4(String ip) {
        long h = hash.hashChars(ip);
        String block = V4_BLOCKS[(int) Long.remainderUnsigned(h, 3)];
        int host = 1 + (int) Long.remainderUnsigned(h >>> 8, 254);
        String r = block + host;
        if (r.equals(ip)) {
            r = block + (host % 254 + 1);
        }
        return r;
    }

    void scanV6(String text, List<Finding> out) {
        scanV6(text, text.toCharArray(), out);
    }

    /**
     * The index of {@code c} in {@code a[from, n)}, or -1: {@link String#indexOf(int, int)} on the
     * text's chars (under C1 the JDK's {@code StringLatin1.indexOf} is a plain loop behind a call chain).
     */
    static int indexOf(char[] a, int n, char c, int from) {
        for (int i = from; i < n; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #scanV6(String, List)} with {@code text}'s chars in {@code a} (read only; may be longer than the text). */
    void scanV6(String text, char[] a, List<Finding> out) {
        int n = text.length();
        int done = 0;
        for (int colon = indexOf(a, n, ':', 0); colon >= 0; colon = indexOf(a, n, ':', Math.max(colon + 1, done))) {
            int s = colon;
            while (s > 0 && (isHex(text.charAt(s - 1)) || text.charAt(s - 1) == ':' || text.charAt(s - 1) == '.')) {
                s--;
            }
            int e = colon + 1;
            while (e < n && (isHex(text.charAt(e)) || text.charAt(e) == ':' || text.charAt(e) == '.')) {
                e++;
            }
            done = e;
            while (e > s && text.charAt(e - 1) == '.') {
                e--;
            }
            while (s < e && text.charAt(s) == '.') {
                s++;
            }
            if (e - s < 3 || e - s > 45 || s > 0 && isWordChar(text.charAt(s - 1)) || e < n && isWordChar(text.charAt(e))) {
                continue;
            }
            String run = text.substring(s, e);
            if (!isV6(run) || keepV6(run)) {
                continue;
            }
            out.add(new Finding(s, e, "ipv6", replaceV6(run), true, 4));
        }
    }

    /** RFC 4291 text form, with the extra rule that a compressed form needs a group of 3+ hex digits. */
    static boolean isV6(String run) {
        int dc = run.indexOf("::");
        if (dc >= 0 && run.indexOf("::", dc + 1) >= 0 || run.contains(":::")) {
            return false;
        }
        String head = run;
        int extra = 0;
        int lastColon = run.lastIndexOf(':');
        if (run.indexOf('.') >= 0) {
            String tail = run.substring(lastColon + 1);
            if (!isV4(tail, 0, tail.length())) {
                return false;
            }
            head = run.substring(0, lastColon + 1);
            if (!head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
            extra = 2;
        }
        int groups = extra;
        boolean longGroup = extra > 0;
        boolean digit = extra > 0;
        for (String g : head.split(":", -1)) {
            if (g.isEmpty()) {
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (int i = 0; i < g.length(); i++) {
                if (!isHex(g.charAt(i))) {
                    return false;
                }
                digit |= isDigit(g.charAt(i));
            }
            longGroup |= g.length() >= 3;
            groups++;
        }
        if (!digit) {
            return false;
        }
        if (dc < 0) {
            return groups == 8 && !run.startsWith(":") && !run.endsWith(":");
        }
        if (run.startsWith(":") && !run.startsWith("::") || run.endsWith(":") && !run.endsWith("::")) {
            return false;
        }
        return groups <= 7 && groups >= 1 && longGroup;
    }

    private boolean keepV6(String ip) {
        String low = ip.toLowerCase(Locale.ROOT);
        if (KEEP.contains(low)) {
            return true;
        }
        if (keepDocumentation && low.startsWith("2001:db8:")) {
            return true;
        }
        if (redactPrivate) {
            return false;
        }
        // only global unicast 2000::/3 can name a host on the internet; ::1, fe80::/10, fc00::/7,
        // ff00::/8 and the reserved rest are kept like private IPv4 ranges
        int colon = low.indexOf(':');
        if (colon != 4) {
            return true;
        }
        int g = Integer.parseInt(low.substring(0, 4), 16);
        return (g & 0xe000) != 0x2000;
    }

    String replaceV6(String ip) {
        long h = hash.hashChars(ip.toLowerCase(Locale.ROOT));
        int x = 1 + (int) Long.remainderUnsigned(h, 0xfffe);
        String r = "2001:db8::" + Integer.toHexString(x);
        if (r.equalsIgnoreCase(ip)) {
            r = "2001:db8::" + Integer.toHexString(x % 0xfffe + 1);
        }
        return r;
    }
}
