package dev.codemill.stage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One rule's verdict on a document, passed or not: what {@code codemill explain} prints and
 * what a filter turns into a {@link Verdict} when it fails.
 *
 * @param rule   rule name
 * @param passed whether the document satisfies the rule
 * @param value  measured value as text
 * @param limit  threshold as text (e.g. {@code <= 1000}, {@code >= 0.25})
 * @param detail human sentence
 */
public record Check(String rule, boolean passed, String value, String limit, String detail) {

    public static Check pass(String rule, Object value, Object limit, String detail) {
        return new Check(rule, true, format(value), format(limit), detail);
    }

    public static Check fail(String rule, Object value, Object limit, String detail) {
        return new Check(rule, false, format(value), format(limit), detail);
    }

    public Verdict toVerdict() {
        return new Verdict(rule, detail, value, limit, "");
    }

    /** Formats numbers stably: integers as is, doubles rounded half-up to 4 decimals without trailing zeros. */
    public static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
