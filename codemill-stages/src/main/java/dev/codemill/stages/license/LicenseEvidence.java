package dev.codemill.stages.license;

import java.util.Locale;

/**
 * One piece of licence evidence and where it came from, as recorded in {@code license_evidence}.
 *
 * @param source     {@code header}, {@code file}, {@code manifest}, {@code readme} or {@code dump}
 * @param where      the path of the file read (repository-relative), or the dump column
 *                   ({@code detected_licenses}, {@code gha_license_id}, {@code license_type})
 * @param expression the licence stated; null for a type-only statement (dump {@code license_type})
 * @param type       the {@link LicenseTypes} type: the expression's, or the stated type
 * @param detail     extra words (similarity of a text match, {@code spdx_id}, {@code reference}); may be empty
 */
public record LicenseEvidence(String source, String where, SpdxExpression expression, String type, String detail) {
    public static final String HEADER = "header";
    public static final String FILE = "file";
    public static final String MANIFEST = "manifest";
    public static final String README = "readme";
    public static final String DUMP = "dump";

    /** Evidence stating an expression (its type is the expression's). */
    public static LicenseEvidence of(String source, String where, SpdxExpression e, String detail) {
        return new LicenseEvidence(source, where, e, e.type(), detail);
    }

    /** {@code source:where EXPRESSION detail}, e.g. {@code file:LICENSE MIT 0.981}, {@code dump:license_type permissive}. */
    public String text() {
        String what = expression != null ? expression.text() : type;
        return source + ":" + where + " " + what + (detail.isEmpty() ? "" : " " + detail);
    }

    /**
     * Whether this evidence says the same as {@code other}: the same licence set when both name
     * licences (order and operators aside), else the same type.
     */
    public boolean agreesWith(LicenseEvidence other) {
        if (expression != null && other.expression != null) {
            return lower(expression).equals(lower(other.expression));
        }
        return type.equals(other.type);
    }

    private static java.util.Set<String> lower(SpdxExpression e) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        for (String id : e.licenses()) {
            s.add(id.toLowerCase(Locale.ROOT));
        }
        return s;
    }
}
