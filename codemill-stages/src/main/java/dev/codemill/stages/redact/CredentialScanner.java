package dev.codemill.stages.redact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in HTTP {@code Authorization} headers and on {@code curl}/{@code wget} command
 * lines (gitleaks v8 rules {@code curl-auth-header} and {@code curl-auth-user} cover the same
 * shapes). Only the secret is replaced; the header name, the scheme and the user name stay.
 *
 * <ul>
 *   <li>{@code basic_auth} ({@code <PASSWORD>}): {@code Authorization: Basic B64} where
 *       {@code B64} decodes (RFC 7617: base64 of {@code user-id ":" password}, UTF-8) to text
 *       with a {@code :} whose password part is not weak ({@link EmailScanner#strongUrlPassword},
 *       the URL-password rule) and not a placeholder; the RFC 7617/2617 example
 *       {@code Aladdin:open sesame} is kept.</li>
 *   <li>{@code bearer_token} ({@code <KEY>}): {@code Authorization: Bearer T} or
 *       {@code Authorization: Token T} (Django REST framework) where {@code T} (RFC 6750
 *       {@code b64token} characters) passes the generic-secret test of {@link SecretNameScanner}
 *       (length, entropy, a letter and a digit, no placeholder).</li>
 *   <li>{@code cli_password} ({@code <PASSWORD>}): {@code -u user:PASS}, {@code -U},
 *       {@code --user}, {@code --proxy-user} (curl), {@code --password}, {@code --http-password},
 *       {@code --ftp-password}, {@code --proxy-password} (wget), after the word {@code curl} or
 *       {@code wget} on the same logical line (backslash continuations followed, at most 10 lines), also as a list of
 *       arguments ({@code ["curl", "-u", "me:PASS"]}); the password must pass the URL-password rule
 *       and hold no {@code $ { < %} (a shell variable or template is not a secret).</li>
 * </ul>
 *
 * <p>The header forms: a name {@code Authorization} or {@code Proxy-Authorization} (any case),
 * an optional closing quote and {@code ]}, then {@code :}, {@code =}, {@code =>} or {@code ,}
 * (a call {@code setHeader("Authorization", "Bearer …")}), an optional opening quote, the scheme
 * and the credential ({@code Authorization: Bearer …} in HTTP fixtures and {@code curl -H},
 * {@code {"Authorization": "Bearer …"}} in Python, JSON and JavaScript). A whole string literal
 * {@code "Bearer T"} or {@code "Basic B64"} counts without the header name. Not credentials:
 * {@code Bearer ${TOKEN}}, {@code Bearer <token>}, {@code f"Bearer {token}"},
 * {@code "Bearer " + token}, {@code Basic realm="…"} (the value must start right after the scheme
 * with a {@code b64token} character and, for Basic, decode).
 */
final class CredentialScanner {
    private static final String B64TOKEN = "[A-Za-z0-9._~+/\\-]{1,4096}+=*+";
    private static final Pattern HEADER = Pattern.compile(
            "(?i:(?<![A-Za-z0-9_-])(?:proxy-)?authorization)[\"'`]?\\]?\\s{0,5}+(?:=>|:|=|,)\\s{0,5}+[\"'`]?"
                    + "(?<s>(?i:basic|bearer|token))[ \\t]{1,5}+(?<v>" + B64TOKEN + ")");
    private static final Pattern LITERAL = Pattern.compile(
            "(?<=[\"'`])(?<s>Basic|Bearer)[ ](?<v>" + B64TOKEN + ")(?=[\"'`])");
    private static final Pattern CLI = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?:(?<short>-[uU])|(?<long>--user|--proxy-user))(?:=|[\"']?\\s{0,3}+,\\s{0,3}+|\\s{1,5}+)?"
                    + "(?<q>[\"']?)(?<user>[^\\s:\"'$]{0,128}+):(?<v>[^\\s\"']{1,256}+)\\k<q>(?![^\\s\"',;)\\]])"
                    + "|(?<![A-Za-z0-9_-])--(?:http-|ftp-|proxy-)?password(?:=|\\s{1,5}+)(?<q2>[\"']?)(?<v2>[^\\s\"']{1,256}+)\\k<q2>");
    /** Documented example credentials (RFC 7617 section 2, RFC 2617 section 2), decoded. */
    private static final Set<String> EXAMPLES = Set.of("Aladdin:open sesame");
    private static final String[] WEAK = {"$", "{", "<", "%", "*", "xxx", "your", "example", "changeme", "placeholder",
        "redacted", "dummy", "password", "secret"};

    private final SecretNameScanner secrets;

    CredentialScanner(SecretNameScanner secrets) {
        this.secrets = secrets;
    }

    /** The words the patterns start from, in the order their places are tried. */
    private static final char[][] WORDS = {"uthorization".toCharArray(), "UTHORIZATION".toCharArray(),
        "Basic ".toCharArray(), "Bearer ".toCharArray(), "curl".toCharArray(), "wget".toCharArray()};
    private static final int AUTH_LOWER = 0;
    private static final int AUTH_UPPER = 1;
    private static final int BASIC = 2;
    private static final int BEARER = 3;
    private static final int CURL = 4;
    private static final int WGET = 5;

    void scan(String text, boolean basic, boolean bearer, boolean cli, List<Finding> out) {
        scan(text, text.toCharArray(), basic, bearer, cli, out);
    }

    /**
     * Runs the patterns only from the places where they can start ({@code uthorization}/{@code
     * UTHORIZATION}, {@code Basic }/{@code Bearer } after a quote, the words {@code curl}/{@code
     * wget}), found in one pass over the text's chars {@code a} (read only; may be longer than the
     * text), so text without them costs that pass. Places are tried word by word, each word's in
     * text order (what one {@code indexOf} loop per word gave).
     */
    void scan(String text, char[] a, boolean basic, boolean bearer, boolean cli, List<Finding> out) {
        if (!basic && !bearer && !cli) {
            return;
        }
        int[][] at = places(a, text.length(), basic || bearer, cli);
        if (at == null) {
            return;
        }
        if (basic || bearer) {
            for (int w = AUTH_LOWER; w <= AUTH_UPPER; w++) {
                for (int k = 1; at[w] != null && k <= at[w][0]; k++) {
                    int i = at[w][k];
                    int from = Math.max(0, i - 7); // "Proxy-A"
                    Matcher m = HEADER.matcher(text).region(from, Math.min(text.length(), i + 4200));
                    m.useTransparentBounds(true);
                    if (m.find() && m.start() <= i) {
                        header(text, m, basic, bearer, out);
                    }
                }
            }
            for (int w = BASIC; w <= BEARER; w++) {
                for (int k = 1; at[w] != null && k <= at[w][0]; k++) {
                    int i = at[w][k];
                    if (i > 0 && (a[i - 1] == '"' || a[i - 1] == '\'' || a[i - 1] == '`')) {
                        Matcher m = LITERAL.matcher(text).region(i, Math.min(text.length(), i + 4200));
                        m.useTransparentBounds(true);
                        if (m.lookingAt()) {
                            header(text, m, basic, bearer, out);
                        }
                    }
                }
            }
        }
        if (cli) {
            for (int w = CURL; w <= WGET; w++) {
                for (int k = 1; at[w] != null && k <= at[w][0]; k++) {
                    int i = at[w][k];
                    if (CURL_WORD.matcher(text).region(i, i + 4).useTransparentBounds(true).lookingAt()) {
                        commandLine(text, i + 4, logicalLineEnd(text, i), out);
                    }
                }
            }
        }
    }

    /**
     * Every place in {@code a[0, n)} where one of {@link #WORDS} occurs (the header words when
     * {@code headers}, {@code curl}/{@code wget} when {@code cli}): per word index, null when it
     * does not occur, else {@code [count, i1, i2, ...]} ascending; null when no word occurs.
     */
    static int[][] places(char[] a, int n, boolean headers, boolean cli) {
        int[][] at = null;
        for (int i = 0; i < n; i++) {
            int w;
            switch (a[i]) {
                case 'u': w = headers ? AUTH_LOWER : -1; break;
                case 'U': w = headers ? AUTH_UPPER : -1; break;
                case 'B': w = !headers ? -1 : i + 1 < n && a[i + 1] == 'a' ? BASIC : BEARER; break;
                case 'c': w = cli ? CURL : -1; break;
                case 'w': w = cli ? WGET : -1; break;
                default: continue;
            }
            if (w < 0 || !occursAt(WORDS[w], a, n, i)) {
                continue;
            }
            if (at == null) {
                at = new int[WORDS.length][];
            }
            int[] p = at[w];
            if (p == null) {
                p = new int[4];
            } else if (p[0] + 1 == p.length) {
                p = java.util.Arrays.copyOf(p, p.length * 2);
            }
            p[++p[0]] = i;
            at[w] = p;
        }
        return at;
    }

    private static boolean occursAt(char[] word, char[] a, int n, int i) {
        if (i + word.length > n) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if (a[i + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private void header(String text, Matcher m, boolean basic, boolean bearer, List<Finding> out) {
        String scheme = m.group("s").toLowerCase(Locale.ROOT);
        int a = m.start("v");
        int b = m.end("v");
        if (scheme.equals("basic")) {
            if (basic && basicCredential(m.group("v"))) {
                out.add(new Finding(a, b, "basic_auth", "<PASSWORD>", true, 2));
            }
        } else if (bearer && secrets.secretLike(text, a, b, false)) {
            out.add(new Finding(a, b, "bearer_token", "<KEY>", true, 2));
        }
    }

    /** Whether a Basic credential decodes to {@code user:password} with a password that is not weak or a placeholder. */
    static boolean basicCredential(String b64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString().strip();
        } catch (CharacterCodingException e) {
            return false;
        }
        int colon = s.indexOf(':');
        if (colon < 0 || colon == s.length() - 1 || EXAMPLES.contains(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return false;
            }
        }
        return strongPassword(s, colon + 1, s.length());
    }

    /** The URL-password rule, and no shell variable, template or placeholder word. */
    static boolean strongPassword(String text, int a, int b) {
        String lv = text.substring(a, b).toLowerCase(Locale.ROOT);
        for (String w : WEAK) {
            if (lv.contains(w)) {
                return false;
            }
        }
        return EmailScanner.strongUrlPassword(text, a, b);
    }

    /** Passwords of {@code [from, to)}, the rest of a command line after {@code curl} or {@code wget}. */
    private static void commandLine(String text, int from, int to, List<Finding> out) {
        Matcher m = CLI.matcher(text).region(from, to);
        m.useTransparentBounds(true);
        while (m.find()) {
            boolean user = m.group("v") != null;
            int a = user ? m.start("v") : m.start("v2");
            int b = user ? m.end("v") : m.end("v2");
            if (strongPassword(text, a, b)) {
                out.add(new Finding(a, b, "cli_password", "<PASSWORD>", true, 2));
            }
        }
    }

    /** End of the logical line holding {@code at}: the next line break not preceded by a backslash (at most 10 lines, 4,000 chars). */
    static int logicalLineEnd(String text, int at) {
        int e = at;
        for (int lines = 0; lines < 10; lines++) {
            e = text.indexOf('\n', e);
            if (e < 0) {
                return Math.min(text.length(), at + 4000);
            }
            int k = e - 1;
            if (k >= 0 && text.charAt(k) == '\r') {
                k--;
            }
            if (k < 0 || text.charAt(k) != '\\') {
                break;
            }
            e++;
        }
        return Math.min(e, at + 4000);
    }

    private static final Pattern CURL_WORD = Pattern.compile("(?<![A-Za-z0-9_.-])(?:curl|wget)(?![A-Za-z0-9_-])");
}
