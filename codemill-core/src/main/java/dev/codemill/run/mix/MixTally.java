package dev.codemill.run.mix;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.MixSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mixture planner measures: for every kept document, its group (the {@code by} value),
 * its {@code num_tokens}, its draw {@link #draw(long, String) u} and its weight. Filled from
 * every worker thread (each group is locked on its own); holds 20 bytes per kept document
 * (1 M documents: 20 MB) so that the plan's rates can be solved exactly.
 */
public final class MixTally {
    private final MixSpec spec;
    private final long seed;
    private final Map<String, Group> groups = new TreeMap<>();

    public MixTally(MixSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    public MixSpec spec() {
        return spec;
    }

    public long seed() {
        return seed;
    }

    /** Adds one kept document. Thread-safe. */
    public void add(Document d) {
        String g = groupOf(d, spec.by());
        Group group;
        synchronized (groups) {
            group = groups.computeIfAbsent(g, k -> new Group());
        }
        long tokens = d.annotations().getOr(Keys.NUM_TOKENS, 0L);
        group.add(draw(seed, d.id().value()), weight(d, spec), tokens);
    }

    /** The groups seen, by name. */
    Map<String, Group> groups() {
        synchronized (groups) {
            return new TreeMap<>(groups);
        }
    }

    /** The documents of one group: parallel arrays of draw, weight and tokens. */
    static final class Group {
        double[] u = new double[16];
        float[] w = new float[16];
        int[] t = new int[16];
        int n;
        long tokens;

        synchronized void add(double draw, double weight, long tokenCount) {
            if (n == u.length) {
                u = Arrays.copyOf(u, 2 * n);
                w = Arrays.copyOf(w, 2 * n);
                t = Arrays.copyOf(t, 2 * n);
            }
            u[n] = draw;
            w[n] = (float) weight;
            t[n] = (int) Math.min(Integer.MAX_VALUE, tokenCount);
            n++;
            tokens += tokenCount;
        }

        /** Tokens of documents with weight &gt; 0. */
        long weightedIn() {
            long s = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] > 0) {
                    s += t[i];
                }
            }
            return s;
        }
    }

    /**
     * The group of a document: {@code repo_name} is its repository; any other name is an
     * annotation (its value as text, a list's elements joined by {@code ,}); {@code unknown} when
     * absent.
     */
    public static String groupOf(Document d, String by) {
        if (by.equals("repo_name")) {
            return d.source().repoName();
        }
        Object v = d.annotations().asMap().get(by);
        if (v == null) {
            return "unknown";
        }
        if (v instanceof java.util.List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /** The product of the document's weights ({@code weights.ANNOTATION.VALUE}; 1 where none is given). */
    public static double weight(Document d, MixSpec spec) {
        double w = 1;
        for (Map.Entry<String, Map<String, Double>> e : spec.weights().entrySet()) {
            Double f = e.getValue().get(groupOf(d, e.getKey()));
            if (f != null) {
                w *= f;
            }
        }
        return w;
    }

    /**
     * The document's draw u in [0, 1): {@link dev.codemill.model.Seeds#uniform} for purpose
     * {@link dev.codemill.model.Seeds#MIX}. Depends only on (seed, id), never on order or
     * partitioning.
     */
    public static double draw(long seed, String id) {
        return dev.codemill.model.Seeds.uniform(seed, dev.codemill.model.Seeds.MIX, id);
    }
}
