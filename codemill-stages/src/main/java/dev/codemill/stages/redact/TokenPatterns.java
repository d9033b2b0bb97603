package dev.codemill.stages.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets with a known format (AWS, GCP, Azure, GitHub, GitLab, Slack, Stripe, OpenAI, JWT), read
 * from {@code codemill/redact/tokens.tsv}. Each pattern runs only when one of its literal
 * prefixes occurs in the text (the prefilter {@link #present}: one pass over the text's chars for
 * all prefixes), so a typical file costs that one pass. Values containing {@code EXAMPLE} (AWS's documented placeholder keys)
 * are kept.
 */
final class TokenPatterns {
    record Spec(String type, String replacement, List<String> prefixes, String check, Pattern pattern, boolean hasGroup) {
    }

    static final List<Spec> SPECS = load();

    private TokenPatterns() {
    }

    private static List<Spec> load() {
        List<Spec> out = new ArrayList<>();
        for (String line : Data.lines("tokens.tsv")) {
            String[] f = line.split("\t", 5);
            if (f.length != 5) {
                throw new IllegalStateException("tokens.tsv: expected 5 columns: " + line);
            }
            out.add(new Spec(f[0], f[1], List.of(f[2].split(",")), f[3], Pattern.compile(f[4]), f[4].contains("(?<v>")));
        }
        return List.copyOf(out);
    }

    /** All type names in the table, in table order. */
    static List<String> types() {
        return SPECS.stream().map(Spec::type).distinct().toList();
    }

    /** (prefix, spec index) pairs by the prefix's first character, for the one-pass prefilter. */
    private static final Object[][] BY_FIRST = byFirst();

    private static Object[][] byFirst() {
        List<List<Object>> t = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            t.add(new ArrayList<>());
        }
        for (int i = 0; i < SPECS.size(); i++) {
            for (String p : SPECS.get(i).prefixes()) {
                t.get(p.charAt(0)).add(p.toCharArray());
                t.get(p.charAt(0)).add(i);
            }
        }
        Object[][] out = new Object[128][];
        for (int c = 0; c < 128; c++) {
            out[c] = t.get(c).isEmpty() ? null : t.get(c).toArray();
        }
        return out;
    }

    /** Bit {@code c1 & 63} of {@code SECOND[c0]}: some prefix starts with {@code c0} and then a char {@code c1} with those low 6 bits. */
    private static final long[] SECOND = second();

    private static long[] second() {
        long[] out = new long[128];
        for (Spec s : SPECS) {
            for (String p : s.prefixes()) {
                out[p.charAt(0)] |= 1L << (p.charAt(1) & 63);
            }
        }
        return out;
    }

    /**
     * Which specs have a prefix somewhere in the text: one pass over the characters; a position
     * is looked at only when its first two chars can start a prefix (one table lookup: the first
     * char and the low 6 bits of the second).
     */
    static boolean[] present(String text) {
        return present(text.toCharArray(), text.length());
    }

    /** {@link #present(String)} of the text held in {@code a[0, n)} (read only). */
    static boolean[] present(char[] a, int n) {
        boolean[] hit = new boolean[SPECS.size()];
        long[] second = SECOND;
        for (int i = 0; i + 1 < n; i++) {
            char c = a[i];
            if (c >= 128 || (second[c] & (1L << (a[i + 1] & 63))) == 0) {
                continue;
            }
            Object[] cands = BY_FIRST[c];
            for (int k = 0; k < cands.length; k += 2) {
                int spec = (Integer) cands[k + 1];
                char[] pr = (char[]) cands[k];
                if (!hit[spec] && a[i + 1] == pr[1] && at(a, n, i, pr)) {
                    hit[spec] = true;
                }
            }
        }
        return hit;
    }

    /** Whether {@code p} occurs in {@code a[0, n)} at {@code i}. */
    private static boolean at(char[] a, int n, int i, char[] p) {
        int m = p.length;
        if (i + m > n) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (a[i + k] != p[k]) {
                return false;
            }
        }
        return true;
    }

    static void scan(String text, Set<String> enabled, List<Finding> out) {
        scan(text, text.toCharArray(), enabled, out);
    }

    /** {@link #scan(String, Set, List)} with {@code text}'s chars in {@code a} (read only; may be longer than the text). */
    static void scan(String text, char[] chars, Set<String> enabled, List<Finding> out) {
        boolean[] present = present(chars, text.length());
        for (int i = 0; i < SPECS.size(); i++) {
            Spec s = SPECS.get(i);
            if (!enabled.contains(s.type()) || !present[i]) {
                continue;
            }
            Matcher m = s.pattern().matcher(text);
            while (m.find()) {
                int a = s.hasGroup() ? m.start("v") : m.start();
                int b = s.hasGroup() ? m.end("v") : m.end();
                if (passes(text, a, b, s.check()) && text.substring(a, b).indexOf("EXAMPLE") < 0) {
                    out.add(new Finding(a, b, s.type(), s.replacement(), true, 1));
                }
            }
        }
    }

    private static boolean passes(String text, int a, int b, String check) {
        if (check.equals("none")) {
            return true;
        }
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = a; i < b; i++) {
            char c = text.charAt(i);
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return check.equals("digit") ? digit : digit && upper && lower;
    }
}
