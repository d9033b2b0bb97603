package dev.codemill.stages.history;

import dev.codemill.model.Document;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;

/**
 * Main-chain stage {@code commit_changes}: ends every commit-change record read from git history
 * ({@code ingest.history}) with ledger action {@code consume}, rule {@value #RULE}, so that no
 * record reaches the main output as if it were a file; every other document is kept unchanged.
 * The history branches ({@code commit_pairs}, {@code revisions}) are fed from the stage before it
 * ({@code docs/history.md}): they got their copies there. Place it right after {@code redact}
 * (which cleans both sides of a change) and before any stage that filters files.
 */
public final class CommitChangesStage implements DocStage {
    /** Recipe type. */
    public static final String NAME = "commit_changes";
    /** Ledger rule of a consumed record. */
    public static final String RULE = "history_record";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (HistoryRecords.isChange(doc)) {
            out.consume(doc, Verdict.of(RULE, "commit-change record: material of the history branches fed before this stage, "
                    + "never a file of the main output"));
        } else {
            out.keep(doc);
        }
    }
}
