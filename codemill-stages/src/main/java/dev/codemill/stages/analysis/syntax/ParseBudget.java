package dev.codemill.stages.analysis.syntax;

/**
 * Deterministic per-document bounds on a parse and on every walk of its tree: the same input
 * gets the same answer on any machine at any load (a wall-clock or CPU-time budget does not:
 * a document parsed just under the limit on an idle core loses its tree on a busy one).
 * {@link Parsers#parseBounded} refuses a text over {@code maxBytes} before parsing
 * ({@link ParseStatus#TOO_LARGE}), a tree over {@code maxNodes} nodes
 * ({@link ParseStatus#TRUNCATED}, no tree) and a tree deeper than {@code maxDepth}
 * ({@link ParseStatus#TOO_DEEP}, no tree). Bytes bound the parse (linear in the input), nodes bound
 * the memory of the exported tree (24 bytes per node) and the walks that visit every node, depth
 * bounds the walks whose cost per node grows with the depth (ancestor chains, recursion over
 * nested statements), so that a deeply nested file costs at most a constant factor more than a
 * flat file of the same size.
 *
 * @param maxBytes UTF-8 bytes, ≥ 0
 * @param maxNodes nodes of the exported tree, ≥ 1
 * @param maxDepth root-to-leaf edges, ≥ 1
 */
public record ParseBudget(long maxBytes, int maxNodes, int maxDepth) {
    /**
     * 1 MB (≈ 0.3–0.7 s of tree-sitter at 1.5–3 MB/s per core), 4 M nodes (≈ 96 MB of records;
     * 1 MB of Python is ≈ 230 k nodes, so only degenerate inputs reach it), depth 400: on every
     * 4th Python/Java/JavaScript/C file of the medium corpus the deepest trees are 115 levels
     * (Java) and 45 (JavaScript); one file of 2,850 is deeper, CPython's {@code test_traceback.py}
     * (808 levels, deep on purpose) ({@code docs/quality.md}, "Bounded cost").
     */
    public static final ParseBudget DEFAULT = new ParseBudget(1_000_000, 4_000_000, 400);

    public ParseBudget {
        if (maxBytes < 0 || maxNodes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + ", maxNodes " + maxNodes + ", maxDepth " + maxDepth);
        }
    }

    public ParseBudget withMaxBytes(long bytes) {
        return new ParseBudget(bytes, maxNodes, maxDepth);
    }

    public ParseBudget withMaxNodes(int nodes) {
        return new ParseBudget(maxBytes, nodes, maxDepth);
    }

    public ParseBudget withMaxDepth(int depth) {
        return new ParseBudget(maxBytes, maxNodes, depth);
    }
}
