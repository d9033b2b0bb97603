package dev.codemill.run;

import java.util.Arrays;

/**
 * Union-find over the sorted distinct keys of the units that have an edge, in primitive
 * arrays: the keys ({@code long[]}) and a parent index per key ({@code int[]}), 12 bytes per
 * clustered unit. Union links the larger root index under the smaller, so the root of a
 * component is its smallest key whatever the order of the edges. Public for the Spark runner's
 * components on the driver (its near-dedup graphs small enough to collect).
 */
public final class UnionFind {
    private final long[] keys;
    private final int[] parent;

    /**
     * {@code a} sorted ascending without duplicates: the keys the constructor takes. Sorts
     * {@code a} in place and returns a copy of its distinct prefix.
     */
    public static long[] sortedDistinct(long[] a) {
        Arrays.sort(a);
        int u = 0;
        for (int i = 0; i < a.length; i++) {
            if (u == 0 || a[i] != a[u - 1]) {
                a[u++] = a[i];
            }
        }
        return Arrays.copyOf(a, u);
    }

    /** @param sortedDistinctKeys the nodes, ascending, no duplicates (kept, not copied) */
    public UnionFind(long[] sortedDistinctKeys) {
        this.keys = sortedDistinctKeys;
        this.parent = new int[keys.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
    }

    /** The number of nodes. */
    public int size() {
        return keys.length;
    }

    /** The node index of a key, negative when the key is not a node ({@link Arrays#binarySearch}). */
    public int index(long key) {
        return Arrays.binarySearch(keys, key);
    }

    private int find(int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    /** Joins the components of two node indexes. */
    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Points every key at its root; afterwards the union-find is read-only and thread-safe. */
    public void flatten() {
        for (int i = 0; i < parent.length; i++) {
            parent[i] = find(i);
        }
    }

    /** The root index of a key's component, or -1 when the key has no edge (after {@link #flatten}). */
    public int rootIndex(long key) {
        int i = index(key);
        return i < 0 ? -1 : parent[i];
    }

    /** The key of a node index. */
    public long keyAt(int index) {
        return keys[index];
    }
}
