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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codemill explain FILE...}: for each document in each FILE, what every per-document
 * stage concludes and why: annotations it set (language, encoding, stats) and every rule's
 * verdict with value and limit. With {@code --json}, one JSON object per document per line
 * (JSON Lines): {@code repo}, {@code path}, {@code id}, {@code steps} (each with {@code stage},
 * {@code outcome}, {@code verdict}, {@code set} = annotations the stage set or changed, and
 * {@code checks}) and {@code result}.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what the pipeline concludes about each file and why.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "files, archives or dumps to explain")
    List<Path> files;

    @Mixin
    RecipeOption recipe;

    @Option(names = "--json", description = "machine output: one JSON object per document (JSON Lines)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Recipe r = recipe.load();
        List<Stage> stages = RecipeOption.buildAndLoad(r);
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
                public void modified(Document doc, java.util.List<Verdict> whys) {
                    read.add(new Object[] {doc, null});
                }
            });
            for (Object[] entry : read) {
                Explanation e = Explanation.of((Document) entry[0], (Verdict) entry[1], stages);
                if (json) {
                    printJson(out, e);
                } else {
                    print(out, e);
                }
            }
        }
        return Main.OK;
    }

    /** The human-readable form: each stage's outcome, the annotations it set, each check on its own line. */
    static void print(PrintStream out, Explanation e) {
        out.println("== " + e.file() + "  (id " + e.doc().id() + ")");
        for (Explanation.StepView step : e.steps()) {
            if (step.outcome().equals(Explainer.NOT_EVALUATED)) {
                out.printf("  %-13s not evaluated: decides over many documents (see the ledger of a run)%n", step.stage());
                continue;
            }
            out.printf("  %-13s %-10s %s%n", step.stage(), step.outcome(),
                    step.verdict() == null ? "" : describe(step.verdict()));
            step.set().forEach((key, value) -> {
                if (value instanceof List<?> list) {
                    out.printf("      %s = (%d)%n", key, list.size());
                    for (Object item : list) {
                        out.printf("        %s%n", item);
                    }
                } else {
                    out.printf("      %s = %s%n", key, Check.format(value));
                }
            });
            for (Check c : step.checks()) {
                String mark = !c.passed() ? "FAIL" : c.limit().isEmpty() ? "info" : "pass";
                String value = c.value().isEmpty() || c.value().equals("-") ? "" : " = " + c.value();
                String limit = c.limit().isEmpty() || c.limit().equals("-") ? "" : "   (limit " + c.limit() + ")";
                out.printf("      [%s] %s%s%s%n", mark, c.rule(), value, limit);
                if (!c.detail().isEmpty()) {
                    out.printf("             %s%n", c.detail());
                }
            }
        }
        out.println("  => " + e.result());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One JSON line per document: every step, the annotations it set and every check. */
    static void printJson(PrintStream out, Explanation e) {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("repo", e.doc().source().repoName());
        root.put("file", e.file());
        root.put("path", e.doc().source().path());
        root.put("id", e.doc().id().toString());
        List<Object> steps = new ArrayList<>();
        for (Explanation.StepView step : e.steps()) {
            Map<String, Object> s = new java.util.LinkedHashMap<>();
            s.put("stage", step.stage());
            s.put("outcome", step.outcome());
            s.put("verdict", step.verdict() == null ? null : verdict(step.verdict()));
            s.put("set", step.set());
            List<Object> checks = new ArrayList<>();
            for (Check c : step.checks()) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("rule", c.rule());
                m.put("passed", c.passed());
                m.put("value", c.value());
                m.put("limit", c.limit());
                m.put("detail", c.detail());
                checks.add(m);
            }
            s.put("checks", checks);
            steps.add(s);
        }
        root.put("steps", steps);
        root.put("result", e.result());
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> verdict(Verdict v) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("rule", v.rule());
        m.put("detail", v.detail());
        m.put("value", v.value());
        m.put("limit", v.limit());
        return m;
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
