package dev.codemill.stages.redact;

/**
 * One span of a document's text to replace.
 *
 * @param start       first UTF-16 index of the span in the text (inclusive)
 * @param end         end index (exclusive), {@code end > start}
 * @param type        detector type, e.g. {@code email}, {@code ipv4}, {@code github_token} ({@link Redactor#TYPES})
 * @param replacement the text written instead, e.g. {@code <EMAIL>} or {@code 192.0.2.17}
 * @param counted     whether this span counts as one redaction; a private key whose body is split
 *                    over several string literals gives one counted span and uncounted others
 * @param priority    on overlapping spans starting at the same index the longer wins, then the lower priority
 */
public record Finding(int start, int end, String type, String replacement, boolean counted, int priority) {
    public Finding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
