package dev.codemill.stages.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.Seeds;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Execution-prediction records, CRUXEval-style, from the doctest examples of Python functions (issue 16 §4).
 * Meant for a branch ({@code --exec-tasks} adds {@code {name: exec_tasks, stages: [{type: exec_tasks}]}}).
 *
 * <p>Each Python document with {@code >>>} in it is run in the sandbox ({@link DoctestRunner}): the module is
 * imported, each function's or method's examples run the way doctest runs them; every example that printed
 * something becomes an {@code output} record ((code, input) → observed output) and every example that raised
 * an {@code error} record ((code, input) → observed traceback). Nothing is taken from the docstring's expected
 * output but the flag {@link ExecKeys#MATCHES_DOCSTRING}. Outputs holding a memory address or longer than
 * {@code max_output_chars} are left out.
 *
 * <p>Outcomes: records are {@link Emitter#emit emitted} with id {@code exec_tasks/DOC_ID/FUNCTION#INDEX}, rule
 * {@value #RULE}, value {@code FUNCTION#INDEX}; at most {@code max_tasks_per_document} per document, drawn with
 * {@link Seeds#seedFor} (purpose {@value #SEED_PURPOSE}, key the document id) when there are more. The
 * Python document is then {@link Emitter#consume consumed} (rule {@value #SOURCE}, value the record count,
 * detail why none: {@code no_doctest}, {@code no_examples}, {@code syntax_error}, {@code import_failed}, …).
 * Other languages are dropped ({@value #NOT_PYTHON}), undecoded documents too ({@value #NOT_DECODED}).
 *
 * <p>A document that is a file of the running CPython's standard library with a test module also gives
 * records from the calls its own tests make ({@link ObservedCalls}: traced, replayed alone, kept only when
 * the replay observes the same value or exception); the consume row then names the calls left out per reason.
 */
public final class ExecTasksStage implements DocStage {
    public static final String NAME = "exec_tasks";
    public static final String RULE = "exec_task";
    public static final String SOURCE = "exec_source";
    public static final String NOT_PYTHON = "exec_not_python";
    public static final String NOT_DECODED = "not_decoded";
    public static final String SEED_PURPOSE = "exec_tasks";

    private final DoctestRunner runner;
    private final int maxPerDocument;
    private final boolean errors;
    private final long seed;
    private final ObservedCalls calls;

    /** @param calls records from observed calls of stdlib functions, or null when off (or no stdlib with tests here) */
    ExecTasksStage(DoctestRunner runner, ObservedCalls calls, int maxPerDocument, boolean errors, long seed) {
        this.runner = runner;
        this.calls = calls;
        this.maxPerDocument = maxPerDocument;
        this.errors = errors;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }


    static boolean isPython(Document doc) {
        String lang = doc.get(Keys.LANGUAGE);
        return lang != null ? lang.equals("Python") : doc.source().path().endsWith(".py");
    }

    @Override
    public void process(Document doc, Emitter out) {
        dev.codemill.stages.analysis.exec.StageCpu.counted(out, () -> processTimed(doc, out));
    }

    private void processTimed(Document doc, Emitter out) {
        if (!doc.isDecoded()) {
            out.drop(doc, new Verdict(NOT_DECODED, "exec tasks need decoded text", "", "", ""));
            return;
        }
        if (!isPython(doc)) {
            out.drop(doc, new Verdict(NOT_PYTHON, "exec tasks run Python doctests only", String.valueOf(doc.get(Keys.LANGUAGE)), "", ""));
            return;
        }
        boolean doctests = doc.text().contains(">>>");
        String[] callsWhy = {"observed_calls_off"};
        Optional<CallRunner.Setup> setup = calls == null ? Optional.empty() : calls.setup(doc, callsWhy);
        if (calls != null && setup.isEmpty()) {
            out.count("calls_skipped." + callsWhy[0], 1);
        }
        if (!doctests && setup.isEmpty()) {
            out.count("documents_without_doctest", 1);
            out.consume(doc, new Verdict(SOURCE, "read for exec tasks; none (no_doctest" + (calls == null ? "" : "; calls: " + callsWhy[0])
                    + ")", "0", "", ""));
            return;
        }
        int made = 0;
        List<String> whys = new ArrayList<>();
        if (doctests) {
            ObservedCalls.Outcome d = doctests(doc, out);
            made += d.records();
            whys.add(d.why().isEmpty() ? "doctests: " + d.records() : d.why());
        } else {
            whys.add("no_doctest");
        }
        if (setup.isPresent()) {
            out.count("documents_traced", 1);
            try {
                ObservedCalls.Outcome c = calls.run(doc, setup.get(), out);
                made += c.records();
                whys.add("calls: " + (c.why().isEmpty() ? c.records() : c.why())
                        + (c.dropped().isEmpty() ? "" : "; calls dropped: " + c.dropped()));
            } catch (IOException e) {
                throw new UncheckedIOException("exec_tasks: the sandbox failed on " + doc.source().path() + ": " + e.getMessage(), e);
            }
        } else if (calls != null) {
            whys.add("calls: " + callsWhy[0]);
        }
        String summary = String.join("; ", whys);
        out.consume(doc, new Verdict(SOURCE, made == 0 ? "read for exec tasks; none (" + summary + ")"
                : "read for exec tasks; " + made + " records (" + summary + ")", Integer.toString(made), "", ""));
    }

    /** The document's doctest examples run in the sandbox: records emitted, and why none when so. */
    private ObservedCalls.Outcome doctests(Document doc, Emitter out) {
        DoctestRunner.Run run = runner.run(doc.source().path(), doc.text());
        out.count("documents_run", 1);
        out.count("sandbox_cpu_ms", Math.round(run.result().cpuSeconds() * 1000));
        List<JsonNode> tasks = new ArrayList<>();
        String why = "";
        for (JsonNode r : run.records()) {
            String kind = r.path("kind").asText();
            if (kind.equals("skip")) {
                why = r.path("reason").asText();
                out.count("skipped." + why, 1);
            } else if (kind.equals("output") && !r.path("output").asText().isEmpty()) {
                tasks.add(r);
            } else if (kind.equals("error") && errors) {
                tasks.add(r);
            } else if (kind.equals("output")) {
                out.count("examples_without_output", 1);
            }
        }
        if (!run.result().ok()) {
            out.count(run.result().timedOut() ? "runs_timed_out" : "runs_failed", 1);
            why = why.isEmpty() ? (run.result().timedOut() ? "run_timed_out" : "run_failed") : why;
        }
        List<JsonNode> kept = draw(doc.id(), tasks);
        for (JsonNode t : kept) {
            String ref = t.path("function").asText() + "#" + t.path("index").asInt();
            boolean error = t.path("kind").asText().equals("error");
            out.count(error ? "records_error" : "records_output", 1);
            out.emit(record(doc, t), List.of(doc.id()), new Verdict(RULE, (error ? "raised " + t.path("exception").asText()
                    : "observed output") + " of example " + t.path("index").asInt() + " of " + t.path("function").asText(),
                    ref, Integer.toString(maxPerDocument), ""));
        }
        return new ObservedCalls.Outcome(kept.size(), kept.isEmpty() ? (why.isEmpty() ? "no_output" : why) : "");
    }

    /** All tasks when they fit, else a seeded draw of {@code maxPerDocument}, in file order. */
    private List<JsonNode> draw(DocId id, List<JsonNode> tasks) {
        if (tasks.size() <= maxPerDocument) {
            return tasks;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(Seeds.seedFor(seed, SEED_PURPOSE, id)));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, maxPerDocument));
        chosen.sort(Comparator.naturalOrder());
        return chosen.stream().map(tasks::get).toList();
    }

    static Document record(Document src, JsonNode t) {
        String function = t.path("function").asText();
        int index = t.path("index").asInt();
        boolean error = t.path("kind").asText().equals("error");
        List<String> setup = new ArrayList<>();
        t.path("setup").forEach(s -> setup.add(s.asText()));
        String output = t.path("output").asText();
        String traceback = t.path("traceback").asText("");
        Annotations a = Annotations.EMPTY
                .with(ExecKeys.KIND, error ? "error" : "output")
                .with(ExecKeys.ORIGIN, "doctest")
                .with(ExecKeys.FUNCTION, function)
                .with(ExecKeys.CODE, t.path("code").asText())
                .with(ExecKeys.SETUP, setup)
                .with(ExecKeys.INPUT, t.path("input").asText())
                .with(ExecKeys.OUTPUT, output)
                .with(ExecKeys.MATCHES_DOCSTRING, !error && output.equals(t.path("want").asText()))
                .with(ExecKeys.PYTHON, t.path("python").asText())
                .with(Keys.LANGUAGE, "Python")
                .with(Keys.LICENSE_TYPE, src.get(Keys.LICENSE_TYPE))
                .with(Keys.DETECTED_LICENSES, src.get(Keys.DETECTED_LICENSES));
        if (error) {
            a = a.with(ExecKeys.EXCEPTION, t.path("exception").asText()).with(ExecKeys.TRACEBACK, traceback);
        }
        return Document.ofText(DocId.of(NAME + "/" + src.id().value() + "/" + function + "#" + index),
                new SourceRef(src.source().origin(), src.source().repoName(), src.source().path()),
                content(t.path("code").asText(), setup, t.path("input").asText(), output + traceback), a);
    }

    /** The record as one text: the function, then a doctest-style transcript whose last answer is what was observed. */
    static String content(String code, List<String> setup, String input, String observed) {
        StringBuilder sb = new StringBuilder(code.stripTrailing()).append("\n\n");
        for (String s : setup) {
            sb.append(prompted(s));
        }
        sb.append(prompted(input)).append(observed);
        if (!observed.isEmpty() && !observed.endsWith("\n")) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String prompted(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(i == 0 ? ">>> " : "... ").append(lines[i]).append('\n');
        }
        return sb.toString();
    }
}
