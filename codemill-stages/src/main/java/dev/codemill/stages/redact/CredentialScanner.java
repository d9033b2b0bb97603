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
 *       {@code --ftp-password}, {@code --proxy-password} (wget), on a logical line (backslash
 *       continuations followed) that runs {@code curl} or {@code wget}, also as a list of
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

    void scan(String text, boolean basic, boolean bearer, boolean cli, List<Finding> out) {
        if ((basic || bearer) && (text.contains("Basic") || text.contains("Bearer") || text.contains("uthorization")
                || text.contains("UTHORIZATION"))) {
            headers(text, HEADER.matcher(text), basic, bearer, out);
            headers(text, LITERAL.matcher(text), basic, bearer, out);
        }
        if (cli && (text.contains("curl") || text.contains("wget"))) {
            commandLines(text, out);
        }
    }

    private void headers(String text, Matcher m, boolean basic, boolean bearer, List<Finding> out) {
        while (m.find()) {
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

    private static void commandLines(String text, List<Finding> out) {
        Matcher m = CLI.matcher(text);
        while (m.find()) {
            boolean user = m.group("v") != null;
            int a = user ? m.start("v") : m.start("v2");
            int b = user ? m.end("v") : m.end("v2");
            if (strongPassword(text, a, b) && runsCurlOrWget(text, m.start())) {
                out.add(new Finding(a, b, "cli_password", "<PASSWORD>", true, 2));
            }
        }
    }

    /** Whether the logical line up to {@code at} (at most 10 backslash-continued lines back) names curl or wget. */
    static boolean runsCurlOrWget(String text, int at) {
        int s = text.lastIndexOf('\n', at - 1) + 1;
        for (int lines = 0; lines < 10 && s > 0; lines++) {
            int k = s - 2; // the character before the '\n' that ends the previous line
            if (k >= 0 && text.charAt(k) == '\r') {
                k--;
            }
            if (k < 0 || text.charAt(k) != '\\') {
                break;
            }
            s = k == 0 ? 0 : text.lastIndexOf('\n', k - 1) + 1;
        }
        return CURL_WORD.matcher(text).region(s, at).find();
    }

    private static final Pattern CURL_WORD = Pattern.compile("(?<![A-Za-z0-9_.-])(?:curl|wget)(?![A-Za-z0-9_-])");
}
