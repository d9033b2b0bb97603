package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        if (execute && out.contains(null) && py.passes(all.get(0))) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, py.run(all.get(i + 1)));
                }
            }
        }
        return new Outcome(null, out);
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
