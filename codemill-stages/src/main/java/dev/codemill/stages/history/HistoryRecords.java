package dev.codemill.stages.history;

import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;

/** Small helpers the history stages share. */
final class HistoryRecords {
    /** Ledger rule of a snapshot file reaching a history branch (a branch is fed every document of its point). */
    static final String SNAPSHOT_FILE = "snapshot_file";

    private HistoryRecords() {
    }

    /** Whether {@code d} is a commit-change record read from git history. */
    static boolean isChange(Document d) {
        return HistoryKeys.COMMIT_CHANGE.equals(d.get(HistoryKeys.RECORD));
    }

    /** The id of a document derived by {@code stage} from the record {@code from}: {@code STAGE/RECORD_ID}. */
    static String derivedId(String stage, Document from) {
        return stage + "/" + from.id().value();
    }
}
