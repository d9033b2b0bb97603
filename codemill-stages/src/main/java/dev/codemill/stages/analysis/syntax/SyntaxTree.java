package dev.codemill.stages.analysis.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tree-sitter concrete syntax tree held in one flat {@code int[]} ({@link NodeRecords}, pre-order,
 * 6 ints per node) plus the grammar's symbol and field names, so that the checkers walk it without
 * a JNI call per question and the native tree is freed at once. Node types and fields are looked
 * up by id in the grammar's tables (shared by all trees of a language).
 *
 * <p>Offsets are <b>UTF-8 byte</b> offsets into {@link #bytes()} (the text encoded by
 * {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)}; lone surrogates become
 * {@code ?}). Node {@code i}'s children are the nodes {@code j > i} with {@code parent(j) == i},
 * in source order. {@link #line(int)} and {@link #column(int)} turn a byte offset into a 1-based
 * line and a 1-based column counted in Unicode code points.
 */
public final class SyntaxTree {
    private final byte[] bytes;
    private final int[] records;
    private final String[] symbols;
    private final boolean[] namedSymbols;
    private final String[] fields;
    private final int size;
    private final boolean complete;
    private final int[] lineStarts;
    private int[] firstChild;
    private int[] nextSibling;
    private int[] lastDesc;
    private int depth = -1;

    /**
     * @param records      the tree in {@link NodeRecords} form (kept, not copied)
     * @param symbols      the grammar's symbol names by id
     * @param namedSymbols whether each symbol is a named (regular) one
     * @param fields       the grammar's field names by id (index 0 unused)
     */
    SyntaxTree(byte[] bytes, int[] records, String[] symbols, boolean[] namedSymbols, String[] fields) {
        this.bytes = bytes;
        this.records = records;
        this.symbols = symbols;
        this.namedSymbols = namedSymbols;
        this.fields = fields;
        this.size = NodeRecords.count(records);
        this.complete = NodeRecords.status(records) == ParseStatus.COMPLETE;
        this.lineStarts = lineStarts(bytes);
    }

    private int at(int node, int what) {
        return records[NodeRecords.HEADER + node * NodeRecords.STRIDE + what];
    }

    /** Byte offsets where lines start (0, then after each {@code \n}); one pass over the bytes. */
    static int[] lineStarts(byte[] b) {
        int[] starts = new int[Math.max(16, b.length >>> 5)];
        int k = 1;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                if (k == starts.length) {
                    starts = Arrays.copyOf(starts, k * 2);
                }
                starts[k++] = i + 1;
            }
        }
        return k == starts.length ? starts : Arrays.copyOf(starts, k);
    }

    /** The UTF-8 bytes the tree was parsed from (shared: do not modify). */
    public byte[] bytes() {
        return bytes;
    }

    /** Number of nodes; node 0 is the root. */
    public int size() {
        return size;
    }

    /** False when the tree had more nodes than the parse allowed and only the first ones (pre-order) are here. */
    public boolean complete() {
        return complete;
    }

    /** The grammar's symbol id of a node ({@link NodeRecords#SYMBOL_ERROR} for ERROR). */
    public int symbol(int node) {
        return at(node, NodeRecords.SYMBOL);
    }

    /** Grammar node type, e.g. {@code function_definition}; anonymous tokens are their text, e.g. {@code &&}. */
    public String type(int node) {
        return symbolType(at(node, NodeRecords.SYMBOL));
    }

    /**
     * The node type {@link #type} gives for a node of symbol id {@code sym} ({@code ERROR} for
     * {@link NodeRecords#SYMBOL_ERROR}), so that a per-grammar table indexed by symbol id can
     * stand in for a set of type names.
     */
    public String symbolType(int sym) {
        return sym == NodeRecords.SYMBOL_ERROR ? "ERROR" : sym < symbols.length ? symbols[sym] : "symbol#" + sym;
    }

    /** Number of symbol ids of the tree's grammar: every {@link #symbol} is below it, or is {@link NodeRecords#SYMBOL_ERROR}. */
    public int symbolCount() {
        return symbols.length;
    }

    /**
     * An object that is the same (identical) for all trees of one grammar and differs between
     * grammars: a key for tables built once per grammar from {@link #symbolType}.
     */
    public Object grammarKey() {
        return symbols;
    }

    /** Field name under which the node hangs in its parent ({@code name}, {@code body}…), or null. */
    public String field(int node) {
        int f = at(node, NodeRecords.FIELD);
        return f > 0 && f < fields.length ? fields[f] : null;
    }

    public int start(int node) {
        return at(node, NodeRecords.START);
    }

    public int end(int node) {
        return at(node, NodeRecords.END);
    }

    /** Parent index, -1 for the root. */
    public int parent(int node) {
        return at(node, NodeRecords.PARENT);
    }

    public boolean named(int node) {
        int sym = at(node, NodeRecords.SYMBOL);
        return sym == NodeRecords.SYMBOL_ERROR || sym < namedSymbols.length && namedSymbols[sym];
    }

    /** Whether the node is an {@code ERROR} node. */
    public boolean isError(int node) {
        return (at(node, NodeRecords.FLAGS) & NodeRecords.FLAG_ERROR) != 0;
    }

    /** Whether the node was inserted by error recovery ({@code MISSING}). */
    public boolean isMissing(int node) {
        return (at(node, NodeRecords.FLAGS) & NodeRecords.FLAG_MISSING) != 0;
    }

    /** The node's source text. */
    public String text(int node) {
        int s = start(node);
        return new String(bytes, s, end(node) - s, StandardCharsets.UTF_8);
    }

    /** 1-based line of a byte offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column (code points) of a byte offset. */
    public int column(int offset) {
        int ls = lineStarts[line(offset) - 1];
        int col = 1;
        for (int i = ls; i < offset && i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return col;
    }

    /** First line of a node (1-based). */
    public int startLine(int node) {
        return line(start(node));
    }

    /** Last line of a node (1-based): the line of its last byte. */
    public int endLine(int node) {
        return line(Math.max(start(node), end(node) - 1));
    }

    private void links() {
        if (firstChild != null) {
            return;
        }
        int[] fc = new int[size];
        int[] ns = new int[size];
        int[] last = new int[size];
        Arrays.fill(fc, -1);
        Arrays.fill(ns, -1);
        Arrays.fill(last, -1);
        for (int i = 1; i < size; i++) {
            int p = parent(i);
            if (last[p] < 0) {
                fc[p] = i;
            } else {
                ns[last[p]] = i;
            }
            last[p] = i;
        }
        firstChild = fc;
        nextSibling = ns;
    }

    /** First child (named or not) or -1. */
    public int firstChild(int node) {
        links();
        return firstChild[node];
    }

    /** Next sibling (named or not) or -1. */
    public int nextSibling(int node) {
        links();
        return nextSibling[node];
    }

    /** The first child hanging under field {@code name}, or -1. */
    public int child(int node, String fieldName) {
        for (int c = firstChild(node); c >= 0; c = nextSibling(c)) {
            if (fieldName.equals(field(c))) {
                return c;
            }
        }
        return -1;
    }

    /** The first child of type {@code t}, or -1. */
    public int childOfType(int node, String t) {
        for (int c = firstChild(node); c >= 0; c = nextSibling(c)) {
            if (t.equals(type(c))) {
                return c;
            }
        }
        return -1;
    }

    /** The last node of the subtree rooted at {@code node} (pre-order), so descendants are {@code (node, last]}. */
    public int lastDescendant(int node) {
        if (lastDesc == null) {
            int[] ld = new int[size];
            for (int i = 0; i < size; i++) {
                ld[i] = i;
            }
            for (int i = size - 1; i >= 1; i--) {
                int p = parent(i);
                if (ld[i] > ld[p]) {
                    ld[p] = ld[i];
                }
            }
            lastDesc = ld;
        }
        return lastDesc[node];
    }

    /**
     * The tree's depth: the most edges from the root to a node (0 for a lone root). One pass over
     * the pre-order records (a parent precedes its children).
     */
    public int depth() {
        if (depth < 0) {
            int[] d = new int[size];
            int max = 0;
            for (int i = 1; i < size; i++) {
                d[i] = d[parent(i)] + 1;
                max = Math.max(max, d[i]);
            }
            depth = max;
        }
        return depth;
    }

    /** Bytes covered by ERROR nodes (outermost only) plus one per MISSING node. */
    public long errorBytes() {
        long total = 0;
        int i = 0;
        while (i < size) {
            if (isError(i)) {
                total += end(i) - start(i);
                i = lastDescendant(i) + 1;
            } else {
                if (isMissing(i)) {
                    total++;
                }
                i++;
            }
        }
        return total;
    }
}
