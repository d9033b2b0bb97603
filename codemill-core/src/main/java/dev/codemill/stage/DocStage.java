package dev.codemill.stage;

import dev.codemill.model.Document;

/**
 * A stage that looks at one document at a time. Implementations must be thread-safe and
 * deterministic: the same document gives the same verdict on any thread or runner.
 */
public non-sealed interface DocStage extends Stage {
    /** Emits zero or one document (kept, maybe changed) and the ledger rows for what it did. */
    void process(Document doc, Emitter out);
}
