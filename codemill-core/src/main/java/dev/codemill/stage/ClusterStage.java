package dev.codemill.stage;

import dev.codemill.model.Document;

/**
 * A stage that links <em>units</em> (by default each document; for repository-level dedup each
 * repository) sharing a bucket key — for near-dedup an LSH band hash — into clusters, the
 * connected components of the "shares a bucket" graph, and then decides about each document
 * knowing its unit's cluster. It is written as relational steps so that any runner can execute
 * it without holding documents or clusters together:
 * <ol>
 *   <li>{@link #membership} per document (parallel, where the document is);</li>
 *   <li>per unit, {@link #merge} of its documents' payloads (a reduce by unit key), then
 *       {@link #buckets} of the merged payload;</li>
 *   <li>per bucket, links between its units; connected components over all links;</li>
 *   <li>per cluster, the kept unit (smallest {@link Membership#rank()}, ties broken by the smaller
 *       unit) and {@link #compare} of every other unit's payload with the kept one's; a unit that
 *       does not {@linkplain #duplicates duplicate} it is then compared with the earlier
 *       survivors, those sharing a bucket with it first (at most {@link #survivorComparisons()}
 *       of them), and duplicates the first one it matches, else survives (greedy: survivors are
 *       pairwise not duplicates, so a chain A~B~C~D kept from A never leaves C and D both);</li>
 *   <li>per document, {@link #decide} with its unit's {@link Cluster} (a join by unit).</li>
 * </ol>
 * Results do not depend on input order, thread count or partitioning, provided {@link #merge}
 * is commutative and associative and every method is a pure function of its arguments.
 */
public non-sealed interface ClusterStage extends Stage {
    /**
     * What the runner needs about a document.
     *
     * @param rank    sorts units of a cluster, smallest kept (e.g. a keep-rule key); a unit's rank
     *                is the smallest of its documents'; never null
     * @param payload the stage's data for {@link #merge}, {@link #buckets} and {@link #compare}
     *                (e.g. a MinHash signature); never null
     */
    record Membership(String rank, byte[] payload) {
        public Membership {
            rank = rank == null ? "" : rank;
            payload = payload == null ? new byte[0] : payload;
        }
    }

    /**
     * A unit's cluster.
     *
     * @param keptUnit   the kept unit, which is also the cluster id
     * @param size       number of units in the cluster (≥ 2)
     * @param comparison   {@link #compare} of this unit with {@code comparedUnit}; empty for the kept unit
     * @param comparedUnit the unit {@code comparison} is against: the first survivor this unit
     *                     {@linkplain #duplicates duplicates}, else the kept unit (so a survivor's
     *                     comparison is the one with the kept unit)
     * @param unchecked    survivors sharing a bucket with this unit that it was not compared with
     *                     because of {@link #survivorComparisons()} (a lower bound; 0 when all were compared)
     */
    record Cluster(String keptUnit, int size, String comparison, String comparedUnit, int unchecked) {
        /** A cluster entry compared with the kept unit only. */
        public Cluster(String keptUnit, int size, String comparison) {
            this(keptUnit, size, comparison, keptUnit, 0);
        }
    }

    /** The unit a document is clustered as: its id by default. Called for every document; cheap. */
    default String unit(Document doc) {
        return doc.id().value();
    }

    /**
     * Rank and payload of one document, or null when the document takes no part in clustering
     * (e.g. too short to have shingles); it is still decided with its unit's cluster, if any.
     */
    Membership membership(Document doc);

    /**
     * Combines two payloads of the same unit (documents of one repository, or two documents that
     * share an id). Must be commutative and associative.
     */
    byte[] merge(byte[] a, byte[] b);

    /** Bucket keys of a unit's merged payload; units sharing a key are linked. May be empty. */
    long[] buckets(byte[] payload);

    /**
     * What {@link #decide} needs to know about a unit relative to the kept unit of its cluster,
     * e.g. their estimated and exact Jaccard similarity. Kept small: runners store one per unit.
     */
    String compare(byte[] keptPayload, byte[] memberPayload);

    /**
     * Whether a {@link #compare} result means that the member duplicates the other unit (is
     * dropped in favour of it). The default, true, drops every clustered unit but the kept one.
     */
    default boolean duplicates(String comparison) {
        return true;
    }

    /**
     * How many survivors of a cluster other than the kept unit a unit is compared with at most
     * (those sharing a bucket with it first), which bounds a cluster of n units to
     * n × (1 + this) comparisons. 0 (the default) compares with the kept unit only.
     */
    default int survivorComparisons() {
        return 0;
    }

    /**
     * Decides about one document: keep, drop (with the kept unit in the verdict) or modify.
     *
     * @param cluster the cluster of the document's unit, or null when it shares no bucket with another unit
     */
    void decide(Document doc, Cluster cluster, Emitter out);
}
