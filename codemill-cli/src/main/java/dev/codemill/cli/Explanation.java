package dev.codemill.cli;

import dev.codemill.model.Document;
import dev.codemill.run.Explainer;
import dev.codemill.stage.Check;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code codemill explain} says about one document, computed once and printed either for
 * people ({@link ExplainCommand}) or as JSON.
 *
 * @param file   the file as the user named it (see {@link #where(Document)})
 * @param doc    the document as read
 * @param steps  one per stage run (ingest only, when the reader quarantined the file)
 * @param result the final line: {@code drop by STAGE: RULE}, or kept and which stages were not evaluated
 */
record Explanation(String file, Document doc, List<StepView> steps, String result) {
    /**
     * One stage's conclusion.
     *
     * @param stage   stage name
     * @param outcome keep, modify, drop, quarantine, error or not_evaluated
     * @param verdict the ledger verdict, or null for a plain keep
     * @param set     annotations the stage set or changed, by name
     * @param checks  every check the stage explains
     */
    record StepView(String stage, String outcome, Verdict verdict, Map<String, Object> set, List<Check> checks) {
    }

    static Explanation of(Document doc, Verdict ingestVerdict, List<Stage> stages) {
        if (ingestVerdict != null) {
            return new Explanation(where(doc), doc, List.of(new StepView("ingest", "quarantine", ingestVerdict, Map.of(),
                    List.of())), "quarantined at ingest: " + ingestVerdict.rule());
        }
        List<StepView> steps = new ArrayList<>();
        List<String> notEvaluated = new ArrayList<>();
        Map<String, Object> before = doc.annotations().asMap();
        String last = "kept";
        for (Explainer.Step step : Explainer.explain(stages, doc)) {
            if (step.outcome().equals(Explainer.NOT_EVALUATED)) {
                notEvaluated.add(step.stage());
            }
            Map<String, Object> set = new TreeMap<>();
            if (step.after() != null) {
                Map<String, Object> after = step.after().annotations().asMap();
                for (Map.Entry<String, Object> a : after.entrySet()) {
                    if (!Objects.equals(before.get(a.getKey()), a.getValue())) {
                        set.put(a.getKey(), a.getValue());
                    }
                }
                before = after;
            } else {
                last = step.outcome() + " by " + step.stage() + ": " + step.verdict().rule();
            }
            steps.add(new StepView(step.stage(), step.outcome(), step.verdict(), set, step.checks()));
        }
        if (last.equals("kept") && !notEvaluated.isEmpty()) {
            last = "kept by every per-file stage; not evaluated here: " + String.join(", ", notEvaluated)
                    + " (they decide over many documents: see the ledger of a run)";
        }
        return new Explanation(where(doc), doc, steps, last);
    }

    /** The file as the user named it: the path given (or archive/dump and entry), with its repository. */
    static String where(Document doc) {
        String repo = doc.source().repoName();
        String origin = doc.source().origin();
        String path = doc.source().path();
        if (!repo.isEmpty()) {
            return repo + ": " + path;
        }
        return origin.isEmpty() || origin.endsWith(path) ? (origin.isEmpty() ? path : origin) : origin + "!" + path;
    }
}
