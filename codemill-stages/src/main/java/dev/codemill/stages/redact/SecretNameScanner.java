package dev.codemill.stages.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generic secrets: a string assigned to a key/secret/token/password-like name
 * ({@code codemill/redact/secret-names.txt}), e.g. {@code DB_PASSWORD = "x9Qm…"},
 * {@code "client_secret": "…"}, {@code apiKey: …}, {@code setAuthToken("…")}.
 *
 * <p>Shape: a name (letters, digits, {@code _ - .}) containing a fragment, an optional closing
 * quote, at most 8 spaces, an operator ({@code =}, {@code :}, {@code :=}, {@code =>},
 * {@code ==}, {@code (}, or {@code ,} after a quoted name), at most 8 spaces, and either a quoted
 * literal on one line without backslashes or spaces, or an unquoted value of
 * {@code [A-Za-z0-9+/=_.~-]} ending at a blank, {@code , ; ) }} or the line end. Only the value is
 * replaced, inside its quotes: {@code <PASSWORD>} for password-like names, {@code <KEY>} otherwise.
 *
 * <p>The value must be at least {@code minLength} characters (default 12) and its Shannon entropy
 * over characters at least {@code threshold} bits per character (default 3.0), hold a letter and a
 * digit (a password may instead mix upper and lower case, if it is not CamelCase words), hold none
 * of {@code : ; , < >}, and must not be a placeholder ({@code ${…}}, {@code {{…}}}, {@code <…>}, {@code %s},
 * {@code xxx}, {@code ***}, {@code your…}, {@code example}, {@code changeme}), a printf format, an
 * HTML entity, a UUID, or a dotted name; an unquoted value must not be an identifier with {@code _}.
 * After a quoted name, {@code ,} is an operator only inside a call ({@code put("password", "…")}),
 * not in a tuple or list. Defaults: detect-secrets' hex limit is 3.0 bits (Yelp detect-secrets,
 * {@code HexHighEntropyString}); a 12-character value can reach at most log2(12) = 3.58 bits, so
 * 3.0 keeps short random values and drops words and repeated characters.
 */
final class SecretNameScanner {
    // Compiled once: String.matches compiled these per call, 200,000 times on a 200,000-line file
    // (found by the stage factory contract test).
    private static final java.util.regex.Pattern SNAKE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*_[A-Za-z0-9_]*");
    private static final java.util.regex.Pattern DOTTED_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final java.util.regex.Pattern CAMEL_WORDS = java.util.regex.Pattern.compile("[A-Z]?[a-z]+(?:[A-Z][a-z]+)*");
    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    record Fragment(String text, boolean suffix, String replacement) {
    }

    static final List<Fragment> FRAGMENTS = load();
    private static final String[] PLACEHOLDERS = {"${", "{{", "<", "%s", "%(", "xxx", "***", "your", "example", "changeme",
        "placeholder", "redacted", "dummy"};

    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("%[-0-9.]*[sdfxr(]|&#?[0-9a-z]+;");

    private final double threshold;
    private final int minLength;

    SecretNameScanner(double threshold, int minLength) {
        this.threshold = threshold;
        this.minLength = minLength;
    }

