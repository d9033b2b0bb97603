package dev.codemill.stages.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.Seeds;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.exec.PythonStdlib;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Exec records from observed calls: a standard-library module's own tests ({@code Lib/test/test_X}) run
 * under a tracer ({@link CallRunner#capture}); each captured call of one of its top-level functions with
 * plain-literal arguments and value is replayed alone ({@link CallRunner#replay}) and kept only when the
 * replay observes the same value (or the same exception): (code, input) → output, or (code, failing input)
 * → traceback, the traceback being the replay's. Never guessed: both outputs were printed by Python.
 *
 * <p>Caps: {@code perFunction} distinct inputs per function and {@code perDocument} in all, each a draw
 * seeded with {@link Seeds#seedFor} (purpose {@value #SEED_PURPOSE}) from the calls in the order the tests
 * made them; every call left out is counted under {@code calls_dropped.REASON}.
 */
final class ObservedCalls {
    static final String SEED_PURPOSE = "exec_tasks/calls";
    static final int MAX_TEST_MODULES = 2;
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(" at 0x[0-9a-fA-F]+");

    /** What one document gave: records emitted, when none why, and the calls left out per reason ({@code reason n, …}). */
    record Outcome(int records, String why, String dropped) {
        Outcome(int records, String why) {
            this(records, why, "");
        }
    }

    private final CallRunner runner;
    private final PythonStdlib stdlib;
    private final boolean bindRoot;
    private final int perFunction;
    private final int perDocument;
    private final int maxInputChars;
    private final int maxOutputChars;
    private final boolean errors;
    private final long seed;

    /** @param bindRoot the stdlib folder is not the interpreter's own: bind it read-only and put it first on sys.path */
    ObservedCalls(CallRunner runner, PythonStdlib stdlib, boolean bindRoot, int perFunction, int perDocument,
                  int maxInputChars, int maxOutputChars, boolean errors, long seed) {
        this.runner = runner;
        this.stdlib = stdlib;
        this.bindRoot = bindRoot;
        this.perFunction = perFunction;
        this.perDocument = perDocument;
        this.maxInputChars = maxInputChars;
        this.maxOutputChars = maxOutputChars;
        this.errors = errors;
        this.seed = seed;
    }

    /** The module and tests of a document that is a stdlib file with a test module; else empty with {@code why[0]}. */
    Optional<CallRunner.Setup> setup(Document doc, String[] why) {
        Optional<String> path = stdlib.pathOf(docPath(doc.source()), doc.text());
        if (path.isEmpty()) {
            why[0] = "not_in_stdlib";
            return Optional.empty();
        }
        List<String> tests = stdlib.testModules(path.get(), MAX_TEST_MODULES);
        if (tests.isEmpty()) {
            why[0] = "no_test_module";
            return Optional.empty();
        }
        String module = PythonStdlib.moduleName(path.get());
        return Optional.of(bindRoot
                ? new CallRunner.Setup(module, tests, Map.of(), List.of(stdlib.root()), List.of(stdlib.root().toString()))
                : new CallRunner.Setup(module, tests, Map.of(), List.of(), List.of()));
    }

    /**
     * The path to match against the standard library: for a file read in place under it, its path under the
     * root; else {@code REPO/PATH}.
     */
    String docPath(SourceRef src) {
        String rel = src.repoName().isEmpty() ? src.path() : src.repoName() + "/" + src.path();
        if (!src.origin().isEmpty()) {
            try {
                Path abs = Path.of(src.origin()).resolve(rel).toAbsolutePath().normalize();
                if (abs.startsWith(stdlib.root())) {
                    return stdlib.root().relativize(abs).toString().replace('\\', '/');
                }
            } catch (InvalidPathException e) {
                // an origin that is no path (an archive member, a URI): match by suffix
            }
        }
        return rel;
    }

    /** Captures, draws, replays and emits; counts every call left out under {@code calls_dropped.REASON}. */
    Outcome run(Document doc, CallRunner.Setup s, Emitter out) throws IOException {
        CallRunner.Run cap = runner.capture(s, perFunction * 8, maxInputChars, maxOutputChars);
        out.count("calls_capture_runs", 1);
        out.count("sandbox_cpu_ms", Math.round(cap.cpuSeconds() * 1000));
        JsonNode json = cap.json();
        if (json == null) {
            return new Outcome(0, cap.result().timedOut() ? "capture_timed_out" : "capture_failed");
        }
        if (json.has("why")) {
            return new Outcome(0, json.path("why").asText().replaceAll(":.*", ""));
        }
        if (json.path("stopped").asBoolean(false)) {
            // which calls the tests reach before the clock stops them depends on the machine's speed and load:
            // a partial capture would make the records depend on it, so none is kept
            out.count("calls_capture_stopped", 1);
            return new Outcome(0, "capture_timed_out");
        }
        Map<String, Long> dropped = new TreeMap<>();
        json.path("dropped").fields().forEachRemaining(e -> drop(out, dropped, e.getKey(), e.getValue().asLong()));
        JsonNode code = json.path("code");
        Map<String, List<JsonNode>> byFunction = new LinkedHashMap<>();
        for (JsonNode c : json.path("calls")) {
            out.count("calls_captured", 1);
            String f = c.path("function").asText();
            if (!code.has(f)) {
                drop(out, dropped, "no_source", 1);
            } else if (c.has("raised") && !errors) {
                drop(out, dropped, "errors_off", 1);
            } else {
                byFunction.computeIfAbsent(f, k -> new ArrayList<>()).add(c);
            }
        }
        List<JsonNode> chosen = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byFunction.entrySet()) {
            List<JsonNode> drawn = draw(e.getValue(), perFunction, doc.id().value() + "/" + e.getKey());
            if (drawn.size() < e.getValue().size()) {
                drop(out, dropped, "function_cap", e.getValue().size() - drawn.size());
            }
            chosen.addAll(drawn);
        }
        List<JsonNode> kept = draw(chosen, perDocument, doc.id().value());
        if (kept.size() < chosen.size()) {
            drop(out, dropped, "document_cap", chosen.size() - kept.size());
        }
        if (kept.isEmpty()) {
            return new Outcome(0, json.path("calls").isEmpty() ? "no_literal_calls" : "no_calls_left", summary(dropped));
        }
        CallRunner.Run rep = runner.replay(s, kept, List.of(CallRunner.WORK, stdlib.root() + "/"));
        out.count("calls_replay_runs", 1);
        out.count("sandbox_cpu_ms", Math.round(rep.cpuSeconds() * 1000));
        if (rep.json() == null) {
            drop(out, dropped, "replay_failed", kept.size());
            return new Outcome(0, rep.result().timedOut() ? "replay_timed_out" : "replay_failed", summary(dropped));
        }
        String python = rep.json().path("version").asText();
        JsonNode results = rep.json().path("results");
        Map<String, Integer> index = new TreeMap<>();
        int records = 0;
        for (int i = 0; i < kept.size(); i++) {
            JsonNode c = kept.get(i);
            JsonNode r = results.path(i);
            String why = compare(c, r);
            if (why != null) {
                drop(out, dropped, why, 1);
                continue;
            }
            String f = c.path("function").asText();
            int n = index.merge(f, 1, Integer::sum) - 1;
            String ref = "call:" + f + "#" + n;
            boolean error = r.path("kind").asText().equals("error");
            out.count(error ? "records_call_error" : "records_call_output", 1);
            out.emit(record(doc, s.module(), ref, code.path(f).asText(), c, r, python), List.of(doc.id()),
                    new Verdict(ExecTasksStage.RULE, (error ? "raised " + r.path("exception").asText() : "returned")
                            + " twice, in " + c.path("test").asText() + " and replayed alone", ref, "", ""));
            records++;
        }
        return new Outcome(records, records == 0 ? "no_call_reproduced" : "", summary(dropped));
    }

    private static void drop(Emitter out, Map<String, Long> dropped, String why, long n) {
        out.count("calls_dropped." + why, n);
        dropped.merge(why, n, Long::sum);
    }

    /** {@code reason n, …} in name order: what the ledger row of the document says about the calls left out. */
    private static String summary(Map<String, Long> dropped) {
        StringBuilder b = new StringBuilder();
        dropped.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return b.toString();
    }

    /** Null when the replay observed what the traced run did (and the record may be kept), else the reason to drop it. */
    private String compare(JsonNode captured, JsonNode replayed) {
        String kind = replayed.path("kind").asText();
        if (kind.equals("skip") || kind.isEmpty()) {
            return "replay_" + replayed.path("why").asText("missing").replaceAll("[^a-z_].*", "");
        }
        if (captured.has("raised")) {
            if (!kind.equals("error") || !replayed.path("exception").asText().equals(captured.path("raised").asText())) {
                return "nondeterministic";
            }
            String tb = replayed.path("traceback").asText();
            if (ADDRESS.matcher(tb).find()) {
                return "address_in_output";
            }
            return tb.length() > maxOutputChars ? "output_too_long" : null;
        }
        return kind.equals("output") && replayed.path("output").asText().equals(captured.path("output").asText())
                ? null : "nondeterministic";
    }

    /** All when they fit, else a seeded draw of {@code max}, in the order given. */
    private List<JsonNode> draw(List<JsonNode> items, int max, String key) {
        if (items.size() <= max) {
            return items;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(Seeds.seedFor(seed, SEED_PURPOSE, key)));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, max));
        chosen.sort(Comparator.naturalOrder());
        return chosen.stream().map(items::get).toList();
    }

    private static Document record(Document src, String module, String ref, String code, JsonNode c, JsonNode r, String python) {
        boolean error = r.path("kind").asText().equals("error");
        String output = error ? "" : r.path("output").asText();
        String traceback = error ? r.path("traceback").asText() : "";
        List<String> setup = List.of("from " + module + " import " + c.path("function").asText());
        Annotations a = Annotations.EMPTY
                .with(ExecKeys.KIND, error ? "error" : "output")
                .with(ExecKeys.ORIGIN, "observed_call")
                .with(ExecKeys.FUNCTION, c.path("function").asText())
                .with(ExecKeys.MODULE, module)
                .with(ExecKeys.CODE, code)
                .with(ExecKeys.SETUP, setup)
                .with(ExecKeys.INPUT, c.path("input").asText())
                .with(ExecKeys.OUTPUT, output)
                .with(ExecKeys.TEST, c.path("test").asText())
                .with(ExecKeys.PYTHON, python)
                .with(Keys.LANGUAGE, "Python")
                .with(Keys.LICENSE_TYPE, src.get(Keys.LICENSE_TYPE))
                .with(Keys.DETECTED_LICENSES, src.get(Keys.DETECTED_LICENSES));
        if (error) {
            a = a.with(ExecKeys.EXCEPTION, r.path("exception").asText()).with(ExecKeys.TRACEBACK, traceback);
        }
        return Document.ofText(DocId.of(ExecTasksStage.NAME + "/" + src.id().value() + "/" + ref),
                new SourceRef(src.source().origin(), src.source().repoName(), src.source().path()),
                ExecTasksStage.content(code, setup, c.path("input").asText(), error ? traceback : output + "\n"), a);
    }
}
