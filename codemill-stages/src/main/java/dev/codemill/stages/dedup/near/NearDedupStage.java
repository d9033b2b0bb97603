package dev.codemill.stages.dedup.near;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;

/**
 * Near-duplicate removal (BigCode's recipe for The Stack): normalise ({@link Normaliser}),
 * shingle into word 5-grams ({@link Shingler}), sign with k = 256 slots ({@link MinHasher};
 * one-permutation hashing by default, classic MinHash selectable), and bucket by LSH bands whose
 * bands × rows minimise the weighted false-positive + false-negative area for the Jaccard
 * threshold (0.7 by default, {@link LshParams}). The runner links units that share a band into
 * clusters (connected components) and keeps, per cluster, the first by the keep rule (BigCode v2:
 * permissive licence, then more stars, then more forks, then the smaller unit id).
 *
 * <p>Units ({@link Unit}): each document (default), or each repository, whose signature is the
 * MinHash of the union of its files' shingle sets (raw bins merged by elementwise minimum, so
 * shingles never span two files) — "dedup whole repositories by the MinHash of their concatenated
 * files". All files of a dropped repository are dropped.
 *
 * <p>Verification (on by default): a clustered unit is dropped only when its Jaccard similarity
 * to the kept unit reaches the threshold — exact, on the two sorted shingle sets, when both
 * documents have at most {@code exactMaxShingles} distinct shingles, else estimated from the full
 * signatures (the sets are kept as 32-bit fingerprints: two distinct shingles of a set collide with
 * probability below n²/2³³, 0.8 % for 8,192 shingles, moving J by about 1/n). A unit below the
 * threshold to the kept unit is then compared with the cluster's earlier survivors (those sharing
 * a band with it first, at most {@link #survivorComparisons()}), and dropped in favour of the
 * first it reaches the threshold with, so survivors are pairwise below the threshold (a chain
 * A~B~C~D kept from A keeps A and C, drops B and D).
 * Repositories are verified by estimate only.
 *
 * <p>Boilerplate ({@link Boilerplate}, on by default): licence header comments and declared
 * patterns are left out of the shingled text, so files sharing only a licence header do not cluster. Documents with fewer tokens than
 * the n-gram size get no signature (case C01) and are never clustered: exact dedup handles them.
 *
 * <p>Ledger rows: rule {@code near_duplicate} (or {@code near_duplicate_repository}), value the
 * Jaccard used (exact when computed), limit {@code >= threshold}, {@code kept_id} the kept
 * document id (or repository name), and a detail naming the cluster, its size, the estimated and
 * exact Jaccard and where the kept unit comes from.
 */
public final class NearDedupStage implements ClusterStage {
    public static final String NAME = "near_dedup";
    public static final String RULE = "near_duplicate";
    public static final String REPOSITORY_RULE = "near_duplicate_repository";

    /** What is clustered. */
    public enum Unit { DOCUMENT, REPOSITORY }

    /** Default largest shingle set verified by exact Jaccard (≈ 50 KB of code; 64 KB of hashes). */
    public static final int DEFAULT_EXACT_MAX_SHINGLES = 8192;

    private final Unit unit;
    private final MinHasher hasher;
    private final LshParams lsh;
    private final boolean verify;
    private final int exactMaxShingles;
    private final ThreadLocal<Shingler> shinglers;
    private final Boilerplate boilerplate;
    private final int survivorComparisons;

    /**
     * @param unit             document or repository
     * @param mode             word or char n-grams
     * @param ngram            n-gram size (BigCode: 5)
     * @param hasher           signature algorithm, k slots
     * @param lsh              bands × rows (threshold inside)
     * @param verify           drop only units whose Jaccard to the kept unit reaches the threshold
     * @param exactMaxShingles verify by exact Jaccard up to this many distinct shingles per document (0: never)
     */
    public NearDedupStage(Unit unit, Shingler.Mode mode, int ngram, MinHasher hasher, LshParams lsh, boolean verify,
                          int exactMaxShingles) {
        this(unit, mode, ngram, hasher, lsh, verify, exactMaxShingles, new Boilerplate(false, java.util.List.of()), 0);
    }

