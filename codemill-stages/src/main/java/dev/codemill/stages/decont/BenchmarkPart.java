package dev.codemill.stages.decont;

/**
 * One indexed text of a benchmark item: its prompt, its solution, its test, or its program
 * (prompt + solution, identifier-abstracted pass only).
 *
 * @param index     position in the index (load order), used for stable tie-breaks
 * @param benchmark file name the item was read from, e.g. {@code HumanEval.jsonl.gz}
 * @param itemId    the item's id as the benchmark spells it ({@code HumanEval/12},
 *                  {@code Java/3}, {@code Mbpp/2}); numeric MBPP ids get the file's stem as
 *                  prefix ({@code mbpp/11}, {@code sanitized-mbpp/11})
 * @param role      {@code solution}, {@code prompt}, {@code test} or {@code program}
 * @param tokens    the part's whitespace-normalised token hashes ({@link CodeTokens})
 * @param chars     length of the whitespace-normalised text in UTF-16 chars
 * @param literalNgrams     distinct literal n-grams of the part; 0 when it is not in the literal pass
 * @param abstractNgrams    distinct identifier-abstracted n-grams ({@link AbstractedTokens}); 0 when
 *                          the part is not in that pass
 * @param distinctiveNgrams how many of those are distinctive
 */
public record BenchmarkPart(int index, String benchmark, String itemId, String role, long[] tokens, long chars,
                            int literalNgrams, int abstractNgrams, int distinctiveNgrams) {
    /** Tie-break rank of a role: solution, program, prompt, test. */
    int roleRank() {
        return switch (role) {
            case "solution" -> 0;
            case "program" -> 1;
            case "prompt" -> 2;
            default -> 3;
        };
    }
}
