package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SPDX licence expression (SPDX specification 2.3, annex D) and its licence type: the one
 * evaluator for every source (file headers, licence files, manifests, README sections, dump
 * columns), so one expression always gets one type.
 *
 * <p>Grammar: {@code compound = or; or = and ("OR" and)*; and = with ("AND" with)*;
 * with = simple ["WITH" exception] | "(" or ")"; simple = id ["+"] | LicenseRef-x |
 * DocumentRef-x:LicenseRef-y}. Precedence: {@code WITH} > {@code AND} > {@code OR}; operators in
 * any case. Known ids are written in the licence list's spelling ({@code mit} → {@code MIT}).
 *
 * <p>Types ({@link LicenseTypes}), ordered by strictness {@code permissive < unknown < copyleft}:
 * a licence id has its table type (a {@code WITH} exception does not change it); {@code OR}
 * takes the least strict alternative (the user may choose it: {@code MIT OR GPL-3.0-or-later} is
 * permissive); {@code AND} the strictest part.
 */
public final class SpdxExpression {
    /** A node of the parsed expression. */
    public sealed interface Node permits Leaf, Op {
    }

    /**
     * One licence: canonical id, {@code +} (this version or later), optional exception id.
     */
    public record Leaf(String id, boolean plus, String exception) implements Node {
        /** {@code ID[+][ WITH EXCEPTION]}. */
        public String text() {
            return id + (plus ? "+" : "") + (exception == null ? "" : " WITH " + exception);
        }
    }

    /** {@code AND} ({@code and} true) or {@code OR} of two or more parts. */
    public record Op(boolean and, List<Node> parts) implements Node {
    }

    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|[A-Za-z0-9][A-Za-z0-9.:+_-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]*\\+?");

    private final Node root;
    private final String text;

    private SpdxExpression(Node root) {
        this.root = root;
        this.text = render(root, false);
    }

    /** The expression of one parsed tree. */
    public static SpdxExpression of(Node root) {
        return new SpdxExpression(root);
    }

    /** One licence id (canonical spelling when known), no exception. */
    public static SpdxExpression ofId(String id) {
        return new SpdxExpression(leaf(id, null));
    }

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
        Node n = p.or();
        if (n == null || p.i != tokens.size()) {
            return null;
        }
        return new SpdxExpression(n);
    }

    /** {@code a AND b AND …} of the distinct expressions given (one stays itself); null for none. */
    public static SpdxExpression and(List<SpdxExpression> parts) {
        return combine(true, parts);
    }

    /** {@code a OR b OR …} of the distinct expressions given (one stays itself); null for none. */
    public static SpdxExpression or(List<SpdxExpression> parts) {
        return combine(false, parts);
    }

    private static SpdxExpression combine(boolean and, List<SpdxExpression> parts) {
        List<Node> nodes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SpdxExpression e : parts) {
            if (e == null || !seen.add(e.text)) {
                continue;
            }
            if (e.root instanceof Op op && op.and() == and) {
                for (Node n : op.parts()) {
                    if (seen.add(render(n, false))) {
                        nodes.add(n);
                    }
                }
            } else {
                nodes.add(e.root);
            }
        }
        if (nodes.isEmpty()) {
            return null;
        }
        return new SpdxExpression(nodes.size() == 1 ? nodes.get(0) : new Op(and, List.copyOf(nodes)));
    }

    public Node root() {
        return root;
    }

    /** Canonical text: list spelling of ids, upper-case operators, parentheses only where needed. */
    public String text() {
        return text;
    }

    /** The licences named, in order of appearance, distinct; a licence with an exception is one element. */
    public List<String> licenses() {
        Set<String> out = new LinkedHashSet<>();
        collect(root, out);
        return List.copyOf(out);
    }

    /** The {@link LicenseTypes} type (never {@code no_license}). */
    public String type() {
        return type(root);
    }

    /** Whether every id is in the SPDX licence list or a {@code LicenseRef-}/{@code DocumentRef-} reference. */
    public boolean allKnown() {
        return known(root);
    }

    private static boolean known(Node n) {
        if (n instanceof Leaf l) {
            return isRef(l.id()) || SpdxLicenseList.get().byId(l.id()) != null;
        }
        return ((Op) n).parts().stream().allMatch(SpdxExpression::known);
    }

    static boolean isRef(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.startsWith("licenseref-") || lower.startsWith("documentref-");
    }

    private static void collect(Node n, Set<String> out) {
        if (n instanceof Leaf l) {
            out.add(l.text());
        } else {
            for (Node p : ((Op) n).parts()) {
                collect(p, out);
            }
        }
    }

    private static String type(Node n) {
        if (n instanceof Leaf l) {
            return LicenseTypes.ofId(l.id() + (l.plus() ? "+" : ""));
        }
        Op op = (Op) n;
        String best = null;
        for (Node p : op.parts()) {
            String t = type(p);
            if (best == null || (op.and() ? LicenseTypes.strictness(t) > LicenseTypes.strictness(best)
                    : LicenseTypes.strictness(t) < LicenseTypes.strictness(best))) {
                best = t;
            }
        }
        return best;
    }

    private static String render(Node n, boolean insideAnd) {
        if (n instanceof Leaf l) {
            return l.text();
        }
        Op op = (Op) n;
        StringBuilder sb = new StringBuilder();
        for (Node p : op.parts()) {
            if (sb.length() > 0) {
                sb.append(op.and() ? " AND " : " OR ");
            }
            sb.append(render(p, op.and()));
        }
        return insideAnd && !op.and() ? "(" + sb + ")" : sb.toString();
    }

    private static Leaf leaf(String raw, String exception) {
        boolean plus = raw.endsWith("+");
        String base = plus ? raw.substring(0, raw.length() - 1) : raw;
        SpdxLicenseList.Entry e = SpdxLicenseList.get().byId(base);
        return new Leaf(e == null ? base : e.id(), plus, exception);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpdxExpression e && e.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        final List<String> tokens;
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

        Node or() {
            return list(false);
        }

        Node and() {
            return list(true);
        }

        Node list(boolean and) {
            List<Node> parts = new ArrayList<>();
            do {
                Node n = and ? with() : and();
                if (n == null) {
                    return null;
                }
                if (n instanceof Op o && o.and() == and) {
                    parts.addAll(o.parts()); // (a AND b) AND c = a AND b AND c
                } else {
                    parts.add(n);
                }
            } while (op(and ? "AND" : "OR"));
            return parts.size() == 1 ? parts.get(0) : new Op(and, List.copyOf(parts));
        }

        Node with() {
            if (op("(")) {
                Node n = or();
                return n != null && op(")") ? n : null;
            }
            String raw = id();
            if (raw == null) {
                return null;
            }
            String exception = null;
            if (op("WITH")) {
                exception = id();
                if (exception == null || exception.endsWith("+")) {
                    return null;
                }
            }
            return leaf(raw, exception);
        }

        String id() {
            if (i >= tokens.size()) {
                return null;
            }
            String raw = tokens.get(i);
            if (!ID.matcher(raw).matches() || isOperator(raw)) {
                return null;
            }
            i++;
            return raw;
        }

        static boolean isOperator(String s) {
            String u = s.toUpperCase(Locale.ROOT);
            return u.equals("AND") || u.equals("OR") || u.equals("WITH");
        }
    }
}
