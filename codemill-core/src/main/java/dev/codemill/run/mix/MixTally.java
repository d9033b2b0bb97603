package dev.codemill.run.mix;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.MixSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mixture planner measures: for every kept document, its group (the {@code by} value),
 * its {@code num_tokens}, its draw {@link #draw(long, String) u} and its weight. Filled from
 * every worker thread (each group is locked on its own), or one tally per worker
 * {@link #merge merged} (the {@link MixStage} summary); holds 16 bytes per kept document
 * (1 M documents: 16 MB) so that the plan's rates can be solved exactly.
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

    /** Adds {@code other}'s documents to this tally (same spec and seed); {@code other} is not used afterwards. */
    public MixTally merge(MixTally other) {
        for (Map.Entry<String, Group> e : other.groups().entrySet()) {
            Group group;
            synchronized (groups) {
                group = groups.computeIfAbsent(e.getKey(), k -> new Group());
            }
            group.addAll(e.getValue());
        }
        return this;
    }

    /**
     * The measured documents as bytes: per group (in name order) its name, count, tokens and
     * each document's draw, weight and tokens; {@link #decode} reads them back.
     */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Map<String, Group> all = groups();
            out.writeInt(all.size());
            for (Map.Entry<String, Group> e : all.entrySet()) {
                Group g = e.getValue();
                synchronized (g) {
                    out.writeUTF(e.getKey());
                    out.writeInt(g.n);
                    out.writeLong(g.tokens);
                    for (int i = 0; i < g.n; i++) {
                        out.writeDouble(g.u[i]);
                        out.writeFloat(g.w[i]);
                        out.writeInt(g.t[i]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A tally {@link #encode encoded} under the same spec and seed. */
    public static MixTally decode(MixSpec spec, long seed, byte[] encoded) {
        MixTally tally = new MixTally(spec, seed);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                Group g = new Group();
                tally.groups.put(in.readUTF(), g);
                int n = in.readInt();
                long tokens = in.readLong();
                g.u = new double[Math.max(16, n)];
                g.w = new float[g.u.length];
                g.t = new int[g.u.length];
                for (int i = 0; i < n; i++) {
                    g.u[i] = in.readDouble();
                    g.w[i] = in.readFloat();
                    g.t[i] = in.readInt();
                }
                g.n = n;
                g.tokens = tokens;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a mix tally", e);
        }
        return tally;
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

        /** Appends {@code other}'s documents. */
        synchronized void addAll(Group other) {
            synchronized (other) {
                int need = n + other.n;
                if (need > u.length) {
                    int size = Math.max(need, 2 * u.length);
                    u = Arrays.copyOf(u, size);
                    w = Arrays.copyOf(w, size);
                    t = Arrays.copyOf(t, size);
                }
                System.arraycopy(other.u, 0, u, n, other.n);
                System.arraycopy(other.w, 0, w, n, other.n);
                System.arraycopy(other.t, 0, t, n, other.n);
                n = need;
                tokens += other.tokens;
            }
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
