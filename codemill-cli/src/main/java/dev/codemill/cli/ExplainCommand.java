package dev.codemill.cli;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.plan.Recipe;
import dev.codemill.run.Explainer;
import dev.codemill.run.Split;
import dev.codemill.stage.Check;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code codemill explain FILE...}: for each document in each FILE, what every per-document
 * stage concludes and why: annotations it set (language, encoding, stats) and every rule's
 * verdict with value and limit.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what the pipeline concludes about each file and why.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "files, archives or dumps to explain")
    List<Path> files;

    @Mixin
    RecipeOption recipe;

    @Override
    public Integer call() throws Exception {
        Recipe r = recipe.load();
        List<Stage> stages = RecipeOption.build(r);
        PrintStream out = System.out;
        for (Split split : Inputs.splits(files, r.ingest())) {
            List<Object[]> read = new ArrayList<>();
            split.read(new Emitter() {
                @Override
                public void keep(Document doc) {
                    read.add(new Object[] {doc, null});
                }

                @Override
                public void drop(Document doc, Verdict why) {
                    read.add(new Object[] {doc, why});
                }

                @Override
                public void quarantine(Document doc, Verdict why) {
                    read.add(new Object[] {doc, why});
                }

                @Override
                public void modified(Document doc, Verdict why) {
                    read.add(new Object[] {doc, null});
                }
            });
            for (Object[] entry : read) {
                print(out, (Document) entry[0], (Verdict) entry[1], stages);
            }
        }
        return Main.OK;
    }

    static void print(PrintStream out, Document doc, Verdict ingestVerdict, List<Stage> stages) {
        String repo = doc.source().repoName();
        out.println("== " + (repo.isEmpty() ? "" : repo + ": ") + doc.source().path() + "  (id " + doc.id() + ")");
        if (ingestVerdict != null) {
            out.println("  ingest      quarantine  " + describe(ingestVerdict));
            out.println("  => quarantined at ingest: " + ingestVerdict.rule());
            return;
        }
        Map<String, Object> before = doc.annotations().asMap();
        String last = "kept";
        for (Explainer.Step step : Explainer.explain(stages, doc)) {
            out.printf("  %-11s %-10s %s%n", step.stage(), step.outcome(),
                    step.verdict() == null ? "" : describe(step.verdict()));
            if (step.after() != null) {
                Map<String, Object> after = step.after().annotations().asMap();
                for (Map.Entry<String, Object> e : after.entrySet()) {
                    if (!Objects.equals(before.get(e.getKey()), e.getValue())) {
                        out.printf("      %s = %s%n", e.getKey(), Check.format(e.getValue()));
                    }
                }
                before = after;
            }
            for (Check c : step.checks()) {
                out.printf("      [%s] %-22s value %-10s limit %-10s %s%n", c.passed() ? "pass" : "FAIL", c.rule(),
                        c.value().isEmpty() ? "-" : c.value(), c.limit().isEmpty() ? "-" : c.limit(), c.detail());
            }
            if (step.after() == null) {
                last = step.outcome() + " by " + step.stage() + ": " + step.verdict().rule();
            }
        }
        if (last.equals("kept")) {
            List<String> group = stages.stream().filter(st -> st instanceof dev.codemill.stage.GroupStage)
                    .map(Stage::name).toList();
            if (!group.isEmpty()) {
                last += " by every per-file stage (" + String.join(", ", group)
                        + (group.size() == 1 ? " decides" : " decide") + " over many documents: see the ledger of a run)";
            }
        }
        out.println("  => " + last);
    }

    private static String describe(Verdict v) {
        StringBuilder sb = new StringBuilder("rule ").append(v.rule());
        if (!v.value().isEmpty()) {
            sb.append(", value ").append(v.value());
        }
        if (!v.limit().isEmpty()) {
            sb.append(", limit ").append(v.limit());
        }
        if (!v.detail().isEmpty()) {
            sb.append(" (").append(v.detail()).append(')');
        }
        return sb.toString();
    }
}
