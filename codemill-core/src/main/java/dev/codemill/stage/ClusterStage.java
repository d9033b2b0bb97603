package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.List;

/**
 * A stage that links documents sharing a bucket key (for near-dedup: an LSH band hash) into
 * clusters — the connected components of the "shares a bucket" graph — and then decides about
 * each document knowing its cluster. Runners never hold the documents of a cluster together:
 * they work on small {@link Membership} records, so a bucket of 20,000 identical documents costs
 * 20,000 small records, not 20,000 texts.
 *
 * <p>The kept member of a cluster is the one with the smallest {@link Membership#rank()}, ties
 * broken by the smaller document id; the cluster id is the kept member's id. Results do not
 * depend on input order or thread count.
 */
public non-sealed interface ClusterStage extends Stage {
    /**
     * What the runner needs about a document.
     *
     * @param buckets bucket keys; documents sharing one are linked; empty: the document is never clustered
     * @param rank    sorts members of a cluster, smallest kept (e.g. a keep-rule key); never null
     * @param payload small data handed back with the kept member (e.g. its MinHash signature); may be empty
     */
    record Membership(List<String> buckets, String rank, String payload) {
        public Membership {
            buckets = List.copyOf(buckets);
            rank = rank == null ? "" : rank;
            payload = payload == null ? "" : payload;
        }
    }

    /**
     * A document's cluster.
     *
     * @param id          the cluster id (its kept member's document id)
     * @param keptId      the kept member's document id
     * @param size        number of documents in the cluster (≥ 2)
     * @param keptPayload the kept member's {@link Membership#payload()}
     */
    record Cluster(String id, String keptId, int size, String keptPayload) {
    }

    /** Bucket keys, rank and payload of one document; called once per document. */
    Membership membership(Document doc);

    /**
     * Decides about one document: keep, drop (with the kept id in the verdict) or modify.
     *
     * @param cluster the document's cluster, or null when it shares no bucket with any other document
     */
    void decide(Document doc, Cluster cluster, Emitter out);
}
