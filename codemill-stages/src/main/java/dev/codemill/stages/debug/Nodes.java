package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;

/** Small tree helpers the site finders share. */
final class Nodes {
    private Nodes() {
    }

    static List<Integer> children(SyntaxTree t, int node) {
        List<Integer> out = new ArrayList<>();
        for (int c = t.firstChild(node); c >= 0; c = t.nextSibling(c)) {
            out.add(c);
        }
        return out;
    }

    /** Named children that are not comments. */
    static List<Integer> namedChildren(SyntaxTree t, int node) {
        List<Integer> out = new ArrayList<>();
        for (int c = t.firstChild(node); c >= 0; c = t.nextSibling(c)) {
            if (t.named(c) && !t.type(c).contains("comment")) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether {@code node} lies inside a node of one of the types (itself excluded). */
    static boolean inside(SyntaxTree t, int node, java.util.Set<String> types) {
        for (int p = t.parent(node); p >= 0; p = t.parent(p)) {
            if (types.contains(t.type(p))) {
                return true;
            }
        }
        return false;
    }

    /** The nearest ancestor of one of the types, or -1. */
    static int ancestor(SyntaxTree t, int node, java.util.Set<String> types) {
        for (int p = t.parent(node); p >= 0; p = t.parent(p)) {
            if (types.contains(t.type(p))) {
                return p;
            }
        }
        return -1;
    }

    /**
     * A mutant deleting a statement: its whole line(s) when nothing but blanks share them, else the
     * statement's bytes; in Python a statement alone in its block becomes {@code pass} (a block
     * cannot be empty).
     */
    static Mutant deleteStatement(Operator op, SyntaxTree t, Lang lang, int node, String detail) {
        int s = t.start(node);
        int e = t.end(node);
        if (lang == Lang.PYTHON && t.parent(node) >= 0 && t.type(t.parent(node)).equals("block")
                && namedChildren(t, t.parent(node)).size() == 1) {
            return new Mutant(op, s, e, "pass", detail);
        }
        byte[] b = t.bytes();
        int ls = s;
        while (ls > 0 && (b[ls - 1] == ' ' || b[ls - 1] == '\t')) {
            ls--;
        }
        int le = e;
        while (le < b.length && (b[le] == ' ' || b[le] == '\t' || b[le] == '\r')) {
            le++;
        }
        if ((ls == 0 || b[ls - 1] == '\n') && (le == b.length || b[le] == '\n')) {
            return new Mutant(op, ls, Math.min(b.length, le + 1), "", detail);
        }
        return new Mutant(op, s, e, lang == Lang.PYTHON ? "pass" : ";", detail);
    }
}
