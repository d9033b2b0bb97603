package dev.codemill.run;

import dev.codemill.stage.ClusterStage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps 2 and 4 of a {@link ClusterStage} on the units of a cluster, as every runner does them:
 * the merge of a unit's memberships ({@link #mergeUnit}), the keep order of a cluster's units
 * ({@link #KEEP_ORDER}), the union-find key of a unit ({@link #unitKey}) and the decision about
 * one cluster ({@link #decideCluster}). Pure functions of their arguments; no runner state.
 */
public final class ClusterUnits {
    private ClusterUnits() {
    }

    /** Membership of a merged cluster unit: unit, rank (smallest of its documents') and merged payload. */
    public record Unit(String unit, String rank, byte[] payload) implements java.io.Serializable {
    }

    /** Units of a cluster in keep order: smallest rank first, then unit ({@link ClusterStage} step 4). */
    public static final Comparator<Unit> KEEP_ORDER = Comparator.comparing(Unit::rank).thenComparing(Unit::unit);

    /**
     * Merges one unit's memberships as the local runner does: sorted by (rank, payload), rank the
     * smallest, payloads folded by {@link ClusterStage#merge} in that order.
     *
     * @param entries at least one membership, all of the same unit (sorted in place)
     */
    public static Unit mergeUnit(ClusterStage stage, List<Unit> entries) {
        entries.sort(Comparator.comparing(Unit::unit).thenComparing(Unit::rank)
                .thenComparing(Unit::payload, java.util.Arrays::compare));
        Unit first = entries.get(0);
        byte[] payload = first.payload();
        for (int i = 1; i < entries.size(); i++) {
            payload = stage.merge(payload, entries.get(i).payload());
        }
        return new Unit(first.unit(), first.rank(), payload);
    }

    /** One unit's entry of its cluster (step 4's result, joined to the unit's documents in step 5). */
    public record Decided(String unit, ClusterStage.Cluster cluster) {
    }

    /**
     * Step 4 of {@link ClusterStage} for one cluster, as both runners do it. The first member is
     * kept; every other member is compared with it and, unless it {@linkplain ClusterStage#duplicates
     * duplicates} it, with the earlier survivors: first those sharing a bucket with it
     * ({@link ClusterStage#buckets}, the candidate rule of the whole stage), then the others, each
     * in keep order, at most {@link ClusterStage#survivorComparisons()} in all; it duplicates the
     * first one it matches, else it survives. While a cluster has at most that many survivors,
     * they are pairwise not duplicates; beyond, survivors sharing a bucket are compared first and
     * those left out are counted ({@code Cluster.unchecked}). Cost: at most
     * {@code n × (1 + survivorComparisons)} comparisons, plus the bucket keys of the survivors.
     *
     * @param members all units of one connected component (≥ 2), sorted by {@link #KEEP_ORDER}
     * @return one entry per member, in the order of {@code members}
     */
    public static List<Decided> decideCluster(ClusterStage stage, List<Unit> members) {
        int size = members.size();
        Unit kept = members.get(0);
        int limit = Math.max(0, stage.survivorComparisons());
        List<Decided> out = new ArrayList<>(size);
        out.add(new Decided(kept.unit(), new ClusterStage.Cluster(kept.unit(), size, "", kept.unit(), 0)));
        List<Unit> survivors = new ArrayList<>();          // survivors after the kept unit, in keep order
        Map<Long, List<Integer>> byBucket = new HashMap<>(); // bucket key → indices into survivors, ascending
        for (int i = 1; i < size; i++) {
            Unit u = members.get(i);
            String comparison = stage.compare(kept.payload(), u.payload());
            String against = kept.unit();
            boolean duplicate = stage.duplicates(comparison);
            int unchecked = 0;
            long[] buckets = limit > 0 && !duplicate ? stage.buckets(u.payload()) : new long[0];
            if (!duplicate && limit > 0) {
                // the first `limit` of each bucket's ascending list hold the smallest `limit` of their union
                java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
                int longest = 0;
                for (long b : buckets) {
                    List<Integer> l = byBucket.get(b);
                    if (l != null) {
                        candidates.addAll(l.size() <= limit ? l : l.subList(0, limit));
                        longest = Math.max(longest, l.size());
                    }
                }
                // survivors sharing a bucket first, then the others, each in keep order, at most limit in all
                int compared = 0;
                int comparedCandidates = 0;
                java.util.Iterator<Integer> others = java.util.stream.IntStream.range(0, survivors.size())
                        .filter(x -> !candidates.contains(x)).iterator();
                java.util.Iterator<Integer> first = candidates.iterator();
                while (compared < limit && !duplicate && (first.hasNext() || others.hasNext())) {
                    boolean candidate = first.hasNext();
                    Unit v = survivors.get(candidate ? first.next() : others.next());
                    compared++;
                    comparedCandidates += candidate ? 1 : 0;
                    String c = stage.compare(v.payload(), u.payload());
                    if (stage.duplicates(c)) {
                        duplicate = true;
                        comparison = c;
                        against = v.unit();
                    }
                }
                unchecked = duplicate ? 0 : Math.max(candidates.size(), longest) - comparedCandidates; // at least
            }
            out.add(new Decided(u.unit(), new ClusterStage.Cluster(kept.unit(), size, comparison, against, unchecked)));
            if (!duplicate && limit > 0) {
                int index = survivors.size();
                survivors.add(u);
                for (long b : buckets) {
                    List<Integer> l = byBucket.computeIfAbsent(b, k -> new ArrayList<>(2));
                    if (l.isEmpty() || l.get(l.size() - 1) != index) {
                        l.add(index);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The 64-bit key of a unit in the union-find: the first 16 hex digits of a Codemill id
     * (128-bit SHA-256 prefix), else a 64-bit FNV-1a of the unit's chars, finalised with
     * SplitMix64's mixer. Two different units share a key with probability ≈ n²/2⁶⁵ (n = clustered
     * units: 3·10⁻⁶ for 10 M), and would then be treated as one node.
     */
    public static long unitKey(String unit) {
        if (unit.length() == 32) {
            long v = 0;
            boolean hex = true;
            for (int i = 0; i < 16 && hex; i++) {
                int d = Character.digit(unit.charAt(i), 16);
                hex = d >= 0;
                v = (v << 4) | d;
            }
            if (hex) {
                return v;
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < unit.length(); i++) {
            h = (h ^ unit.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

}
