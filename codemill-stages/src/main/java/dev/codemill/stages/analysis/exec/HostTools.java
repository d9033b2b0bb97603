package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Host-side look-ups: programs on PATH, the real Python interpreter behind a shim, the folders a program needs. */
public final class HostTools {

    private static final Map<String, Optional<Path>> RESOLVED = new ConcurrentHashMap<>();
    private static volatile List<Path> pythonPrefixes;

    private HostTools() {
    }

    /** The first executable {@code name} on PATH, its symbolic links resolved. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                try {
                    return Optional.of(p.toRealPath());
                } catch (IOException e) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The real program for a command's first word: an absolute path as given (links resolved); a bare name on
     * PATH; {@code python3}/{@code python} the interpreter's own {@code sys.executable} (pyenv's shims are shell
     * scripts that would not run inside the sandbox).
     */
    public static Optional<Path> resolve(String program) {
        return RESOLVED.computeIfAbsent(program, HostTools::resolveUncached);
    }

    private static Optional<Path> resolveUncached(String program) {
        if (program.startsWith("/")) {
            Path p = Path.of(program);
            try {
                return Optional.of(p.toRealPath());
            } catch (IOException e) {
                return Optional.of(p);
            }
        }
        if (program.equals("python3") || program.equals("python")) {
            List<Path> info = pythonInfo();
            return info.isEmpty() ? Optional.empty() : Optional.of(info.get(0));
        }
        return onPath(program);
    }

    /** The real python3 executable (first) and its base prefix (second); empty when there is no python3. */
    private static List<Path> pythonInfo() {
        List<Path> p = pythonPrefixes;
        if (p == null) {
            synchronized (HostTools.class) {
                if (pythonPrefixes == null) {
                    pythonPrefixes = askPython();
                }
                p = pythonPrefixes;
            }
        }
        return p;
    }

    private static List<Path> askPython() {
        Optional<Path> shim = onPath("python3");
        if (shim.isEmpty()) {
            return List.of();
        }
        try {
            Process proc = new ProcessBuilder(shim.get().toString(), "-I", "-c",
                    "import os,sys;print(os.path.realpath(sys.executable));print(sys.base_prefix)")
                    .redirectErrorStream(true).start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                proc.destroyForcibly();
                return List.of();
            }
            String[] lines = out.strip().split("\n");
            return lines.length < 2 ? List.of() : List.of(Path.of(lines[0].strip()), Path.of(lines[1].strip()));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Folders to bind read-only so that {@code program} runs: for a program under {@code /usr} none; for
     * {@code X/bin/name} the prefix X; for Python also its base prefix (a venv's interpreter).
     */
    static Set<Path> prefixesFor(Path program) {
        Set<Path> out = new LinkedHashSet<>();
        addPrefix(out, program);
        List<Path> py = pythonInfo();
        if (!py.isEmpty() && py.get(0).equals(program)) {
            out.add(py.get(1));
        }
        out.removeIf(HostTools::underSystem);
        return out;
    }

    private static void addPrefix(Set<Path> out, Path program) {
        Path dir = program.getParent();
        if (dir == null) {
            return;
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("bin") && dir.getParent() != null
                && dir.getParent().getParent() != null) {
            out.add(dir.getParent());
        } else {
            out.add(dir);
        }
    }

    /** Paths already in the sandbox's root: /usr and /etc. */
    static boolean underSystem(Path p) {
        return p.startsWith("/usr") || p.startsWith("/etc");
    }
}
