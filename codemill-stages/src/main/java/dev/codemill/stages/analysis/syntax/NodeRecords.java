package dev.codemill.stages.analysis.syntax;

import java.util.Arrays;
import org.treesitter.TSNode;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * The flat form of a tree-sitter tree that both walks produce, the native one
 * ({@code src/main/native/syntax_export.c}) and the pure-Java fallback {@link #walk}: one
 * {@code int[]} holding a header ({@link #HEADER} ints: status, node count) then
 * {@link #STRIDE} ints per node in pre-order: symbol id (the grammar's public symbol,
 * {@code 0xFFFF} for ERROR), start byte, end byte (UTF-8 offsets), parent index (-1 for the root),
 * field id (0 for none) and flags ({@link #FLAG_ERROR}, {@link #FLAG_MISSING}).
 */
public final class NodeRecords {
    /** Ints before the first node: status, node count. */
    public static final int HEADER = 2;
    /** Ints per node. */
    public static final int STRIDE = 6;
    public static final int SYMBOL = 0;
    public static final int START = 1;
    public static final int END = 2;
    public static final int PARENT = 3;
    public static final int FIELD = 4;
    public static final int FLAGS = 5;
    public static final int FLAG_ERROR = 1;
    /** Set only when the tree has an error somewhere (as tree-sitter only then inserts MISSING nodes). */
    public static final int FLAG_MISSING = 2;
    /** tree-sitter's {@code ts_builtin_sym_error}. */
    public static final int SYMBOL_ERROR = 0xFFFF;

    static final int STATUS_COMPLETE = 0;
    static final int STATUS_TRUNCATED = 1;
    static final int STATUS_TIMED_OUT = 2;
    static final int STATUS_FAILED = 3;

    private NodeRecords() {
    }

    static ParseStatus status(int[] records) {
        return switch (records[0]) {
            case STATUS_COMPLETE -> ParseStatus.COMPLETE;
            case STATUS_TRUNCATED -> ParseStatus.TRUNCATED;
            case STATUS_TIMED_OUT -> ParseStatus.TIMED_OUT;
            default -> ParseStatus.FAILED;
        };
    }

    static int count(int[] records) {
        return records[1];
    }

    /**
     * The pure-Java walk through the binding (5–7 JNI calls per node): the fallback when the
     * native library is not loaded, and the reference the native walk is tested against.
     * Iterative, so depth costs heap only.
     */
    static int[] walk(TSTree tree, int maxNodes) {
        TSNode root = tree.getRootNode();
        boolean anyError = root.hasError();
        int[] out = new int[HEADER + STRIDE * 1024];
        int[] parents = new int[64];
        int depth = 0;
        int n = 0;
        boolean truncated = false;
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            parents[0] = -1;
            while (true) {
                int at = HEADER + n * STRIDE;
                if (at + STRIDE > out.length) {
                    out = Arrays.copyOf(out, HEADER + (out.length - HEADER) * 2);
                }
                TSNode node = cursor.currentNode();
                int sym = node.getSymbol();
                out[at + SYMBOL] = sym;
                out[at + START] = node.getStartByte();
                out[at + END] = node.getEndByte();
                out[at + PARENT] = parents[depth];
                out[at + FIELD] = cursor.currentFieldId();
                out[at + FLAGS] = (sym == SYMBOL_ERROR ? FLAG_ERROR : 0)
                        | (anyError && node.isMissing() ? FLAG_MISSING : 0);
                int me = n++;
                if (cursor.gotoFirstChild()) {
                    depth++;
                    if (depth == parents.length) {
                        parents = Arrays.copyOf(parents, depth * 2);
                    }
                    parents[depth] = me;
                } else {
                    boolean moved = false;
                    while (!moved) {
                        if (cursor.gotoNextSibling()) {
                            moved = true;
                        } else if (cursor.gotoParent()) {
                            depth--;
                        } else {
                            break;
                        }
                    }
                    if (!moved) {
                        break;
                    }
                }
                if (n >= maxNodes) {
                    truncated = true;
                    break;
                }
            }
        }
        out = Arrays.copyOf(out, HEADER + n * STRIDE);
        out[0] = truncated ? STATUS_TRUNCATED : STATUS_COMPLETE;
        out[1] = n;
        return out;
    }
}
