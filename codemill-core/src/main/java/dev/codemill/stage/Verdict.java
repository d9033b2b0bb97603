package dev.codemill.stage;

/**
 * Why a stage removed, quarantined or changed a document: a ledger row's decision part.
 *
 * @param rule   short machine name, e.g. {@code max_line_length}, {@code binary}, {@code exact_duplicate}
 * @param detail human sentence, may be empty
 * @param value  the measured value, as text (empty when none)
 * @param limit  the threshold it was compared with, as text (empty when none)
 * @param keptId for duplicates, the id of the kept copy (empty otherwise)
 */
public record Verdict(String rule, String detail, String value, String limit, String keptId) {
    public Verdict {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("a verdict needs a rule");
        }
        detail = detail == null ? "" : detail;
        value = value == null ? "" : value;
        limit = limit == null ? "" : limit;
        keptId = keptId == null ? "" : keptId;
    }

    public static Verdict of(String rule, String detail) {
        return new Verdict(rule, detail, "", "", "");
    }

    public static Verdict of(String rule, String detail, Object value, Object limit) {
        return new Verdict(rule, detail, Check.format(value), Check.format(limit), "");
    }
}