    /**
     * @param boilerplate         what is left out of shingling ({@link Boilerplate})
     * @param survivorComparisons survivors of a cluster besides the kept unit that a unit is compared with at
     *                            most (0: the kept unit only); see {@link #survivorComparisons()}
     */
    public NearDedupStage(Unit unit, Shingler.Mode mode, int ngram, MinHasher hasher, LshParams lsh, boolean verify,
                          int exactMaxShingles, Boilerplate boilerplate, int survivorComparisons) {
        this.boilerplate = boilerplate;
        this.survivorComparisons = survivorComparisons;
        this.unit = unit;
        this.hasher = hasher;
        this.lsh = lsh;
        this.verify = verify;
        this.exactMaxShingles = exactMaxShingles;
        this.shinglers = ThreadLocal.withInitial(() -> new Shingler(mode, ngram));
    }

    @Override
    public String name() {
        return NAME;
    }

    public LshParams lsh() {
        return lsh;
    }

    public Unit unitKind() {
        return unit;
    }

    /** The signature of a document's text, or null when it is too short to have shingles. */
    int[] signature(Document doc) {
        Shingler s = shinglers.get();
        int count = s.shingleNormalised(shinglingText(doc));
        return count == 0 ? null : hasher.sign(s.buffer(), count);
    }


    /** The text that is shingled: the document's text without its {@link Boilerplate}. */
    String shinglingText(Document doc) {
        return boilerplate.strip(doc.text(), doc.get(Keys.LANGUAGE), doc.source().path());
    }

    @Override
    public String unit(Document doc) {
        return unit == Unit.REPOSITORY ? doc.source().repoName() : doc.id().value();
    }

    @Override
    public Membership membership(Document doc) {
        if (doc.text() == null) {
            return null;
        }
        Shingler s = shinglers.get();
        int count = s.shingleNormalised(shinglingText(doc));
        if (count == 0) {
            return null;
        }
        NearPayload payload;
        if (unit == Unit.REPOSITORY) {
            long[] bins = new long[hasher.k()];
            hasher.bins(s.buffer(), count, bins);
            payload = new NearPayload(doc.source().repoName(), null, bins, null);
        } else {
            int[] sig = hasher.sign(s.buffer(), count);
            int[] set = null;
            if (verify && count <= 2L * exactMaxShingles) {
                set = Jaccard.fingerprintSet(s.buffer(), count);
                if (set.length > exactMaxShingles) {
                    set = null;
                }
            }
            payload = new NearPayload(doc.source().repoName() + "/" + doc.source().path(), sig, null, set);
        }
        return new Membership(rank(doc), payload.encode());
    }

    /** Repository bins merge by elementwise minimum; two documents with one id keep the smaller payload. */
    @Override
    public byte[] merge(byte[] a, byte[] b) {
        if (unit == Unit.DOCUMENT) {
            return java.util.Arrays.compare(a, b) <= 0 ? a : b;
        }
        NearPayload x = NearPayload.decode(a);
        long[] bins = x.bins().clone();
        MinHasher.mergeBins(bins, NearPayload.decode(b).bins());
        return new NearPayload(x.where(), null, bins, null).encode();
    }

    @Override
    public long[] buckets(byte[] payload) {
        return BandKeys.of(NearPayload.decode(payload).signature(hasher), lsh);
    }

    /** {@code "ESTIMATED EXACT WHERE"}: Jaccard estimates to the kept unit (EXACT {@code -} when not computed). */
    @Override
    public String compare(byte[] keptPayload, byte[] memberPayload) {
        NearPayload kept = NearPayload.decode(keptPayload);
        NearPayload member = NearPayload.decode(memberPayload);
        double estimated = Jaccard.estimate(kept.signature(hasher), member.signature(hasher));
        String exact = kept.shingles() != null && member.shingles() != null
                ? Check.format(Jaccard.exact(kept.shingles(), member.shingles())) : "-";
        return Check.format(estimated) + " " + exact + " " + kept.where();
    }

