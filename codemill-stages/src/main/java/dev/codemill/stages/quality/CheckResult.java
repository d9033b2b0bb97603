package dev.codemill.stages.quality;

import java.util.List;

/**
 * What one checker concluded about one file.
 *
 * @param score     sub-score in [0, 1], or null when the principle does not apply (no grammar for
 *                  a tree-only principle); a null score is left out of the weighted mean
 * @param basis     {@code tree} (measured on the syntax tree), {@code scan} (on the lexer-level
 *                  {@link StructureScan}), {@code text} (text-level only) or
 *                  {@code n/a}
 * @param measure   the measured figures in one line, for {@code explain}
 * @param critiques findings, in line order
 */
public record CheckResult(Double score, String basis, String measure, List<Critique> critiques) {
    public CheckResult {
        if (score != null) {
            score = Math.max(0.0, Math.min(1.0, score));
        }
        critiques = List.copyOf(critiques);
    }

    public static CheckResult notApplicable(String why) {
        return new CheckResult(null, "n/a", why, List.of());
    }
}
