package dev.codemill.stages.analysis.fim;

import dev.codemill.stages.analysis.syntax.ParseBudget;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Syntax-aware FIM middles: the middle is one whole node of the tree-sitter syntax tree
 * ({@link Parsers}, the grammars of the {@code quality} stage) — a statement, a block, a
 * function or class body, or an expression — as in the structure-aware FIM of SantaCoder's
 * and DeepSeek-Coder's follow-ups (AST-FIM, Gong et al. 2025, "Structure-Aware Fill-in-the-Middle
 * Pretraining for Code"). Candidates are the named nodes that are not the root, contain no
 * {@code ERROR} or {@code MISSING} node, cover at least one non-blank character, and whose type
 * ends with {@code statement}, {@code block}, {@code expression}, {@code declaration},
 * {@code definition} or {@code _item} (Rust), or that hang under a {@code body} field; one is
 * drawn uniformly. Offsets are converted from UTF-8 bytes to code points, and
 * {@link FimTransform#sample} still snaps them to safe cuts, so prefix + middle + suffix is the
 * text exactly in every case.
 */
public final class SyntaxSpans {
    /** Parse at most this many nodes; a larger file falls back to random spans. */
    static final int MAX_NODES = 2_000_000;

    /**
     * The deterministic parse budget ({@link ParseBudget#DEFAULT}: 1 MB, depth 400) with at most
     * {@link #MAX_NODES} nodes: a file over it gets random spans, so that no document costs more
     * than a bounded multiple of its size (before, FIM parsed any size, any depth).
     */
    static final ParseBudget BUDGET = ParseBudget.DEFAULT.withMaxNodes(MAX_NODES);

    private SyntaxSpans() {
    }

    /** Whether a node type (or field) makes a candidate middle. */
    static boolean candidateType(String type, String field) {
        return type.endsWith("statement") || type.endsWith("block") || type.endsWith("expression")
                || type.endsWith("declaration") || type.endsWith("definition") || type.endsWith("_item")
                || type.equals("block") || "body".equals(field);
    }

    /**
     * Candidate nodes as {@code [startByte, endByte]} pairs, in pre-order. Linear in the nodes and
     * bytes whatever the depth: "contains an ERROR/MISSING node" is gathered bottom-up in one pass
     * over the pre-order records, "covers a non-blank byte" is a difference of prefix counts (a
     * per-node scan of the subtree cost nodes × depth on deeply nested files).
     */
    static List<int[]> candidates(SyntaxTree t) {
        int n = t.size();
        boolean[] dirty = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            if (t.isError(i) || t.isMissing(i)) {
                dirty[i] = true;
            }
            int p = t.parent(i);
            if (dirty[i] && p >= 0) {
                dirty[p] = true;
            }
        }
        byte[] b = t.bytes();
        int[] nonBlank = new int[b.length + 1];
        for (int k = 0; k < b.length; k++) {
            nonBlank[k + 1] = nonBlank[k] + (b[k] != ' ' && b[k] != '\t' && b[k] != '\n' && b[k] != '\r' ? 1 : 0);
        }
        List<int[]> out = new ArrayList<>();
        int i = 1;
        while (i < n) {
            if (t.isError(i)) {
                i = t.lastDescendant(i) + 1;
                continue;
            }
            if (!dirty[i] && t.named(i) && candidateType(t.type(i), t.field(i)) && t.end(i) > t.start(i)
                    && nonBlank[t.end(i)] > nonBlank[t.start(i)]) {
                out.add(new int[] {t.start(i), t.end(i)});
            }
            i++;
        }
        return out;
    }

    /**
     * Draws one candidate span of {@code text} as code-point cuts {@code {start, end}}, or null
     * when the language has no grammar here or the tree has no candidate. Draws one int from
     * {@code rng} when it returns a span, none otherwise.
     */
    public static int[] pick(String text, String language, RandomGenerator rng) {
        if (language == null || !Parsers.supports(language) || text.isEmpty()) {
            return null;
        }
        SyntaxTree tree = Parsers.parseBounded(text, language, BUDGET).tree();
        if (tree == null) {
            return null; // no grammar, or over the parse budget: random spans
        }
        List<int[]> cands = candidates(tree);
        if (cands.isEmpty()) {
            return null;
        }
        int[] c = cands.get(rng.nextInt(cands.size()));
        return new int[] {FimTransform.codePointFloorOfUtf8Byte(text, c[0]), FimTransform.codePointFloorOfUtf8Byte(text, c[1])};
    }
}
