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
                if (json) {
                    printJson(out, (Document) entry[0], (Verdict) entry[1], stages);
                } else {
                    print(out, (Document) entry[0], (Verdict) entry[1], stages);
                }
            }
        }
        return Main.OK;
    }

    static void print(PrintStream out, Document doc, Verdict ingestVerdict, List<Stage> stages) {
        out.println("== " + where(doc) + "  (id " + doc.id() + ")");
        if (ingestVerdict != null) {
            out.println("  ingest      quarantine  " + describe(ingestVerdict));
            out.println("  => quarantined at ingest: " + ingestVerdict.rule());
            return;
        }
        Map<String, Object> before = doc.annotations().asMap();
        String last = "kept";
        List<String> notEvaluated = new ArrayList<>();
        for (Explainer.Step step : Explainer.explain(stages, doc)) {
            if (step.outcome().equals(Explainer.NOT_EVALUATED)) {
                notEvaluated.add(step.stage());
                out.printf("  %-13s not evaluated: decides over many documents (see the ledger of a run)%n", step.stage());
                continue;
            }
            out.printf("  %-13s %-10s %s%n", step.stage(), step.outcome(),
                    step.verdict() == null ? "" : describe(step.verdict()));
            if (step.after() != null) {
                Map<String, Object> after = step.after().annotations().asMap();
                for (Map.Entry<String, Object> e : after.entrySet()) {
                    if (!Objects.equals(before.get(e.getKey()), e.getValue())) {
                        if (e.getValue() instanceof List<?> list) {
                            out.printf("      %s = (%d)%n", e.getKey(), list.size());
                            for (Object item : list) {
                                out.printf("        %s%n", item);
                            }
                        } else {
                            out.printf("      %s = %s%n", e.getKey(), Check.format(e.getValue()));
                        }
                    }
                }
                before = after;
            }
            for (Check c : step.checks()) {
                String mark = !c.passed() ? "FAIL" : c.limit().isEmpty() ? "info" : "pass";
                String value = c.value().isEmpty() || c.value().equals("-") ? "" : " = " + c.value();
                String limit = c.limit().isEmpty() || c.limit().equals("-") ? "" : "   (limit " + c.limit() + ")";
                out.printf("      [%s] %s%s%s%n", mark, c.rule(), value, limit);
                if (!c.detail().isEmpty()) {
                    out.printf("             %s%n", c.detail());
                }
            }
            if (step.after() == null) {
                last = step.outcome() + " by " + step.stage() + ": " + step.verdict().rule();
            }
        }
        out.println("  => " + result(last, notEvaluated));
    }

    /** The final line: a drop names its stage and rule; a keep names the stages that were not evaluated. */
    static String result(String last, List<String> notEvaluated) {
        if (!last.equals("kept") || notEvaluated.isEmpty()) {
            return last;
        }
        return "kept by every per-file stage; not evaluated here: " + String.join(", ", notEvaluated)
                + " (they decide over many documents: see the ledger of a run)";
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One JSON line per document: every step, the annotations it set and every check. */
    static void printJson(PrintStream out, Document doc, Verdict ingestVerdict, List<Stage> stages) {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("repo", doc.source().repoName());
        root.put("file", where(doc));
        root.put("path", doc.source().path());
        root.put("id", doc.id().toString());
        List<Object> steps = new ArrayList<>();
        root.put("steps", steps);
        if (ingestVerdict != null) {
            steps.add(Map.of("stage", "ingest", "outcome", "quarantine", "verdict", verdict(ingestVerdict)));
            root.put("result", "quarantined at ingest: " + ingestVerdict.rule());
        } else {
            Map<String, Object> before = doc.annotations().asMap();
            String last = "kept";
            List<String> notEvaluated = new ArrayList<>();
            for (Explainer.Step step : Explainer.explain(stages, doc)) {
                if (step.outcome().equals(Explainer.NOT_EVALUATED)) {
                    notEvaluated.add(step.stage());
                }
                Map<String, Object> s = new java.util.LinkedHashMap<>();
                s.put("stage", step.stage());
                s.put("outcome", step.outcome());
                s.put("verdict", step.verdict() == null ? null : verdict(step.verdict()));
                Map<String, Object> set = new java.util.TreeMap<>();
                if (step.after() != null) {
                    Map<String, Object> after = step.after().annotations().asMap();
                    for (Map.Entry<String, Object> e : after.entrySet()) {
                        if (!Objects.equals(before.get(e.getKey()), e.getValue())) {
                            set.put(e.getKey(), e.getValue());
                        }
                    }
                    before = after;
                } else {
                    last = step.outcome() + " by " + step.stage() + ": " + step.verdict().rule();
                }
                s.put("set", set);
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
            root.put("result", result(last, notEvaluated));
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
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
