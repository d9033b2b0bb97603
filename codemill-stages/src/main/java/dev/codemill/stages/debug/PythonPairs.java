package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges a Python file's mutants with two sandboxed interpreters per file ({@link PythonBatch}): first the
 * original, traced ({@link #plan}) — how the file is judged (its standard-library test module, its doctests,
 * or running it as a script), whether it passes, and which lines run (per test) — then every mutant, each
 * in a forked child ({@link #judge}): compiled, and, when the original passed, run as the recorded command
 * line; a standard-library module's mutant runs only the tests that ran its lines, stopping at the first
 * failure, whose test then runs alone twice: the record's message is that run's report
 * ({@code python3 -m unittest ID}), kept only when both print the same.
 */
final class PythonPairs {
    /** The first step's answer for one file. */
    record Plan(PythonBatch.Mode mode, String target, String file, Map<String, String> files, Set<Integer> lines,
                Set<Integer> loadLines, List<PythonBatch.TestTrace> tests, String skipped, double cpuSeconds, int runs,
                int starts) {
        /** Whether any of the lines {@code [from, to]} ran (true when nothing was traced). */
        boolean reaches(int from, int to) {
            if (mode == PythonBatch.Mode.COMPILE || lines == null) {
                return true;
            }
            for (int l = from; l <= to; l++) {
                if (lines.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        /** The passing tests that ran one of the lines, in run order; all passing tests for lines that ran at load time. */
        List<String> tests(int from, int to) {
            boolean load = loadLines == null;
            for (int l = from; !load && l <= to; l++) {
                load = loadLines.contains(l);
            }
            List<String> out = new ArrayList<>();
            for (PythonBatch.TestTrace t : tests) {
                if (!"ok".equals(t.status())) {
                    continue;
                }
                boolean hit = load;
                for (int l = from; !hit && l <= to; l++) {
                    hit = t.lines().contains(l);
                }
                if (hit) {
                    out.add(t.id());
                }
            }
            return out;
        }
    }

    private final PythonBatch batch;
    private final Stdlib stdlib;
    private final boolean execute;
    private final long seconds;
    private final SandboxLimits limits;
    /** Traced test-module baselines, per test module, path and text. */
    private final Map<String, Plan> baselines = new ConcurrentHashMap<>();

    PythonPairs(Sandbox sandbox, Stdlib stdlib, boolean execute, SandboxLimits limits) {
        this.batch = new PythonBatch(sandbox);
        this.stdlib = stdlib;
        this.execute = execute;
        this.limits = limits;
        this.seconds = Math.max(1, limits.cpu().toSeconds());
    }

    /** How the file's mutants are judged and which of its lines can show a bug; the original's compile error skips it. */
    Plan plan(String path, String original) throws IOException {
        String file = Judges.pythonFile(path);
        Map<String, String> single = Map.of(file, original);
        if (!execute) {
            return compileOnly(file, single, 0, 0, 0);
        }
        Optional<Stdlib.Module> module = stdlib == null ? Optional.empty()
                : stdlib.moduleOf(path == null ? "" : path, original, new String[1], false);
        double cpu = 0;
        int runs = 0;
        int starts = 0;
        if (module.isPresent()) {
            Plan p = unittestPlan(module.get(), original);
            if (p != null && p.skipped() != null) {
                return p;
            }
            if (p != null && p.mode() == PythonBatch.Mode.UNITTEST) {
                return p;
            }
            if (p != null) {
                cpu += p.cpuSeconds();
                runs += p.runs();
                starts += p.starts();
            }
        }
        PythonBatch.Mode mode = PythonJudge.hasDoctests(original) ? PythonBatch.Mode.DOCTEST : PythonBatch.Mode.SCRIPT;
        PythonBatch.Batch b = batch.run(mode, file, single, List.of(new PythonBatch.Job(original, true, false, false, false,
                List.of())), seconds, limits);
        PythonBatch.Result r = b.results().get(0);
        if (r.compileMessage() != null) {
            return skip("original_does_not_compile", cpu + b.cpuSeconds(), runs + b.runs(), starts + 1);
        }
        if (!r.passed()) {
            return compileOnly(file, single, cpu + b.cpuSeconds(), runs + b.runs(), starts + 1);
        }
        if (mode == PythonBatch.Mode.SCRIPT && r.lines() != null && r.tests().stream().anyMatch(t -> "ok".equals(t.status()))) {
            // a test file ending in unittest.main(): per test the lines it ran, as for a test module
            Set<Integer> all = new HashSet<>(r.lines());
            r.tests().stream().filter(t -> "ok".equals(t.status())).forEach(t -> all.addAll(t.lines()));
            return new Plan(mode, file, file, single, all, r.lines(), r.tests(), null, cpu + b.cpuSeconds(), runs + b.runs(),
                    starts + 1);
        }
        return new Plan(mode, file, file, single, r.lines(), null, List.of(), null, cpu + b.cpuSeconds(), runs + b.runs(),
                starts + 1);
    }

    private static Plan skip(String why, double cpu, int runs, int starts) {
        return new Plan(PythonBatch.Mode.COMPILE, "", "", Map.of(), null, null, List.of(), why, cpu, runs, starts);
    }

    private static Plan compileOnly(String file, Map<String, String> files, double cpu, int runs, int starts) {
        return new Plan(PythonBatch.Mode.COMPILE, file, file, files, null, null, List.of(), null, cpu, runs, starts);
    }

    /** The traced baseline of the module's most specific test module (cached); a non-unittest plan when it does not pass. */
    private Plan unittestPlan(Stdlib.Module m, String original) throws IOException {
        Map<String, String> overlay = stdlib.overlay(m, original);
        if (overlay == null) {
            return null;
        }
        String testModule = m.testModules().get(0);
        // the text's SHA-256, never a 32-bit hash: two versions of one module must never share a plan
        String key = testModule + "\0" + m.path() + "\0" + sha256(original);
        Plan cached = baselines.get(key);
        if (cached != null) {
            // the cost was counted by the first document that ran it
            return new Plan(cached.mode(), cached.target(), cached.file(), cached.files(), cached.lines(), cached.loadLines(),
                    cached.tests(), cached.skipped(), 0, 0, 0);
        }
        PythonBatch.Batch b = batch.run(PythonBatch.Mode.UNITTEST, m.path(), overlay,
                List.of(new PythonBatch.Job(original, true, false, false, false, List.of(testModule))), 3 * seconds, limits);
        PythonBatch.Result r = b.results().get(0);
        Plan p;
        if (r.compileMessage() != null) {
            p = skip("original_does_not_compile", b.cpuSeconds(), b.runs(), 1);
        } else if (!r.passed() || r.tests().stream().noneMatch(t -> "ok".equals(t.status()))) {
            p = compileOnly(m.path(), overlay, b.cpuSeconds(), b.runs(), 1);
        } else {
            Set<Integer> all = new HashSet<>(r.lines() == null ? Set.of() : r.lines());
            r.tests().stream().filter(t -> "ok".equals(t.status())).forEach(t -> all.addAll(t.lines()));
            p = new Plan(PythonBatch.Mode.UNITTEST, m.path(), m.path(), overlay, r.lines() == null ? null : all, r.lines(),
                    r.tests(), null, b.cpuSeconds(), b.runs(), 1);
        }
        baselines.put(key, p);
        return p;
    }

    /** The judged mutants of one file, with the CPU and runs the batch took. */
    record Judged(List<Judgement> judgements, double cpuSeconds, int runs) {
    }

    /**
     * Judges mutant texts of the planned file; {@code lineRanges} (nullable) holds per mutant the first and
     * last line of the original it changed (which tests to run).
     */
    Judged judge(Plan plan, List<String> mutants, List<int[]> lineRanges) throws IOException {
        PythonBatch.Mode mode = plan.mode();
        // test modules, and test files run as scripts whose tests were traced: per mutant the tests over its lines
        boolean unit = mode == PythonBatch.Mode.UNITTEST || (mode == PythonBatch.Mode.SCRIPT && !plan.tests().isEmpty());
        List<PythonBatch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            List<String> tests = List.of();
            if (unit) {
                int[] range = lineRanges == null ? null : lineRanges.get(i);
                tests = range != null ? plan.tests(range[0], range[1])
                        : plan.tests().stream().filter(t -> "ok".equals(t.status())).map(PythonBatch.TestTrace::id).toList();
            }
            jobs.add(new PythonBatch.Job(mutants.get(i), false, unit, unit, !unit && mode != PythonBatch.Mode.COMPILE, tests));
        }
        PythonBatch.Batch b = batch.run(mode, plan.target(), plan.files(), jobs, seconds, limits);
        String version = b.version();
        String name = Judges.pythonFile(plan.file());
        List<Judgement> out = new ArrayList<>();
        for (PythonBatch.Result r : b.results()) {
            if (r.compileMessage() != null && !r.compileMessage().isBlank()) {
                out.add(new Judgement(Judgement.COMPILE, r.compileMessage(), name, r.compileLine(), "python3", version,
                        "python3 -m py_compile " + name));
            } else if (!r.failed()) {
                out.add(null);
            } else if (unit) {
                out.add(unittest(r, plan.file(), version, mode == PythonBatch.Mode.UNITTEST ? "python3 -m unittest "
                        : "python3 " + plan.file() + " "));
            } else {
                out.add(ran(r, mode, plan.file(), version));
            }
        }
        return new Judged(out, b.cpuSeconds(), b.runs());
    }

    /**
     * The failing test's report as {@code python3 -m unittest ID} (or {@code python3 FILE ID}) printed it run alone,
     * twice alike; else null.
     */
    private static Judgement unittest(PythonBatch.Result r, String file, String version, String command) {
        if (r.failedTest() == null || r.confirm().size() < 2 || !r.confirm().get(0).failed() || !r.confirm().get(1).failed()) {
            return null;
        }
        ErrorText.Found f = ErrorText.unittestFailure(r.confirm().get(0).stderr(), file);
        if (f == null || !PythonJudge.reproducible(f.message())
                || !f.equals(ErrorText.unittestFailure(r.confirm().get(1).stderr(), file))) {
            return null;
        }
        return new Judgement(Judgement.TEST, f.message(), file, f.line(), "python3", version,
                command + r.failedTest());
    }

    /** A script's or doctest run's failure, read as {@link PythonJudge#run} reads it, printed the same twice; else null. */
    private static Judgement ran(PythonBatch.Result r, PythonBatch.Mode mode, String file, String version) {
        PythonBatch.Rerun again = r.again();
        if (again == null || !again.failed()) {
            return null;
        }
        boolean doctest = mode == PythonBatch.Mode.DOCTEST;
        String command = (doctest ? "python3 -m doctest " : "python3 ") + file;
        if (doctest) {
            ErrorText.Found f = ErrorText.doctestFailure(r.stdout());
            if (f != null) {
                return f.equals(ErrorText.doctestFailure(again.stdout())) && PythonJudge.reproducible(f.message())
                        ? new Judgement(Judgement.TEST, f.message(), file, f.line(), "python3", version, command) : null;
            }
        }
        ErrorText.Found u = ErrorText.unittestFailure(r.stderr(), file);
        if (u != null) {
            return u.equals(ErrorText.unittestFailure(again.stderr(), file)) && PythonJudge.reproducible(u.message())
                    ? new Judgement(Judgement.TEST, u.message(), file, u.line(), "python3", version, command) : null;
        }
        ErrorText.Found f = ErrorText.pythonTraceback(r.stderr(), file);
        return f == null || !PythonJudge.reproducible(f.message()) || !f.equals(ErrorText.pythonTraceback(again.stderr(), file))
                ? null : new Judgement(Judgement.RUNTIME, f.message(), file, f.line(), "python3", version, command);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
