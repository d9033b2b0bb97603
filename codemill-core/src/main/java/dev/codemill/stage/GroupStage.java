package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.List;

/**
 * A stage that decides about documents that share a key (exact dedup: the content hash).
 * Runners group documents by {@link #key(Document)} and hand each group, sorted by
 * {@link dev.codemill.model.DocId}, to {@link #processGroup(String, List, Emitter)}.
 */
public non-sealed interface GroupStage extends Stage {
    /** The grouping key of a document; never null. */
    String key(Document doc);

    /**
     * The document field that {@link #key} returns verbatim, when the key is exactly that one
     * field (e.g. {@code "repo_name"} for {@code doc.source().repoName()}); null (the default)
     * when the key is computed otherwise. Two group stages that name the same field, with only doc
     * stages between them, see the same groups, so a runner may run both in one shuffle round:
     * the second stage's group of key K is what the first stage's group K keeps, after the doc
     * stages between them (the local runner checks that every such document still has key K).
     */
    default String keyField() {
        return null;
    }

    /** Emits the documents of one group that survive, and ledger rows for the others. */
    void processGroup(String key, List<Document> docsSortedById, Emitter out);
}
