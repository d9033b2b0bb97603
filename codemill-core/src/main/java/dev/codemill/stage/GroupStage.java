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

    /** Emits the documents of one group that survive, and ledger rows for the others. */
    void processGroup(String key, List<Document> docsSortedById, Emitter out);
}
