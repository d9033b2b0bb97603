package dev.codemill.run.mix;

import dev.codemill.plan.MixSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Solves a {@link MixSpec} against measured token counts ({@link MixTally}).
 *
 * <p><b>Pools.</b> Each group listed in {@code targets} is a pool of its own with budget
 * share × total_tokens. Groups in {@code exclude} get nothing. All other groups form one pool,
 * {@code rest}, with the remaining share (1 − Σ targets); they share one rate, so they keep their
 * natural proportions to each other.
 *
 * <p><b>Rates.</b> A document of weight w and draw u gets {@code ceil(r·w − u)} copies, clipped to
 * [0, max_epochs] (floor(r·w) repeats plus a seeded Bernoulli on the fraction). Per pool, r is
 * found by bisection (100 steps) on the measured documents so that Σ num_tokens × copies is as
 * close as possible to the pool's budget (the nominal rate budget / available tokens would miss it
 * by the luck of the draws: with a few hundred files of very different sizes, by several per cent).
 *
 * <p><b>Infeasible targets</b> are a pool with no documents ("absent") or whose budget is above
 * max_epochs × its tokens (weight-0 documents not counted). Such a pool takes all it can (every
 * document max_epochs times) and the shortfall is redistributed to the other pools in proportion to
 * their target shares (the rest pool by the rest share); repeated until no pool is over its cap.
 * What no pool can take is reported as {@code unallocated_tokens}. A pool whose share is 0 (targets
 * adding up to 1 leave the rest pool nothing) receives no redistribution.
 */
public final class MixturePlanner {
    private MixturePlanner() {
    }

    private static final String REST = "*";

    private static final class Pool {
        final String name;
        final double share;
        final List<MixTally.Group> members = new ArrayList<>();
        double planned;
        long cap;
        String infeasible;
        double rate;

        Pool(String name, double share) {
            this.name = name;
            this.share = share;
        }
    }

