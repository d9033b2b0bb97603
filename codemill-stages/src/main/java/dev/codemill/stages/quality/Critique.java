package dev.codemill.stages.quality;

/**
 * One line-anchored finding of a principle.
 *
 * @param principle principle id, e.g. {@code small_units}
 * @param line      1-based line
 * @param column    1-based column in Unicode code points
 * @param message   the principle's message template filled in, e.g.
 *                  {@code function `parse` is 212 lines long (limit 80)}
 */
public record Critique(String principle, int line, int column, String message) {
    /** {@code principle:line:col: message}, the form stored in {@code quality_critiques}. */
    @Override
    public String toString() {
        return principle + ":" + line + ":" + column + ": " + message;
    }
}