    /** Keep-rule rank: sorts permissive first, then more stars, then more forks (ids break ties in the runner). */
    static String rank(Document doc) {
        int licence = "permissive".equals(doc.get(Keys.LICENSE_TYPE)) ? 0 : 1;
        long stars = Math.max(0, doc.annotations().getOr(Keys.STARS, 0L));
        long forks = Math.max(0, doc.annotations().getOr(Keys.FORKS, 0L));
        // String.format("%d|%019d|%019d", …) without the formatter: both numbers are 0..Long.MAX_VALUE (19 digits)
        return licence + "|" + digits19(Long.MAX_VALUE - stars) + "|" + digits19(Long.MAX_VALUE - forks);
    }

    /** A non-negative long as 19 decimal digits, zero-padded. */
    static String digits19(long v) {
        String d = Long.toString(v);
        return "0".repeat(19 - d.length()) + d;
    }

    /** The Jaccard a comparison is judged by: the exact one when computed, else the estimate. */
    private static String used(String[] c) {
        return c[1].equals("-") ? c[0] : c[1];
    }

    /** With verification, a unit duplicates another when the Jaccard used reaches the threshold; without, always. */
    @Override
    public boolean duplicates(String comparison) {
        return !verify || Double.parseDouble(used(comparison.split(" ", 3))) >= lsh.threshold();
    }

    /**
     * Survivors besides the kept unit compared with each unit, those sharing a band first (recipe
     * {@code survivor_comparisons}, default {@value #DEFAULT_SURVIVOR_COMPARISONS}): makes survivors
     * of a cluster pairwise below the threshold while it has at most that many, at most
     * n × (1 + this) comparisons per cluster of n units. Band-sharing survivors left out by the
     * limit are counted in the metric {@code unchecked_survivor_pairs}.
     */
    @Override
    public int survivorComparisons() {
        return verify ? survivorComparisons : 0;
    }

    /** Default {@link #survivorComparisons()}. */
    public static final int DEFAULT_SURVIVOR_COMPARISONS = 1000;

    @Override
    public void decide(Document doc, Cluster cluster, Emitter out) {
        if (cluster == null || cluster.keptUnit().equals(unit(doc))) {
            out.keep(doc);
            return;
        }
        if (!duplicates(cluster.comparison())) {
            if (cluster.unchecked() > 0) {
                out.count("unchecked_survivor_pairs", cluster.unchecked());
            }
            out.keep(doc);
            return;
        }
        String[] c = cluster.comparison().split(" ", 3);
        String estimated = c[0];
        String exact = c[1];
        String keptWhere = c[2];
        String used = used(c);
        String similarity = "estimated Jaccard " + estimated + (exact.equals("-") ? "" : ", exact " + exact);
        String limit = ">= " + Check.format(lsh.threshold());
        String against = cluster.comparedUnit();
        String survivor = "";
        if (!against.equals(cluster.keptUnit())) {
            out.count("dropped_against_survivor", 1);
            survivor = ", a survivor below the threshold to the cluster's first";
        }
        if (unit == Unit.REPOSITORY) {
            out.drop(doc, new Verdict(REPOSITORY_RULE, "repository " + unit(doc) + " in cluster " + cluster.keptUnit()
                    + " of " + cluster.size() + " repositories; " + similarity + " to repository " + keptWhere + " (kept"
                    + survivor + ")", used, limit, against));
        } else {
            out.drop(doc, new Verdict(RULE, "cluster " + cluster.keptUnit() + " of " + cluster.size() + " documents; "
                    + similarity + " to " + keptWhere + " (kept" + survivor + ")", used, limit, against));
        }
    }
}
