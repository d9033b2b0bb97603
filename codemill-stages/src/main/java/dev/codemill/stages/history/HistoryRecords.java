package dev.codemill.stages.history;

import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;

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

    /**
     * Drops {@code d} with rule {@value #SNAPSHOT_FILE} when it is not a commit change (a branch is
     * fed every document leaving its point, snapshot files included) and returns true.
     */
    static boolean droppedUnlessChange(Document d, Emitter out, String branch, String reads) {
        if (isChange(d)) {
            return false;
        }
        out.drop(d, Verdict.of(SNAPSHOT_FILE, "not a commit change; branch " + branch + " " + reads));
        return true;
    }

    /** The id of a document derived by {@code stage} from the record {@code from}: {@code STAGE/RECORD_ID}. */
    static String derivedId(String stage, Document from) {
        return stage + "/" + from.id().value();
    }
}
