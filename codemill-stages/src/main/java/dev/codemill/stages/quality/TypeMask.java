package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of node types as a table indexed by the grammar's symbol id: {@link #has} answers
 * {@code types.contains(tree.type(n))} with one array load instead of hashing the type name and
 * probing the set (the checkers ask it for every node of every tree). Built once per (set,
 * grammar) pair and shared by all trees of the grammar ({@link SyntaxTree#grammarKey()}); a
 * symbol id outside the table ({@code ERROR} nodes) falls back to the set itself, so the answer
 * is the set's for every node by construction.
 */
final class TypeMask {
    /** Tables cached per (set, grammar), both by identity; the sets are the checkers' and {@code LanguageRules}' constants. */
    private static final ConcurrentHashMap<Key, TypeMask> CACHE = new ConcurrentHashMap<>();
    /** Beyond this many cached tables new ones are built per call and not kept (sets built on the fly must not grow the cache). */
    private static final int MAX_CACHED = 4096;

    private final boolean[] ids;
    private final Set<String> types;

    private TypeMask(Set<String> types, SyntaxTree t) {
        this.types = types;
        this.ids = new boolean[t.symbolCount()];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = types.contains(t.symbolType(s));
        }
    }

    /** The table of {@code types} for the grammar of {@code t}. */
    static TypeMask of(Set<String> types, SyntaxTree t) {
        Key k = new Key(types, t.grammarKey());
        TypeMask m = CACHE.get(k);
        if (m == null) {
            m = new TypeMask(types, t);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.putIfAbsent(k, m);
            }
        }
        return m;
    }

    /** Whether node {@code n} of {@code t} (a tree of the grammar this table was built for) has one of the types. */
    boolean has(SyntaxTree t, int n) {
        return hasSymbol(t, t.symbol(n));
    }

    /** Whether {@code t.symbolType(sym)} is one of the types (the table for ids inside it, the set otherwise). */
    boolean hasSymbol(SyntaxTree t, int sym) {
        // the set lookup in a method of its own: this one stays small enough for C1 to inline
        return sym >= 0 && sym < ids.length ? ids[sym] : outside(t, sym);
    }

    /** The answer for a symbol id outside the table ({@code ERROR} nodes): the set's. */
    private boolean outside(SyntaxTree t, int sym) {
        return types.contains(t.symbolType(sym));
    }

    /** Identity pair: a set and a grammar's symbol table. */
    private static final class Key {
        private final Set<String> set;
        private final Object grammar;

        Key(Set<String> set, Object grammar) {
            this.set = Objects.requireNonNull(set);
            this.grammar = Objects.requireNonNull(grammar);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.set == set && k.grammar == grammar;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(set) + System.identityHashCode(grammar);
        }
    }
}