    public static MixturePlan plan(MixTally tally) {
        MixSpec spec = tally.spec();
        Map<String, MixTally.Group> groups = tally.groups();
        int epochs = spec.maxEpochs();
        double targeted = spec.targets().values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Pool> pools = new TreeMap<>();
        for (Map.Entry<String, Double> t : new TreeMap<>(spec.targets()).entrySet()) {
            pools.put(t.getKey(), new Pool(t.getKey(), t.getValue()));
        }
        Pool rest = new Pool(REST, Math.max(0, 1 - targeted));
        pools.put(REST, rest);
        Map<String, Pool> poolOf = new TreeMap<>();
        for (Map.Entry<String, MixTally.Group> e : groups.entrySet()) {
            if (spec.exclude().contains(e.getKey())) {
                continue;
            }
            Pool p = pools.getOrDefault(e.getKey(), rest);
            p.members.add(e.getValue());
            poolOf.put(e.getKey(), p);
        }
        for (Pool p : pools.values()) {
            p.planned = p.share * spec.totalTokens();
            long in = 0;
            for (MixTally.Group g : p.members) {
                in += g.weightedIn();
            }
            p.cap = in * epochs;
        }
        // Cap infeasible pools and hand their shortfall to the others, until none is over its cap.
        double unallocated = 0;
        while (true) {
            double shortfall = 0;
            for (Pool p : pools.values()) {
                if (p.infeasible == null && p.planned > p.cap) {
                    shortfall += p.planned - p.cap;
                    p.infeasible = p.cap == 0
                            ? (p == rest ? "no kept document outside the targeted and excluded groups"
                                    : "absent: no kept document has " + spec.by() + " = " + p.name)
                            : String.format("needs %d tokens, but %d available × max_epochs %d = %d",
                                    Math.round(p.planned), p.cap / epochs, epochs, p.cap);
                    p.planned = p.cap;
                }
            }
            if (shortfall <= 0) {
                break;
            }
            double receivingShares = 0;
            for (Pool p : pools.values()) {
                if (p.infeasible == null && p.share > 0) {
                    receivingShares += p.share;
                }
            }
            if (receivingShares == 0) {
                unallocated += shortfall;
                break;
            }
            for (Pool p : pools.values()) {
                if (p.infeasible == null && p.share > 0) {
                    p.planned += shortfall * p.share / receivingShares;
                }
            }
        }
        for (Pool p : pools.values()) {
            p.rate = solve(p, epochs);
        }
        // Per group lines.
        Map<String, Double> rates = new TreeMap<>();
        List<MixturePlan.GroupPlan> lines = new ArrayList<>();
        long achievedAll = 0;
        Map<String, long[]> achieved = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(groups.keySet());
        names.addAll(spec.targets().keySet());
        for (String name : names) {
            MixTally.Group g = groups.get(name);
            Pool p = spec.exclude().contains(name) ? null : poolOf.getOrDefault(name, pools.get(name));
            long[] a = new long[3];
            if (g != null && p != null) {
                for (int i = 0; i < g.n; i++) {
                    int c = MixturePlan.copies(p.rate, g.w[i], g.u[i], epochs);
                    a[0] += c;
                    a[1] += (long) c * g.t[i];
                    a[2] = Math.max(a[2], c);
                }
            }
            achieved.put(name, a);
            achievedAll += a[1];
            rates.put(name, p == null ? 0.0 : p.rate);
        }
        for (String name : names) {
            MixTally.Group g = groups.get(name);
            Pool p = spec.exclude().contains(name) ? null : poolOf.getOrDefault(name, pools.get(name));
            long available = g == null ? 0 : g.tokens;
            double part = 1;
            if (p == rest) {
                long restTokens = 0;
                for (MixTally.Group m : rest.members) {
                    restTokens += m.tokens;
                }
                part = restTokens == 0 ? 0 : (double) available / restTokens;
            }
            double share = p == null ? 0 : p.share * part;
            long[] a = achieved.get(name);
            lines.add(new MixturePlan.GroupPlan(name, p == null ? "excluded" : p == rest ? "rest" : "target",
                    g == null ? 0 : g.n, available, share, Math.round(share * spec.totalTokens()),
                    p == null ? 0 : Math.round(p.planned * part), p == null ? 0 : p.rate, (int) a[2], a[0], a[1],
                    achievedAll == 0 ? 0 : (double) a[1] / achievedAll, p == null ? null : p.infeasible));
        }
        return new MixturePlan(spec, tally.seed(), rates, lines, achievedAll, Math.round(unallocated));
    }

    /** Σ num_tokens × copies of a pool at rate r. */
    private static long tokensAt(Pool p, double r, int epochs) {
        long s = 0;
        for (MixTally.Group g : p.members) {
            for (int i = 0; i < g.n; i++) {
                s += (long) MixturePlan.copies(r, g.w[i], g.u[i], epochs) * g.t[i];
            }
        }
        return s;
    }

    /**
     * The rate whose achieved tokens are nearest the pool's planned tokens: bisection between 0
     * and the rate that gives every document max_epochs copies; of the two final bounds the
     * nearer (the lower on a tie).
     */
    private static double solve(Pool p, int epochs) {
        if (p.planned <= 0 || p.cap == 0) {
            return 0;
        }
        double minWeight = Double.MAX_VALUE;
        for (MixTally.Group g : p.members) {
            for (int i = 0; i < g.n; i++) {
                if (g.w[i] > 0) {
                    minWeight = Math.min(minWeight, g.w[i]);
                }
            }
        }
        double hi = epochs / minWeight;
        if (p.planned >= p.cap) {
            return hi;
        }
        double lo = 0;
        for (int step = 0; step < 100; step++) {
            double mid = (lo + hi) / 2;
            if (tokensAt(p, mid, epochs) < p.planned) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double below = p.planned - tokensAt(p, lo, epochs);
        double above = tokensAt(p, hi, epochs) - p.planned;
        return above < below ? hi : lo;
    }
}