    private static List<Fragment> load() {
        List<Fragment> out = new ArrayList<>();
        for (String line : Data.lines("secret-names.txt")) {
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IllegalStateException("secret-names.txt: expected 3 columns: " + line);
            }
            out.add(new Fragment(f[0], f[1].equals("suffix"), f[2]));
        }
        return List.copyOf(out);
    }

    private static boolean isName(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
    }

    private static boolean isBareValue(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '+' || c == '/' || c == '=' || c == '_' || c == '.' || c == '~' || c == '-';
    }

    /** Shannon entropy of the characters of {@code s[a, b)}, bits per character. */
    static double entropy(CharSequence s, int a, int b) {
        int n = b - a;
        if (n <= 0) {
            return 0;
        }
        java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = a; i < b; i++) {
            counts.merge(s.charAt(i), 1, Integer::sum);
        }
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    // Bounded loops below test one precomputed limit (Math.min/max) instead of a second condition
    // on the distance: the same exits, and no loop predicate for C2's profile to get wrong (the
    // profile_predicate deoptimizations that recompiled scan again and again).

    /** Operator chars that start a candidate ({@code ( , : =}, all below 64) as bits of a {@code long}. */
    private static final long OPERATORS = 1L << '(' | 1L << ',' | 1L << ':' | 1L << '=';

    /**
     * Appends the findings of {@code text} to {@code out}. The loop only looks for operator chars;
     * each one is checked by {@link #candidate} (a method of its own, so that the JIT compiles the
     * loop small and the check once, rather than the whole check into the loop again on every
     * deoptimization).
     */
    void scan(String text, boolean passwords, boolean generic, List<Finding> out) {
        scan(text, text.toCharArray(), passwords, generic, out);
    }

    /** {@link #scan(String, boolean, boolean, List)} with {@code text}'s chars in {@code a} (read only; may be longer). */
    void scan(String text, char[] a, boolean passwords, boolean generic, List<Finding> out) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = a[i];
            if (c < 64 && (OPERATORS >>> c & 1) != 0) {
                i = candidate(text, i, c, passwords, generic, out);
            }
        }
    }

    /**
     * The full check of the operator char {@code c} at {@code i}: a value after it, then the name
     * before it ({@link #named}). Returns the index the scan goes on after (the last char of an
     * {@code =}/{@code :} operator run).
     */
    private int candidate(String text, int i, char c, boolean passwords, boolean generic, List<Finding> out) {
        int n = text.length();
        int opStart = i;
        int p = i;
        if (c == '(' || c == ',') {
            p++;
        } else {
            while (p < n && p - opStart < 3 && (text.charAt(p) == '=' || text.charAt(p) == ':' || text.charAt(p) == '>')) {
                p++;
            }
            i = p - 1;
        }
        // the value first (cheap, and most operators are not followed by a long literal)
        int[] v = value(text, p, c == '(' || c == ',', minLength);
        // an unquoted value up to the line end is the other candidate (KEY=Pw…!9, key: a=b…)
        int[] lv = (c == '=' || c == ':') && lineOperator(text, opStart, p) ? lineValue(text, p, LINE_MIN_LENGTH) : null;
        if (lv != null && (!lineOperator(text, opStart, p) || lv[1] - lv[0] < LINE_MIN_LENGTH)) {
            lv = null;
        }
        if (v != null && v[1] - v[0] < minLength) {
            v = null;
        }
        if (v == null && lv == null) {
            return i;
        }
        // then the name before the operator
        int e = opStart;
        int blanksStop = Math.max(0, opStart - 8); // at most 8 blanks
        while (e > blanksStop && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
            e--;
        }
        boolean quotedName = false;
        if (e > 0 && (text.charAt(e - 1) == '"' || text.charAt(e - 1) == '\'')) {
            quotedName = true;
            e--;
        }
        int s = e;
        int nameStop = Math.max(0, e - 64); // at most 64 name chars
        while (s > nameStop && isName(text.charAt(s - 1))) {
            s--;
        }
        if (s == e || quotedName && (s == 0 || text.charAt(s - 1) != text.charAt(e))) {
            return i;
        }
        if (c == ',' && !(quotedName && afterParen(text, s - 1))) {
            return i;
        }
        if (lv != null && (quotedName || !startsLine(text, s))) {
            lv = null;
            if (v == null) {
                return i;
            }
        }
        named(text, s, e, v, lv, passwords, generic, out);
        return i;
    }

    /**
     * The name {@code text[s, e)} before an operator, with the value span {@code v} and/or the
     * config-line value span {@code lv} after it (at least one not null): adds a finding when the
     * name holds a fragment and a value passes the value test.
     */
    private void named(String text, int s, int e, int[] v, int[] lv, boolean passwords, boolean generic,
            List<Finding> out) {
        String name = text.substring(s, e).toLowerCase(Locale.ROOT);
        Fragment hit = null;
        for (Fragment fr : FRAGMENTS) {
            if (fr.suffix() ? name.endsWith(fr.text()) : name.contains(fr.text())) {
                hit = fr;
                break;
            }
        }
        if (hit == null) {
            return;
        }
        boolean isPassword = name.contains("pass") || name.contains("pwd");
        if (v == null || !secretLike(text, v[0], v[1], isPassword)) {
            v = lv != null && (isPassword ? lineSecretLike(text, lv[0], lv[1]) : secretLike(text, lv[0], lv[1], false))
                    ? lv : null;
        }
        if ((isPassword ? passwords : generic) && v != null) {
            out.add(new Finding(v[0], v[1], isPassword ? "password" : "generic_secret",
                    isPassword ? "<PASSWORD>" : hit.replacement(), true, 5));
        }
    }

    /**
     * The value span starting after spaces at {@code p}, or null; after {@code (} or {@code ,} only
     * a literal. An unquoted value shorter than {@code min} is null before the identifier regex
     * runs (the caller drops a value under its minimum length either way).
     */
    private static int[] value(String text, int p, boolean call, int min) {
        int n = text.length();
        p = skipSpaces(text, p);
        if (p >= n) {
            return null;
        }
        char q = text.charAt(p);
        if (q == '"' || q == '\'' || q == '`') {
            int a = p + 1;
            int b = a;
            int stop = Math.min(n, a + 257); // at most 256 chars, then the closing quote
            while (b < stop) {
                char c = text.charAt(b);
                if (c == q) {
                    return new int[] {a, b};
                }
                if (c == '\\' || c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                    return null;
                }
                b++;
            }
            return null;
        }
        if (call) {
            return null; // f(name, value): only a literal argument is a value
        }
        int a = p;
        int b = a;
        int stop = Math.min(n, a + 257);
        while (b < stop && isBareValue(text.charAt(b))) {
            b++;
        }
        if (b < n && !Character.isWhitespace(text.charAt(b)) && ",;)}".indexOf(text.charAt(b)) < 0) {
            return null;
        }
        if (b - a < Math.max(1, min) || SNAKE_NAME.matcher(text.substring(a, b)).matches()) {
            return null; // X509_PUBKEY = X509_pubkey_st: another identifier, not a literal
        }
        return new int[] {a, b};
    }

    /** Whether {@code text[a, b)} is an operator of a config line: {@code =}, {@code :} or {@code :=} (not {@code ==}, {@code =>}). */
    private static boolean lineOperator(String text, int a, int b) {
        return b - a == 1 || b - a == 2 && text.charAt(a) == ':' && text.charAt(a + 1) == '=';
    }

    /** Shortest unquoted config-line password: 8 characters (with a letter, a digit and a symbol). */
    static final int LINE_MIN_LENGTH = 8;

    /** What may stand before the name on its line: a comment marker, a YAML list dash, {@code export}, Dockerfile {@code ENV}. */
    private static final java.util.regex.Pattern LINE_PREFIX =
            java.util.regex.Pattern.compile("(?:[-#;*]{1,3}|//|export|set|readonly|ENV|- -)?");

    /**
     * An unquoted value that runs to the end of its line ({@code password: Pw…!9},
     * {@code PASSWORD=…}, {@code db_password = s3cr3t#Pass}), or null. One run of non-blank
     * characters, then only blanks up to the line end or a comment ({@code #} or {@code ;} after a
     * blank). Refused: quotes, brackets and parentheses anywhere (code: calls, indexing,
     * literals), and a first character of {@code $ % < & * ! @ | > ?} (variables, templates,
     * YAML tags, anchors, aliases and block scalars, shell substitutions).
     */
    private static int[] lineValue(String text, int p, int min) {
        int n = text.length();
        int a = skipSpaces(text, p);
        if (a >= n || "$%<&*!@|>?".indexOf(text.charAt(a)) >= 0) {
            return null;
        }
        int b = a;
        int stop = Math.min(n, a + 257);
        while (b < stop) {
            char c = text.charAt(b);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            if ("\"'`()[]{}".indexOf(c) >= 0) {
                return null;
            }
            b++;
        }
        if (b - a < Math.max(1, min) || b - a > 256 || SNAKE_NAME.matcher(text.substring(a, b)).matches()) {
            return null; // X509_PUBKEY = X509_pubkey_st: another identifier (or shorter than min, which the caller drops)
        }
        int e = b;
        while (e < n && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
            e++;
        }
        if (e < n && text.charAt(e) != '\n' && text.charAt(e) != '\r'
                && !(e > b && (text.charAt(e) == '#' || text.charAt(e) == ';'))) {
            return null;
        }
        return new int[] {a, b};
    }

    /** Whether only a {@link #LINE_PREFIX} and blanks stand between the line start and {@code s}. */
    private static boolean startsLine(String text, int s) {
        int ls = s;
        int stop = Math.max(0, s - 24); // at most 24 chars back
        while (ls > stop && text.charAt(ls - 1) != '\n' && text.charAt(ls - 1) != '\r') {
            ls--;
        }
        if (ls > 0 && text.charAt(ls - 1) != '\n' && text.charAt(ls - 1) != '\r') {
            return false;
        }
        return LINE_PREFIX.matcher(text.substring(ls, s).strip()).matches();
    }

    /**
     * The value test for an unquoted config-line password: the usual test, or (8 characters and
     * more) three of the four classes lower case, upper case, digit, symbol, one of them a
     * symbol and one a digit, entropy at least 2.5 bits per character and no placeholder. The
     * lower entropy bar admits {@code s3cr3t#Pass}: at 8 to 11 characters even all-distinct
     * characters reach only 3.0 to 3.46 bits.
     */
    boolean lineSecretLike(String text, int a, int b) {
        if (secretLike(text, a, b, true)) {
            return true;
        }
        int len = b - a;
        if (len < LINE_MIN_LENGTH || len > 256) {
            return false;
        }
        int k = classes(text, a, b);
        if (k < 0 || (k & SYMBOL) == 0 || (k & DIGIT) == 0 || (k & (UPPER | LOWER)) == 0) {
            return false;
        }
        String v = text.substring(a, b);
        if (placeholder(v) || DOTTED_NAME.matcher(v).matches()) {
            return false; // printf formats, HTML entities, dotted names (settings.DB_PASSWORD_V2)
        }
        return entropy(text, a, b) >= 2.5;
    }

    /** Whether {@code (} comes right before index {@code q} (spaces skipped): {@code put("password", …)}, not a tuple. */
    private static boolean afterParen(String text, int q) {
        int i = q;
        while (i > 0 && text.charAt(i - 1) == ' ') {
            i--;
        }
        return i > 0 && text.charAt(i - 1) == '(';
    }

    private static int skipSpaces(String text, int p) {
        int stop = Math.min(text.length(), p + 8); // at most 8 blanks
        while (p < stop && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** Whether {@code text[a, b)} passes the value test of the class comment (also used for bearer tokens). */
    boolean secretLike(String text, int a, int b, boolean password) {
        int len = b - a;
        if (len < minLength || len > 256) {
            return false;
        }
        int k = classes(text, a, b);
        if (k < 0) {
            return false; // a host:port, a list, markup: not one secret
        }
        boolean digit = (k & DIGIT) != 0;
        boolean upper = (k & UPPER) != 0;
        boolean lower = (k & LOWER) != 0;
        boolean letter = upper || lower;
        String v = text.substring(a, b);
        if (!letter) {
            return false;
        }
        if (!digit) {
            // a password need not hold a digit, but then it must mix cases and not read as words
            if (!password || !(upper && lower) || v.indexOf('_') >= 0 || CAMEL_WORDS.matcher(v).matches()) {
                return false;
            }
        }
        String lv = v.toLowerCase(Locale.ROOT);
        if (placeholder(v)) {
            return false;
        }
        if (FORMAT.matcher(v).find()) {
            return false; // HTML entities, printf formats
        }
        if (UUID.matcher(lv).matches()) {
            return false;
        }
        if (DOTTED_NAME.matcher(v).matches()) {
            return false; // settings.SECRET_KEY_V2, os.environ
        }
        return entropy(text, a, b) >= threshold;
    }

    private static final int DIGIT = 1;
    private static final int UPPER = 2;
    private static final int LOWER = 4;
    private static final int SYMBOL = 8;

    /**
     * The character classes of {@code text[a, b)} as bits ({@link #DIGIT}, {@link #UPPER},
     * {@link #LOWER}, {@link #SYMBOL}: neither letter, digit nor {@code _}), or -1 when it holds one
     * of {@code : ; , < >} (a host:port, a list, markup: not one secret).
     */
    private static int classes(String text, int a, int b) {
        int k = 0;
        for (int i = a; i < b; i++) {
            char c = text.charAt(i);
            if (":;,<>".indexOf(c) >= 0) {
                return -1;
            }
            k |= c >= '0' && c <= '9' ? DIGIT : 0;
            k |= Character.isUpperCase(c) ? UPPER : 0;
            k |= Character.isLowerCase(c) ? LOWER : 0;
            k |= !Character.isLetterOrDigit(c) && c != '_' ? SYMBOL : 0;
        }
        return k;
    }

    /** Whether {@code v} holds a placeholder word ({@code changeme}, {@code xxx}, ...), any case. */
    private static boolean placeholder(String v) {
        String lv = v.toLowerCase(Locale.ROOT);
        for (String ph : PLACEHOLDERS) {
            if (lv.contains(ph)) {
                return true;
            }
        }
        return false;
    }
}
