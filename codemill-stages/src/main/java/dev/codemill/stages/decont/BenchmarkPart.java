package dev.codemill.stages.decont;

/**
 * One indexed text of a benchmark item: its prompt, its solution or its test.
 *
 * @param index     position in the index (load order), used for stable tie-breaks
 * @param benchmark file name the item was read from, e.g. {@code HumanEval.jsonl.gz}
 * @param itemId    the item's id as the benchmark spells it ({@code HumanEval/12},
 *                  {@code Java/3}, {@code Mbpp/2}); numeric MBPP ids get the file's stem as
 *                  prefix ({@code mbpp/11}, {@code sanitized-mbpp/11})
 * @param role      {@code solution}, {@code prompt} or {@code test}
 * @param tokens    the part's whitespace-normalised token hashes ({@link CodeTokens})
 * @param chars     length of the whitespace-normalised text in UTF-16 chars
 * @param literalNgrams    distinct literal n-grams of the part
 * @param identifierNgrams distinct identifier-normalised n-grams of the part
 */
public record BenchmarkPart(int index, String benchmark, String itemId, String role, long[] tokens, long chars,
                            int literalNgrams, int identifierNgrams) {
    /** Tie-break rank of a role: a solution is reported before a prompt, a prompt before a test. */
    int roleRank() {
        return switch (role) {
            case "solution" -> 0;
            case "prompt" -> 1;
            default -> 2;
        };
    }
}
