package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges JavaScript mutants with Node inside the {@link Sandbox}: {@link #checkAll} runs
 * {@code node --check} on each file of a batch from one sandbox (a small shell loop; parsing
 * only, nothing runs), {@link #run} runs a file whose original ran cleanly. A file with
 * {@code import}/{@code export} statements is named {@code .mjs} so that Node parses it as a module.
 * The message is the first {@code XError: …} line after the {@code FILE:LINE} header Node prints.
 */
public final class NodeJudge {
    /** V8 reserves far more address space than it uses: 1 GiB is too little for Node to start. */
    public static final long ADDRESS_SPACE = 16L << 30;
    private static final String MARK = "@@codemill-check@@";

    private final Sandbox sandbox;
    private final SandboxLimits limits;
    private volatile String version = "";

    public NodeJudge(Sandbox sandbox, SandboxLimits limits) {
        this.sandbox = sandbox;
        this.limits = limits.withAddressSpaceBytes(Math.max(limits.addressSpaceBytes(), ADDRESS_SPACE));
    }

    public String version() {
        return version;
    }

    /** The file name Node should see: {@code .mjs} for ES modules, {@code .js} otherwise (base name kept). */
    public static String fileName(String path, boolean module) {
        String base = path == null || path.isEmpty() ? "main.js" : path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        return stem.replaceAll("[^A-Za-z0-9_.-]", "_") + (module ? ".mjs" : ".js");
    }

    /** For each source, its {@code node --check} error or null. */
    public List<Judgement> checkAll(List<PythonJudge.Source> sources) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder script = new StringBuilder("node --version; for f in");
        for (int i = 0; i < sources.size(); i++) {
            String name = "m" + i + "/" + sources.get(i).file();
            files.put(name, sources.get(i).text());
            script.append(' ').append(name);
        }
        script.append("; do echo '").append(MARK).append("' >&2; node --check \"$f\"; done");
        ExecResult r = sandbox.run(List.of("/bin/sh", "-c", script.toString()), files, List.of(), "", limits);
        if (r.timedOut() || r.killed()) {
            throw new IOException("node --check batch did not finish: " + PythonJudge.tail(r.stderr()));
        }
        version = r.stdout().strip();
        String[] parts = r.stderr().split(MARK + "\n", -1);
        List<Judgement> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String part = i + 1 < parts.length ? parts[i + 1] : "";
            ErrorText.Found f = ErrorText.nodeError(part, sources.get(i).file());
            out.add(f == null ? null : new Judgement(Judgement.COMPILE, f.message(), sources.get(i).file(), f.line(),
                    "node", version, "node --check " + sources.get(i).file()));
        }
        return out;
    }

    private ExecResult execute(PythonJudge.Source s) throws IOException {
        return sandbox.run(List.of("node", s.file()), Map.of(s.file(), s.text()), List.of(), "", limits);
    }

    public boolean passes(PythonJudge.Source original) throws IOException {
        ExecResult r = execute(original);
        return r.exitCode() == 0 && !r.timedOut() && !r.killed();
    }

    /** The uncaught error of a mutant whose original ran cleanly, or null. */
    public Judgement run(PythonJudge.Source mutant) throws IOException {
        ExecResult r = execute(mutant);
        if (r.exitCode() == 0 || r.timedOut() || r.killed()) {
            return null;
        }
        ErrorText.Found f = ErrorText.nodeError(r.stderr(), mutant.file());
        return f == null ? null : new Judgement(Judgement.RUNTIME, f.message(), mutant.file(), f.line(), "node", version,
                "node " + mutant.file());
    }
}
