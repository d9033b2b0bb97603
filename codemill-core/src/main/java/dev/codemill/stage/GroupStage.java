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

    /**
     * The group's context documents, when this stage can run a large group in slices (null, the
     * default: it cannot). A stage that returns a predicate promises that its outcome for a
     * document of a group depends only on that document and on the group's documents the
     * predicate accepts (its context), not on the other documents, and that it neither emits
     * derived documents nor counts metrics in {@link #processGroup}. A runner may then cut a
     * giant group (a repository of a million files; every document without a repository name)
     * into slices: each slice is processed with all of the group's context documents added and
     * keeps only its own documents' outcomes, which are the unsliced outcomes (the Spark runner's
     * skew guard, docs/spark.md). The predicate may accept more documents than needed, never fewer.
     */
    default java.util.function.Predicate<Document> sliceContext() {
        return null;
    }

    /** Emits the documents of one group that survive, and ledger rows for the others. */
    void processGroup(String key, List<Document> docsSortedById, Emitter out);
}
