package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The real toolchain per language: javac in-process ({@link JavaJudge}), Python and Node in the
 * sandbox ({@link PythonJudge}, {@link NodeJudge}). The original must pass the same judge first
 * (compile cleanly; and, for running, run cleanly), so that a mutant's error is the planted bug.
 */
final class Judges {
    private static final Pattern ES_MODULE = Pattern.compile("(?m)^\\s*(import\\s*[\\w{*'\"]|export\\s)");

    /**
     * Either why the file was not judged, or one judgement (null: the mutant showed no error) per mutant;
     * with the CPU seconds of the sandboxed runs, the sandbox starts and the program executions (forked
     * runs included) it took.
     */
    record Outcome(String skipped, List<Judgement> judgements, double sandboxCpuSeconds, int sandboxStarts, int executions) {
        Outcome(String skipped, List<Judgement> judgements) {
            this(skipped, judgements, 0, 0, 0);
        }

        static Outcome skip(String why) {
            return new Outcome(why, List.of());
        }

        Outcome plus(double cpu, int starts, int runs) {
            return new Outcome(skipped, judgements, sandboxCpuSeconds + cpu, sandboxStarts + starts, executions + runs);
        }
    }

    /**
     * What is known of a file before its sites are drawn: for Python, the traced original ({@link PythonPairs#plan});
     * a skip reason when the file cannot be judged; the cost of finding out.
     */
    record Prepared(String language, String path, String original, PythonPairs.Plan python, String skipped) {
    }

    private final JavaJudge java = new JavaJudge();
    private final Stdlib stdlib;
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
        this.python = sandbox == null ? null : new PythonPairs(sandbox, stdlib, execute, limits);
    }

    private final PythonPairs python;

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

    /**
     * Operators whose mutants this judge can show as an error: all, but for Java (compiled only) not those that
     * keep the program well-typed ({@code flip_comparison}, {@code flip_boolean}, {@code off_by_one},
     * {@code remove_null_check}: javac accepts every such mutant, measured 0 kept of 136 in docs/tasks.md).
     */
    static boolean canFail(String language, Operator op) {
        return !"Java".equals(language) || switch (op) {
            case FLIP_COMPARISON, FLIP_BOOLEAN, OFF_BY_ONE, REMOVE_NULL_CHECK -> false;
            default -> true;
        };
    }

    /** Prepares a file for drawing: a Python file's original is traced in the sandbox (its baseline). */
    Prepared prepare(String language, String path, String original) throws IOException {
        if (!"Python".equals(language) || python == null) {
            return new Prepared(language, path, original, null, null);
        }
        PythonPairs.Plan p = python.plan(path, original);
        return new Prepared(language, path, original, p, p.skipped());
    }

    /**
     * Whether a site of the original can show its bug to this judge: Python, a line some passing run executed
     * (or any, when nothing was traced); a file run as a script, code {@link Reach} finds reached.
     */
    Predicate<Mutant> sites(Prepared p, SyntaxTree tree, byte[] bytes) {
        Predicate<Mutant> ops = m -> canFail(p.language(), m.operator());
        if (p.python() != null) {
            PythonPairs.Plan plan = p.python();
            if (plan.lines() != null && plan.mode() != PythonBatch.Mode.COMPILE) {
                return ops.and(m -> plan.reaches(m.line(bytes), lastLine(m, bytes)));
            }
        }
        if (runsAsScript(p.language(), p.path(), p.original())) {
            Reach reach = Reach.of(tree, Lang.of(p.language()));
            return ops.and(m -> reach.runs(m.start(), m.end()));
        }
        return ops;
    }

    static int lastLine(Mutant m, byte[] original) {
        int line = m.line(original);
        for (int i = m.start(); i < m.end() && i < original.length; i++) {
            if (original[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Judges the drawn mutants of a prepared file. */
    Outcome judge(Prepared p, List<Mutant> drawn, List<String> mutants) throws IOException {
        if (p.python() == null) {
            return judge(p.language(), p.path(), p.original(), mutants);
        }
        PythonPairs.Plan plan = p.python();
        byte[] bytes = p.original().getBytes(StandardCharsets.UTF_8);
        List<int[]> ranges = new ArrayList<>();
        for (Mutant m : drawn) {
            ranges.add(new int[] {m.line(bytes), lastLine(m, bytes)});
        }
        PythonPairs.Judged j = python.judge(plan, mutants, ranges);
        return new Outcome(null, j.judgements()).plus(plan.cpuSeconds() + j.cpuSeconds(), plan.starts() + 1,
                plan.runs() + j.runs());
    }

    private Outcome python(String path, String original, List<String> mutants) throws IOException {
        PythonPairs.Plan plan = python.plan(path, original);
        if (plan.skipped() != null) {
            return Outcome.skip(plan.skipped()).plus(plan.cpuSeconds(), plan.starts(), plan.runs());
        }
        PythonPairs.Judged j = python.judge(plan, mutants, null);
        return new Outcome(null, j.judgements()).plus(plan.cpuSeconds() + j.cpuSeconds(), plan.starts() + 1,
                plan.runs() + j.runs());
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
