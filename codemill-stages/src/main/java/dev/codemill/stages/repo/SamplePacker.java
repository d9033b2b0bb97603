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
 * split by directory, recursively below the deepest common directory (imports are mostly
 * local), and a single directory still too large is cut into consecutive runs of the order, so
 * a file's dependencies are in its own run or an earlier one. Units are then placed first-fit,
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
            split(c, cost, budget, units);
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

    /** Splits a unit (files in order) until each part fits or is one file; parts keep the order. */
    private static void split(List<String> files, Map<String, Integer> cost, long budget, List<List<String>> out) {
        if (files.size() <= 1 || total(files, cost) <= budget) {
            out.add(files);
            return;
        }
        String common = RepoPaths.dir(files.get(0));
        for (String f : files) {
            while (!common.isEmpty() && !(RepoPaths.dir(f).equals(common) || RepoPaths.dir(f).startsWith(common + "/"))) {
                common = RepoPaths.dir(common);
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String f : files) {
            String rest = common.isEmpty() ? f : f.substring(common.length() + 1);
            int slash = rest.indexOf('/');
            groups.computeIfAbsent(slash < 0 ? "" : rest.substring(0, slash), k -> new ArrayList<>()).add(f);
        }
        if (groups.size() == 1) {
            out.addAll(sequential(files, cost, budget));
            return;
        }
        for (List<String> g : groups.values()) {
            split(g, cost, budget, out);
        }
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
