package dev.codemill.stages.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets with a known format (AWS, GCP, Azure, GitHub, GitLab, Slack, Stripe, OpenAI, JWT), read
 * from {@code codemill/redact/tokens.tsv}. Each pattern runs only when one of its literal
 * prefixes occurs in the text ({@link String#indexOf}, the prefilter), so a typical file costs one
 * {@code indexOf} per prefix. Values containing {@code EXAMPLE} (AWS's documented placeholder keys)
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

    static void scan(String text, Set<String> enabled, List<Finding> out) {
        for (Spec s : SPECS) {
            if (!enabled.contains(s.type()) || !anyPrefix(text, s.prefixes())) {
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

    private static boolean anyPrefix(String text, List<String> prefixes) {
        for (String p : prefixes) {
            if (text.indexOf(p) >= 0) {
                return true;
            }
        }
        return false;
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
