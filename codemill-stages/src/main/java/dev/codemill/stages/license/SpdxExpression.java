package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SPDX licence expression (SPDX spec 2.3, annex D): ids joined by {@code AND},
 * {@code OR} (any case), {@code WITH} an exception, parentheses, a trailing {@code +}.
 * Known ids are written in the list's spelling ({@code mit} becomes {@code MIT}); ids not in the
 * list are kept as written and typed {@code unknown}.
 *
 * @param licenses the licences named, in order of appearance, distinct; a licence with an
 *                 exception is one element, e.g. {@code GPL-2.0-only WITH Classpath-exception-2.0}
 * @param type     the {@link LicenseTypes} type: OR takes the most permissive alternative, AND the
 *                 most restrictive part
 * @param text     the expression as written, trimmed
 */
public record SpdxExpression(List<String> licenses, String type, String text) {
    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|[A-Za-z0-9][A-Za-z0-9.:+_-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]*\\+?");

    /** Parses {@code text}; returns null when it is not a well-formed expression. */
    public static SpdxExpression parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(t);
        int pos = 0;
        while (m.find()) {
            if (!t.substring(pos, m.start()).isBlank()) {
                return null;
            }
            tokens.add(m.group());
            pos = m.end();
        }
        if (!t.substring(pos).isBlank() || tokens.isEmpty()) {
            return null;
        }
        Parser p = new Parser(tokens);
        String type = p.or();
        if (type == null || p.i != tokens.size()) {
            return null;
        }
        return new SpdxExpression(List.copyOf(p.ids), type, t);
    }

    private static final class Parser {
        final List<String> tokens;
        final Set<String> ids = new LinkedHashSet<>();
        int i;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean op(String word) {
            if (i < tokens.size() && tokens.get(i).equalsIgnoreCase(word)) {
                i++;
                return true;
            }
            return false;
        }

        String or() {
            List<String> types = new ArrayList<>();
            do {
                String t = and();
                if (t == null) {
                    return null;
                }
                types.add(t);
            } while (op("OR"));
            return LicenseTypes.ofChoice(types);
        }

        String and() {
            String worst = null;
            do {
                String t = with();
                if (t == null) {
                    return null;
                }
                if (worst == null || rank(t) > rank(worst)) {
                    worst = t;
                }
            } while (op("AND"));
            return worst;
        }

        static int rank(String type) {
            return switch (type) {
                case LicenseTypes.COPYLEFT -> 2;
                case LicenseTypes.UNKNOWN -> 1;
                default -> 0;
            };
        }

        String with() {
            if (op("(")) {
                String t = or();
                return t != null && op(")") ? t : null;
            }
            if (i >= tokens.size()) {
                return null;
            }
            String raw = tokens.get(i);
            if (!ID.matcher(raw).matches() || isOperator(raw)) {
                return null;
            }
            i++;
            String id = canonical(raw);
            if (op("WITH")) {
                if (i >= tokens.size() || !ID.matcher(tokens.get(i)).matches() || isOperator(tokens.get(i))) {
                    return null;
                }
                id = id + " WITH " + tokens.get(i++);
            }
            ids.add(id);
            return LicenseTypes.ofId(id);
        }

        static boolean isOperator(String s) {
            String u = s.toUpperCase(Locale.ROOT);
            return u.equals("AND") || u.equals("OR") || u.equals("WITH");
        }

        static String canonical(String raw) {
            boolean plus = raw.endsWith("+");
            String base = plus ? raw.substring(0, raw.length() - 1) : raw;
            SpdxLicenseList.Entry e = SpdxLicenseList.get().byId(base);
            return (e == null ? base : e.id()) + (plus ? "+" : "");
        }
    }
}
