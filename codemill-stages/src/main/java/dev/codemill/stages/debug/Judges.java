package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The real toolchain per language: javac in-process ({@link JavaJudge}), Python and Node in the
 * sandbox ({@link PythonJudge}, {@link NodeJudge}). The original must pass the same judge first
 * (compile cleanly; and, for running, run cleanly), so that a mutant's error is the planted bug.
 */
final class Judges {
    private static final Pattern ES_MODULE = Pattern.compile("(?m)^\\s*(import\\s*[\\w{*'\"]|export\\s)");

    /** Either why the file was not judged, or one judgement (null: the mutant showed no error) per mutant. */
    record Outcome(String skipped, List<Judgement> judgements) {
        static Outcome skip(String why) {
            return new Outcome(why, List.of());
        }
    }

    private final JavaJudge java = new JavaJudge();
    private final Stdlib stdlib;
    /** Per test module of the standard library: whether it passes unchanged in the sandbox. */
    private final Map<String, Boolean> baselines = new ConcurrentHashMap<>();
    private final Sandbox sandbox;
    private final String sandboxMissing;
    private final boolean execute;
    private final SandboxLimits limits;

    /**
     * @param sandbox        the sandbox, or null when it cannot run here
     * @param sandboxMissing why there is none (used when {@code sandbox} is null)
     * @param execute        also run the files (doctests, scripts), not only compile them
     */
    Judges(Sandbox sandbox, String sandboxMissing, boolean execute, SandboxLimits limits) {
        this(sandbox, sandboxMissing, execute, limits, null);
    }

    /**
     * @param stdlib the running python3's standard library with its {@code Lib/test}, or null: a
     *               Python file that is one of its modules is judged by that module's own tests
     */
    Judges(Sandbox sandbox, String sandboxMissing, boolean execute, SandboxLimits limits, Stdlib stdlib) {
        this.stdlib = stdlib;
        this.sandbox = sandbox;
        this.sandboxMissing = sandboxMissing;
        this.execute = execute;
        this.limits = limits;
    }

    static String baseName(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    /** A Python module file name from a path: letters, digits and {@code _} only, {@code .py}. */
    static String pythonFile(String path) {
        String base = baseName(path);
        String stem = base.endsWith(".py") ? base.substring(0, base.length() - 3) : base;
        stem = stem.replaceAll("[^A-Za-z0-9_]", "_");
        if (stem.isEmpty() || Character.isDigit(stem.charAt(0))) {
            stem = "m_" + stem;
        }
        return stem + ".py";
    }

    /**
     * Whether mutants of this file are judged by running it as a script ({@code python3 FILE},
     * {@code node FILE}) rather than compiled only (Java, or running switched off) or tested
     * (a Python file with doctests, or a standard-library module with its own test module).
     */
    boolean runsAsScript(String language, String path, String original) {
        if (!execute || sandbox == null) {
            return false;
        }
        return switch (language) {
            case "JavaScript" -> true;
            case "Python" -> !PythonJudge.hasDoctests(original) && (stdlib == null
                    || stdlib.moduleOf(path == null ? "" : path, original, new String[1], false).isEmpty());
            default -> false;
        };
    }

    Outcome judge(String language, String path, String original, List<String> mutants) throws IOException {
        return switch (language) {
            case "Java" -> java(path, original, mutants);
            case "Python", "JavaScript" -> sandbox == null ? Outcome.skip("sandbox_unavailable: " + sandboxMissing)
                    : language.equals("Python") ? python(path, original, mutants) : node(path, original, mutants);
            default -> Outcome.skip("no_judge");
        };
    }

    private Outcome java(String path, String original, List<String> mutants) {
        if (!JavaJudge.available()) {
            return Outcome.skip("no_javac: this JVM has no system Java compiler");
        }
        String file = JavaJudge.fileName(original, baseName(path));
        try {
            Judgement o = java.judge(file, original);
            if (o != null) {
                return Outcome.skip("original_does_not_compile");
            }
            List<Judgement> out = new ArrayList<>();
            for (String m : mutants) {
                out.add(java.judge(JavaJudge.fileName(m, file), m));
            }
            return new Outcome(null, out);
        } catch (IllegalStateException e) {
            return Outcome.skip("javac_failed: " + e.getMessage());
        }
    }

    private Outcome python(String path, String original, List<String> mutants) throws IOException {
        PythonJudge py = new PythonJudge(sandbox, limits);
        String file = pythonFile(path);
        List<PythonJudge.Source> all = new ArrayList<>();
        all.add(new PythonJudge.Source(file, original));
        for (String m : mutants) {
            all.add(new PythonJudge.Source(file, m));
        }
        List<Judgement> compiled = py.compileAll(all);
        if (compiled.get(0) != null) {
            return Outcome.skip("original_does_not_compile");
        }
        List<Judgement> out = new ArrayList<>(compiled.subList(1, compiled.size()));
        if (!execute || !out.contains(null)) {
            return new Outcome(null, out);
        }
        Optional<Stdlib.Module> module = stdlib == null ? Optional.empty()
                : stdlib.moduleOf(path == null ? "" : path, original, new String[1], false);
        if (module.isPresent() && tests(py, module.get(), original, mutants, out)) {
            return new Outcome(null, out);
        }
        if (py.passes(all.get(0))) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, py.run(all.get(i + 1)));
                }
            }
        }
        return new Outcome(null, out);
    }

    /**
     * Judges the compiling mutants of a standard-library module by its own test module
     * ({@code python3 -m unittest test.test_X}, the mutant shadowing the stdlib copy); false when
     * the tests do not pass on the original in the sandbox (then the file is judged as any other).
     */
    private boolean tests(PythonJudge py, Stdlib.Module m, String original, List<String> mutants, List<Judgement> out)
            throws IOException {
        Map<String, String> base = stdlib.overlay(m, original);
        if (base == null) {
            return false;
        }
        // the most specific test module (test_A_B before test_A); the original may be another CPython
        // version of the module: its own baseline
        String testModule = m.testModules().get(0);
        String key = testModule + "\0" + m.path() + "\0" + original.hashCode() + "\0" + original.length();
        Boolean passes = baselines.get(key);
        if (passes == null) {
            passes = py.testsPass(testModule, base);
            baselines.put(key, passes);
        }
        if (!passes) {
            return false;
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, py.testFailure(testModule, stdlib.overlay(m, mutants.get(i)), m.path()));
            }
        }
        return true;
    }

    private Outcome node(String path, String original, List<String> mutants) throws IOException {
        NodeJudge node = new NodeJudge(sandbox, limits);
        String file = NodeJudge.fileName(path, ES_MODULE.matcher(original).find());
        List<PythonJudge.Source> all = new ArrayList<>();
        all.add(new PythonJudge.Source(file, original));
        for (String m : mutants) {
            all.add(new PythonJudge.Source(file, m));
        }
        List<Judgement> checked = node.checkAll(all);
        if (checked.get(0) != null) {
            return Outcome.skip("original_does_not_compile");
        }
        List<Judgement> out = new ArrayList<>(checked.subList(1, checked.size()));
        if (execute && out.contains(null) && node.passes(all.get(0))) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, node.run(all.get(i + 1)));
                }
            }
        }
        return new Outcome(null, out);
    }
}
