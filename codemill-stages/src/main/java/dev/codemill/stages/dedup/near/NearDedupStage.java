package dev.codemill.stages.dedup.near;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Near-duplicate removal (BigCode's recipe for The Stack): normalise ({@link Normaliser}),
 * shingle into word 5-grams ({@link Shingler}), sign with k = 256 slots ({@link MinHasher};
 * one-permutation hashing by default, classic MinHash selectable), and bucket by LSH bands whose
 * bands × rows minimise the weighted false-positive + false-negative area for the Jaccard
 * threshold (0.7 by default, {@link LshParams}). The runner links documents that share a band
 * into clusters (connected components) and keeps, per cluster, the first by the keep rule
 * (BigCode v2: permissive licence, then more stars, then more forks, then the smaller id).
 *
 * <p>Verification (on by default): a clustered document is dropped only when its estimated
 * Jaccard to the kept document — both full signatures — reaches the threshold; a document linked
 * to the cluster only through others stays. Documents with fewer tokens than the n-gram size
 * get no signature (case C01) and are never clustered: exact dedup handles them.
 *
 * <p>Ledger rows: rule {@code near_duplicate}, value the estimated Jaccard to the kept document,
 * limit {@code >= threshold}, {@code kept_id}, and a detail naming the cluster and its size.
 */
public final class NearDedupStage implements ClusterStage {
    public static final String NAME = "near_dedup";
    public static final String RULE = "near_duplicate";

    private final Shingler.Mode mode;
    private final int ngram;
    private final MinHasher hasher;
    private final LshParams lsh;
    private final boolean verify;
    private final ThreadLocal<Shingler> shinglers;

    /**
     * @param mode      word or char n-grams
     * @param ngram     n-gram size (BigCode: 5)
     * @param hasher    signature algorithm, k slots
     * @param lsh       bands × rows (threshold inside)
     * @param verify    drop only members whose estimated Jaccard to the kept member reaches the threshold
     */
    public NearDedupStage(Shingler.Mode mode, int ngram, MinHasher hasher, LshParams lsh, boolean verify) {
        this.mode = mode;
        this.ngram = ngram;
        this.hasher = hasher;
        this.lsh = lsh;
        this.verify = verify;
        this.shinglers = ThreadLocal.withInitial(() -> new Shingler(mode, ngram));
    }

    @Override
    public String name() {
        return NAME;
    }

    public LshParams lsh() {
        return lsh;
    }

    /** The signature of a document's text, or null when it is too short to have shingles. */
    int[] signature(Document doc) {
        Shingler s = shinglers.get();
        int count = s.shingle(Normaliser.normalise(doc.text()));
        return count == 0 ? null : hasher.sign(s.buffer(), count);
    }

    @Override
    public Membership membership(Document doc) {
        int[] sig = signature(doc);
        if (sig == null) {
            return new Membership(List.of(), "", "");
        }
        long[] keys = BandKeys.of(sig, lsh);
        List<String> buckets = new ArrayList<>(keys.length);
        for (int b = 0; b < keys.length; b++) {
            buckets.add(b + ":" + Long.toHexString(keys[b]));
        }
        return new Membership(buckets, rank(doc), doc.source().repoName() + "/" + doc.source().path() + "\n" + encode(sig));
    }

    /** Keep-rule rank: sorts permissive first, then more stars, then more forks (ids break ties in the runner). */
    static String rank(Document doc) {
        int licence = "permissive".equals(doc.get(Keys.LICENSE_TYPE)) ? 0 : 1;
        long stars = Math.max(0, doc.annotations().getOr(Keys.STARS, 0L));
        long forks = Math.max(0, doc.annotations().getOr(Keys.FORKS, 0L));
        return String.format("%d|%019d|%019d", licence, Long.MAX_VALUE - stars, Long.MAX_VALUE - forks);
    }

    @Override
    public void decide(Document doc, Cluster cluster, Emitter out) {
        if (cluster == null || cluster.keptId().equals(doc.id().value())) {
            out.keep(doc);
            return;
        }
        String payload = cluster.keptPayload();
        int nl = payload.lastIndexOf('\n');
        String keptWhere = payload.substring(0, nl);
        int[] sig = signature(doc);
        double j = Jaccard.estimate(sig, decode(payload.substring(nl + 1)));
        if (verify && j < lsh.threshold()) {
            out.keep(doc);
            return;
        }
        out.drop(doc, new Verdict(RULE, "cluster " + cluster.id() + " of " + cluster.size() + " documents; estimated Jaccard "
                + Check.format(j) + " to " + keptWhere + " (kept)", Check.format(j), ">= " + Check.format(lsh.threshold()),
                cluster.keptId()));
    }

    static String encode(int[] sig) {
        ByteBuffer b = ByteBuffer.allocate(sig.length * 4);
        for (int v : sig) {
            b.putInt(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static int[] decode(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
        int[] sig = new int[b.remaining() / 4];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = b.getInt();
        }
        return sig;
    }
}
