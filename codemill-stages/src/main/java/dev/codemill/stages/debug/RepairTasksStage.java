package dev.codemill.stages.debug;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.Seeds;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.exec.UnstableText;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Test-breaking repair tasks, SWE-smith style without Docker ({@code docs/tasks.md}, "Repair
 * tasks"): for a Python document that is a file of the running CPython's standard library
 * ({@link Stdlib}), run its test modules once traced (baseline, cached per file: which tests pass and
 * which of the file's functions each one calls), mutate functions (a {@link Mutator} site inside a
 * {@code def}) that a passing test calls, and run only those tests on each mutant — all mutants of a
 * file in one sandbox, each in its own forked interpreter ({@link TestRunner#jobs}), next to the
 * original run the same way. A mutant is kept when at least one test that passed on the original now
 * fails or errors; the failing tests' reports are the task's "issue". A task whose issue another run
 * would print differently ({@link UnstableText}: an object address, a temporary name, a timing) is
 * dropped: counted under {@code tasks_dropped.REASON} and named in the file's consume row
 * ({@code …; dropped: address_in_message 1}; with no task left the reason is the detail).
 *
 * <p>Outcomes: each task is {@link Emitter#emit emitted} with id {@code repair_tasks/ID/OP/START-END},
 * rule {@value #RULE}, value the number of tests it breaks; each input is then consumed with rule
 * {@value #SOURCE}, value = tasks, detail naming why none ({@code not_python}, {@code not_in_stdlib},
 * {@code no_test_module}, {@code loaded_by_test_harness}, {@code not_sampled}, {@code baseline_failed},
 * {@code no_sites}, {@code package_too_large}, {@code not_covered}, {@code no_test_broken},
 * {@code address_in_message}, {@code temporary_name_in_message}, {@code timing_in_message},
 * {@code sandbox_unavailable: …}). Metrics: {@code files}, {@code files_tested}, {@code mutants},
 * {@code tasks}, {@code mutants.OP}, {@code tasks.OP}, {@code mutants_not_covered},
 * {@code baseline_runs}, {@code job_runs}, {@code tests_run}, {@code test_millis} (wall time of the
 * sandboxed runs), {@code sandbox_cpu_ms} (CPU of the sandboxed process trees), {@code jvm_cpu_ms}
 * (this stage's own thread CPU).
 */
public final class RepairTasksStage implements DocStage {
    public static final String NAME = "repair_tasks";
    public static final String RULE = "repair_task";
    public static final String SOURCE = "repair_tasks_source";
    /** Bytes of failing-test reports kept in a task's issue. */
    static final int MAX_ISSUE_CHARS = 16_000;

    private final Mutator mutator;
    private final Stdlib stdlib;
    private final TestRunner runner;
    private final PythonJudge compiler;
    private final String unavailable;
    private final long seed;
    private final int perFile;
    private final double sample;
    private final long secondsPerJob;
    private final Map<String, TestRunner.Baseline> baselines = new ConcurrentHashMap<>();

    RepairTasksStage(Mutator mutator, Stdlib stdlib, TestRunner runner, PythonJudge compiler, String unavailable,
                     long seed, int perFile, double sample, long secondsPerJob) {
        this.mutator = mutator;
        this.stdlib = stdlib;
        this.runner = runner;
        this.compiler = compiler;
        this.unavailable = unavailable;
        this.seed = seed;
        this.perFile = perFile;
        this.sample = sample;
        this.secondsPerJob = secondsPerJob;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        dev.codemill.stages.analysis.exec.StageCpu.counted(out, () -> processTimed(doc, out));
    }

    private void processTimed(Document doc, Emitter out) {
        out.count("files", 1);
        if (!"Python".equals(doc.get(Keys.LANGUAGE)) || doc.text() == null) {
            none(doc, out, "not_python");
            return;
        }
        if (unavailable != null) {
            none(doc, out, unavailable);
            return;
        }
        String[] why = new String[1];
        Optional<Stdlib.Module> module = stdlib.moduleOf(pathOf(doc.source()), doc.text(), why);
        if (module.isEmpty()) {
            none(doc, out, why[0]);
            return;
        }
        if (sample < 1.0 && new SplittableRandom(Seeds.seedFor(seed, NAME + "/sample", doc.id())).nextDouble() >= sample) {
            none(doc, out, "not_sampled");
            return;
        }
        try {
            tasks(doc, module.get(), out);
        } catch (IOException e) {
            out.quarantine(doc, new Verdict(DebugPairsStage.JUDGE_FAILED, "the sandboxed test run failed: " + e.getMessage(),
                    "", "", ""));
        }
    }

    private void tasks(Document doc, Stdlib.Module m, Emitter out) throws IOException {
        String text = doc.text();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SyntaxTree tree = Mutator.parse(text, "Python");
        List<Mutant> candidates = tree == null ? List.of() : candidates(tree, Seeds.rngFor(seed, NAME, doc.id()));
        if (candidates.isEmpty()) {
            none(doc, out, "no_sites");
            return;
        }
        Map<String, String> overlay = stdlib.overlay(m, text);
        if (overlay == null) {
            none(doc, out, "package_too_large");
            return;
        }
        boolean[] ran = new boolean[1];
        TestRunner.Baseline base = baselines.computeIfAbsent(m.path(), t -> {
            ran[0] = true;
            try {
                return runner.baseline(m.testModules(), overlay, m.path());
            } catch (IOException e) {
                return new TestRunner.Baseline(new TestRunner.Run(false, Map.of(), Map.of(), "", 0, "sandbox: " + e.getMessage()),
                        Map.of(), 0);
            }
        });
        if (ran[0]) {
            out.count("baseline_runs", 1);
            out.count("test_millis", Math.round(base.run().seconds() * 1000));
            out.count("sandbox_cpu_ms", Math.round(base.cpuSeconds() * 1000));
        }
        if (!base.run().loaded() || !base.run().status().containsValue("ok")) {
            none(doc, out, "baseline_failed");
            return;
        }
        out.count("files_tested", 1);
        List<PythonJudge.Source> sources = new ArrayList<>();
        for (Mutant c : candidates) {
            sources.add(new PythonJudge.Source(Judges.pythonFile(m.path()), c.apply(bytes)));
        }
        List<Judgement> compiled = compiler.compileAll(sources);
        // a mutant is tried with the tests that passed on the original and called its function
        List<Mutant> chosen = new ArrayList<>();
        List<TestRunner.Job> jobs = new ArrayList<>();
        Set<String> union = new TreeSet<>();
        int uncovered = 0;
        for (int i = 0; i < candidates.size() && chosen.size() < perFile; i++) {
            if (compiled.get(i) != null) {
                continue;
            }
            Mutant c = candidates.get(i);
            List<String> tests = covering(tree, bytes, c, base);
            if (tests.isEmpty()) {
                uncovered++;
                continue;
            }
            chosen.add(c);
            union.addAll(tests);
            jobs.add(new TestRunner.Job(sources.get(i).text(), tests));
        }
        out.count("mutants_not_covered", uncovered);
        if (chosen.isEmpty()) {
            none(doc, out, "not_covered");
            return;
        }
        // job 0: the original, untraced, on every chosen test: the reference a mutant is compared with
        jobs.add(0, new TestRunner.Job(text, List.copyOf(union)));
        TestRunner.Jobs done = runner.jobs(overlay, m.path(), jobs, secondsPerJob);
        out.count("job_runs", 1);
        out.count("test_millis", Math.round(done.seconds() * 1000));
        out.count("sandbox_cpu_ms", Math.round(done.cpuSeconds() * 1000));
        out.count("tests_run", jobs.stream().mapToLong(j -> j.tests().size()).sum());
        TestRunner.Run ref = done.runs().get(0);
        int kept = 0;
        Map<String, Integer> dropped = new TreeMap<>();
        for (int k = 0; k < chosen.size(); k++) {
            Mutant c = chosen.get(k);
            TestRunner.Run run = done.runs().get(k + 1);
            out.count("mutants", 1);
            out.count("mutants." + c.operator().label(), 1);
            if (!run.loaded()) {
                out.count("mutants_not_run." + run.why().replaceAll("[^a-z_].*", ""), 1);
                continue;
            }
            List<String> broken = new ArrayList<>();
            for (String id : jobs.get(k + 1).tests()) {
                String now = run.status().get(id);
                if ("ok".equals(ref.status().get(id)) && ("fail".equals(now) || "error".equals(now))) {
                    broken.add(id);
                }
            }
            if (broken.isEmpty()) {
                continue;
            }
            // an issue another run would print differently (an object address, a temporary name) is no task
            Optional<String> unstable = UnstableText.why(issue(broken, run));
            if (unstable.isPresent()) {
                out.count("tasks_dropped." + unstable.get(), 1);
                dropped.merge(unstable.get(), 1, Integer::sum);
                continue;
            }
            kept++;
            out.count("tasks", 1);
            out.count("tasks." + c.operator().label(), 1);
            String mutant = jobs.get(k + 1).text();
            out.emit(task(doc, m, c, text, mutant, broken, run, function(tree, c)), List.of(doc.id()),
                    new Verdict(RULE, c.operator().label() + " (" + c.detail() + ") in " + function(tree, c) + " breaks "
                            + broken.size() + " of the " + jobs.get(k + 1).tests().size() + " tests that call it",
                            Integer.toString(broken.size()), "", ""));
        }
        String droppedText = dropped.isEmpty() ? "" : "; dropped: " + dropped.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        if (kept == 0) {
            none(doc, out, (dropped.isEmpty() ? "no_test_broken" : dropped.keySet().iterator().next()) + droppedText);
            return;
        }
        out.consume(doc, new Verdict(SOURCE, chosen.size() + " mutants tested; " + kept + " break tests of "
                + String.join(" ", m.testModules()) + droppedText, Integer.toString(kept), "", ""));
    }

    /**
     * The path to match against the standard library: for a file read in place under it (the input folder
     * {@code Lib/json} gives origin {@code …/Lib/json}, path {@code decoder.py}), its path under the root;
     * else {@code REPO/PATH} (a directory's top-level folders are its repositories).
     */
    String pathOf(SourceRef src) {
        String rel = src.repoName().isEmpty() ? src.path() : src.repoName() + "/" + src.path();
        if (!src.origin().isEmpty()) {
            try {
                java.nio.file.Path abs = java.nio.file.Path.of(src.origin()).resolve(rel).toAbsolutePath().normalize();
                if (abs.startsWith(stdlib.root())) {
                    return stdlib.root().relativize(abs).toString().replace('\\', '/');
                }
            } catch (java.nio.file.InvalidPathException e) {
                // an origin that is no path (an archive member, a URI): match by suffix
            }
        }
        return rel;
    }

    /**
     * The tests that passed on the original (traced baseline) and called the function holding the mutant:
     * a code object's {@code co_firstlineno} is its {@code def} line, or its first decorator's line.
     */
    static List<String> covering(SyntaxTree t, byte[] bytes, Mutant c, TestRunner.Baseline base) {
        int f = enclosingFunction(t, c);
        if (f < 0) {
            return List.of();
        }
        int def = lineAt(bytes, t.start(f));
        int p = t.parent(f);
        int decorated = p >= 0 && t.type(p).equals("decorated_definition") ? lineAt(bytes, t.start(p)) : def;
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<Integer>> e : base.covered().entrySet()) {
            Set<Integer> lines = e.getValue();
            if ("ok".equals(base.run().status().get(e.getKey())) && (lines.contains(def) || lines.contains(decorated))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Every site inside a function body (imports excluded), shuffled with the document's generator. */
    private List<Mutant> candidates(SyntaxTree tree, RandomGenerator rng) {
        List<Mutant> all = new ArrayList<>();
        for (Map.Entry<Operator, List<Mutant>> e : mutator.allSites(tree, "Python").entrySet()) {
            for (Mutant m : e.getValue()) {
                if (e.getKey() != Operator.DELETE_IMPORT && enclosingFunction(tree, m) >= 0) {
                    all.add(m);
                }
            }
        }
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Mutant t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return all.size() > 64 ? all.subList(0, 64) : all;
    }

    private static int enclosingFunction(SyntaxTree t, Mutant m) {
        int best = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.type(i).equals("function_definition") && t.start(i) <= m.start() && m.end() <= t.end(i)) {
                best = i;
            }
        }
        return best;
    }

    /** Qualified name of the function holding the mutant: enclosing classes and defs joined by dots. */
    static String function(SyntaxTree t, Mutant m) {
        int f = enclosingFunction(t, m);
        StringBuilder b = new StringBuilder();
        for (int n = f; n >= 0; n = t.parent(n)) {
            String ty = t.type(n);
            if (ty.equals("function_definition") || ty.equals("class_definition")) {
                int name = t.child(n, "name");
                b.insert(0, b.length() == 0 ? t.text(name) : t.text(name) + ".");
            }
        }
        return b.toString();
    }

    /** The test module of the first failing test (the longest of the file's test modules its id starts with). */
    static String testModule(Stdlib.Module m, List<String> broken) {
        String first = broken.get(0);
        return m.testModules().stream().filter(t -> first.startsWith(t + ".")).findFirst().orElse(m.testModules().get(0));
    }

    private static void none(Document doc, Emitter out, String why) {
        out.count("files_without_tasks." + why.replaceAll("[:;].*", ""), 1);
        out.consume(doc, new Verdict(SOURCE, "read for repair tasks; none made (" + why + ")", "0", "", ""));
    }

    /** The task's issue: the failing tests' reports in order, within {@link #MAX_ISSUE_CHARS}, then how many are not shown. */
    static String issue(List<String> broken, TestRunner.Run run) {
        StringBuilder issue = new StringBuilder();
        int shown = 0;
        for (String id : broken) {
            String r = run.reports().getOrDefault(id, id + "\n");
            if (issue.length() + r.length() > MAX_ISSUE_CHARS && shown > 0) {
                break;
            }
            issue.append(r).append(r.endsWith("\n") ? "" : "\n");
            shown++;
        }
        if (shown < broken.size()) {
            issue.append("[").append(broken.size() - shown).append(" more failing tests not shown]\n");
        }
        return issue.toString().stripTrailing();
    }

    private static Document task(Document file, Stdlib.Module m, Mutant c, String original, String mutant,
                                 List<String> broken, TestRunner.Run run, String function) {
        String path = m.path();
        Annotations a = Annotations.EMPTY
                .with(Keys.LANGUAGE, "Python")
                .with(DebugKeys.ORIGINAL, original)
                .with(DebugKeys.DIFF, Diffs.unified(path, original, mutant, 2))
                .with(DebugKeys.OPERATOR, c.operator().label())
                .with(DebugKeys.MUTATION, c.detail())
                .with(DebugKeys.FUNCTION, m.path().replaceFirst("\\.py$", "").replace('/', '.') + "." + function)
                .with(DebugKeys.TEST_MODULE, testModule(m, broken))
                .with(DebugKeys.FAILING_TESTS, List.copyOf(broken))
                .with(DebugKeys.ERROR_KIND, Judgement.TEST)
                .with(DebugKeys.ERROR_MESSAGE, issue(broken, run))
                .with(DebugKeys.ERROR_LINE, (long) c.line(original.getBytes(StandardCharsets.UTF_8)))
                .with(DebugKeys.ERROR_FILE, path)
                .with(DebugKeys.TOOL, "python3")
                .with(DebugKeys.TOOL_VERSION, run.version())
                .with(DebugKeys.TOOL_COMMAND, "python3 -m unittest " + String.join(" ", broken) + "  # mutated files first on sys.path")
                .with(DebugKeys.SOURCE_ID, file.id().value())
                .with(Keys.LICENSE_TYPE, file.get(Keys.LICENSE_TYPE))
                .with(Keys.DETECTED_LICENSES, file.get(Keys.DETECTED_LICENSES));
        DocId id = DocId.of("repair_tasks/" + file.id().value() + "/" + c.operator().label() + "/" + c.start() + "-" + c.end());
        return Document.ofText(id, new SourceRef(file.source().origin(), file.source().repoName(), file.source().path()),
                mutant, a);
    }
}
