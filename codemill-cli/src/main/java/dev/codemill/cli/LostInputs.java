package dev.codemill.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run summary of inputs lost whole (stats.json {@code inputs_lost}: every document an
 * input yielded was quarantined at ingest), and whether it fails the run.
 */
final class LostInputs {
    private LostInputs() {
    }

    /**
     * Prints one line per lost input (path, documents, quarantine rules) and a last line saying
     * what it means for the exit code.
     *
     * @return true when inputs were lost and {@code tolerate} is false: the run must exit 3
     */
    static boolean report(List<Map<String, Object>> lost, boolean tolerate, PrintStream err) {
        if (lost.isEmpty()) {
            return false;
        }
        String level = tolerate ? "warning" : "error";
        for (Map<String, Object> l : lost) {
            err.println("codemill: " + level + ": input " + l.get("input") + " was lost whole: all " + l.get("documents")
                    + " of its documents were quarantined at ingest " + l.get("rules") + " (see the ledger, stage ingest)");
        }
        if (tolerate) {
            err.println("codemill: " + lost.size() + " input(s) lost whole; tolerated (--tolerate-bad-inputs / "
                    + "ingest.tolerate_bad_inputs), exit 0");
            return false;
        }
        err.println("codemill: " + lost.size() + " input(s) lost whole; the outputs are written, exit code 3 "
                + "(--tolerate-bad-inputs or ingest: {tolerate_bad_inputs: true} accepts this)");
        return true;
    }
}
