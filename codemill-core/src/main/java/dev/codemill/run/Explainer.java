package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one document through a recipe's per-document stages and records, for each stage, what
 * it decided and every check it can explain. It stops at the first stage that does not keep the
 * document. Group and cluster stages (dedup) decide over many documents: they are recorded with
 * outcome {@code not_evaluated} and the document goes on to the per-document stages after them.
 */
public final class Explainer {
    /**
     * One stage's conclusion.
     *
     * @param stage   stage name
     * @param outcome {@code keep}, {@code modify}, {@code drop}, {@code quarantine}, {@code error} or
     *                {@code not_evaluated} (a group or cluster stage)
     * @param verdict the ledger verdict when not a plain keep, else null (a change that writes
     *                several ledger rows, e.g. one per redacted span: the first row's verdict)
     * @param checks  every rule's check (empty when the stage does not explain itself)
     * @param after   the document after the stage (null when it left the pipeline)
     */
    public record Step(String stage, String outcome, Verdict verdict, List<Check> checks, Document after) {
    }

    /** Outcome of a group or cluster stage, which needs the other documents of a run. */
    public static final String NOT_EVALUATED = "not_evaluated";

    private Explainer() {
    }

    public static List<Step> explain(List<Stage> stages, Document doc) {
        List<Step> steps = new ArrayList<>();
        Document current = doc;
        for (Stage stage : stages) {
            if (!(stage instanceof DocStage d)) {
                steps.add(new Step(stage.name(), NOT_EVALUATED, null, List.of(), current));
                continue;
            }
            List<Check> checks = List.of();
            Capture c = new Capture();
            try {
                d.process(current, c);
                if (stage instanceof Explainable e) {
                    checks = e.explain(current);
                }
            } catch (RuntimeException ex) {
                steps.add(new Step(stage.name(), "error", Verdict.of("internal_error", ex.toString()), checks, null));
                return steps;
            }
            steps.add(new Step(stage.name(), c.outcome, c.verdict, checks, c.after));
            if (c.after == null) {
                return steps;
            }
            current = c.after;
        }
        return steps;
    }

    private static final class Capture implements Emitter {
        String outcome = "none";
        Verdict verdict;
        Document after;

        @Override
        public void keep(Document doc) {
            outcome = "keep";
            after = doc;
        }

        @Override
        public void drop(Document doc, Verdict why) {
            outcome = LedgerRow.DROP;
            verdict = why;
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            outcome = LedgerRow.QUARANTINE;
            verdict = why;
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            outcome = LedgerRow.MODIFY;
            verdict = whys.isEmpty() ? null : whys.get(0);
            after = changed;
        }
    }
}
