package dev.codemill.stages.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs the files of one repository into samples of at most {@code budget} tokens without
 * cutting a file.
 *
 * <p><b>graph</b> packing (default): files are grouped into the weakly connected components of
 * the import graph (DeepSeek-Coder orders each connected subgraph separately). A component that
 * fits is one unit, so every dependency of its files lands in the same sample. A larger one is
 * laid out in dependency-closure order and cut into runs that fit (see {@link #split}). Units
 * are then placed first-fit,
 * in the order of their first file, into samples; inside a sample files keep the given order.
 *
 * <p><b>sequential</b> packing: the order is cut into consecutive runs that fit (how a
 * random-order concatenation such as StarCoder2's is chunked).
 *
 * <p>A file larger than the budget is a sample of its own (marked oversize by the caller).
 */
public final class SamplePacker {
    private SamplePacker() {
    }

    /**
     * @param order  the files in concatenation order
     * @param cost   tokens of each file's piece ({@code <file_sep>PATH\nCODE})
     * @param deps   import graph (file → its dependencies), used by graph packing
     * @param budget tokens available for the pieces of one sample
     * @param graph  graph packing when true, sequential when false
     * @return samples, each a list of paths in {@code order}'s order
     */
    public static List<List<String>> pack(List<String> order, Map<String, Integer> cost,
                                          Map<String, ? extends Collection<String>> deps, long budget, boolean graph) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            pos.put(order.get(i), i);
        }
        if (!graph) {
            return sequential(order, cost, budget);
        }
        // weakly connected components (union-find by position)
        int[] parent = new int[order.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Map.Entry<String, ? extends Collection<String>> e : deps.entrySet()) {
            Integer a = pos.get(e.getKey());
            for (String t : e.getValue()) {
                Integer b = pos.get(t);
                if (a != null && b != null) {
                    int ra = find(parent, a);
                    int rb = find(parent, b);
                    if (ra != rb) {
                        parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    }
                }
            }
        }
        Map<Integer, List<String>> comps = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            comps.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(order.get(i));
        }
        List<List<String>> units = new ArrayList<>();
        for (List<String> c : comps.values()) {
            split(c, cost, budget, deps, pos, units);
        }
        units.sort(Comparator.comparingInt(u -> pos.get(u.get(0))));
        List<List<String>> samples = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        for (List<String> u : units) {
            long c = total(u, cost);
            int at = -1;
            for (int s = 0; s < samples.size(); s++) {
                if (used.get(s) + c <= budget) {
                    at = s;
                    break;
                }
            }
            if (at < 0) {
                samples.add(new ArrayList<>());
                used.add(0L);
                at = samples.size() - 1;
            }
            samples.get(at).addAll(u);
            used.set(at, used.get(at) + c);
        }
        for (List<String> s : samples) {
            s.sort(Comparator.comparingInt(pos::get));
        }
        return samples;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long total(List<String> files, Map<String, Integer> cost) {
        long t = 0;
        for (String f : files) {
            t += cost.get(f);
        }
        return t;
    }

    /**
     * Splits a component (files in order) that exceeds the budget: its files are laid out in
     * dependency-closure order — a depth-first post-order that starts from the component's last
     * file in the given order (the most dependent), emits each file's not yet emitted
     * dependencies (in the given order) before the file itself, then continues with the next
     * unvisited file from the end — and that layout is cut into consecutive runs that fit. A run
     * thus holds files together with as much of their dependency closure as fits; inside a
     * sample the files are put back in the given order.
     */
    private static void split(List<String> files, Map<String, Integer> cost, long budget,
                              Map<String, ? extends Collection<String>> deps, Map<String, Integer> pos,
                              List<List<String>> out) {
        if (files.size() <= 1 || total(files, cost) <= budget) {
            out.add(files);
            return;
        }
        java.util.Set<String> member = new java.util.HashSet<>(files);
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> layout = new ArrayList<>(files.size());
        for (int i = files.size() - 1; i >= 0; i--) {
            String root = files.get(i);
            if (seen.contains(root)) {
                continue;
            }
            // iterative post-order DFS
            java.util.ArrayDeque<String[]> stack = new java.util.ArrayDeque<>();
            java.util.ArrayDeque<java.util.Iterator<String>> iters = new java.util.ArrayDeque<>();
            seen.add(root);
            stack.push(new String[] {root});
            iters.push(sortedDeps(root, deps, member, pos).iterator());
            while (!stack.isEmpty()) {
                java.util.Iterator<String> it = iters.peek();
                if (it.hasNext()) {
                    String d = it.next();
                    if (seen.add(d)) {
                        stack.push(new String[] {d});
                        iters.push(sortedDeps(d, deps, member, pos).iterator());
                    }
                } else {
                    iters.pop();
                    layout.add(stack.pop()[0]);
                }
            }
        }
        out.addAll(sequential(layout, cost, budget));
    }

    private static List<String> sortedDeps(String f, Map<String, ? extends Collection<String>> deps,
                                           java.util.Set<String> member, Map<String, Integer> pos) {
        List<String> d = new ArrayList<>();
        Collection<String> ds = deps.get(f);
        for (String t : ds == null ? List.<String>of() : ds) {
            if (member.contains(t)) {
                d.add(t);
            }
        }
        d.sort(Comparator.comparingInt(pos::get));
        return d;
    }

    private static List<List<String>> sequential(List<String> order, Map<String, Integer> cost, long budget) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        long used = 0;
        for (String f : order) {
            int c = cost.get(f);
            if (!cur.isEmpty() && used + c > budget) {
                out.add(cur);
                cur = new ArrayList<>();
                used = 0;
            }
            cur.add(f);
            used += c;
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
