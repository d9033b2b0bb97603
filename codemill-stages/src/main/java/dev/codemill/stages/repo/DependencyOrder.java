package dev.codemill.stages.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * File orders for repository samples.
 *
 * <p>{@link #dependencyOrder}: DeepSeek-Coder's ordering (Guo et al. 2024, "DeepSeek-Coder",
 * §2.2 Algorithm 1, "topological sort" by repeatedly selecting the node with the minimum
 * in-degree): a file's in-degree is the number of its dependencies not yet placed; the file
 * with the smallest in-degree is placed next, ties broken by path (so the result is
 * deterministic), and placing it lowers the in-degree of the files that import it. A cycle
 * never blocks the order: its member with the fewest unplaced dependencies (then the smallest
 * path) goes first. Acyclic graphs give a topological order (every file after its
 * dependencies). Runs in O((V + E) log V).
 */
public final class DependencyOrder {
    private DependencyOrder() {
    }

    private record Entry(int degree, String path) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return degree != o.degree ? Integer.compare(degree, o.degree) : path.compareTo(o.path);
        }
    }

    /** Dependency order of the graph's files ({@code deps}: file → files it imports). */
    public static List<String> dependencyOrder(Map<String, ? extends Collection<String>> deps) {
        Map<String, List<String>> dependents = new HashMap<>();
        Map<String, Integer> degree = new HashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> e : deps.entrySet()) {
            int d = 0;
            for (String t : e.getValue()) {
                if (!t.equals(e.getKey()) && deps.containsKey(t)) {
                    dependents.computeIfAbsent(t, k -> new ArrayList<>()).add(e.getKey());
                    d++;
                }
            }
            degree.put(e.getKey(), d);
        }
        TreeSet<Entry> queue = new TreeSet<>();
        degree.forEach((p, d) -> queue.add(new Entry(d, p)));
        List<String> out = new ArrayList<>(deps.size());
        Set<String> placed = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            Entry next = queue.pollFirst();
            out.add(next.path());
            placed.add(next.path());
            for (String dep : dependents.getOrDefault(next.path(), List.of())) {
                if (!placed.contains(dep)) {
                    int d = degree.get(dep);
                    queue.remove(new Entry(d, dep));
                    degree.put(dep, d - 1);
                    queue.add(new Entry(d - 1, dep));
                }
            }
        }
        return out;
    }

    /** Paths sorted (the order of a directory listing). */
    public static List<String> pathOrder(Collection<String> paths) {
        return new ArrayList<>(new TreeSet<>(paths));
    }

    /** A seeded shuffle of the sorted paths (StarCoder2/Dolma concatenate in random order). */
    public static List<String> randomOrder(Collection<String> paths, long seed) {
        List<String> out = pathOrder(paths);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * Share of edges {@code a → b} (a imports b) whose target {@code b} sits before {@code a} in
     * the same sample: {@code sampleOf} gives each path's sample, {@code position} its index in
     * the concatenation. Returns {satisfied, total}.
     */
    public static long[] satisfied(Map<String, SortedSet<String>> deps, Map<String, Integer> sampleOf,
                                   Map<String, Integer> position) {
        long ok = 0;
        long total = 0;
        for (Map.Entry<String, SortedSet<String>> e : deps.entrySet()) {
            for (String t : e.getValue()) {
                total++;
                Integer sa = sampleOf.get(e.getKey());
                Integer sb = sampleOf.get(t);
                if (sa != null && sa.equals(sb) && position.get(t) < position.get(e.getKey())) {
                    ok++;
                }
            }
        }
        return new long[] {ok, total};
    }
}
