package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.ExecResult;
import dev.codemill.stages.analysis.exec.PythonStdlib;
import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The CPython standard library that the running {@code python3} uses, with its own test suite
 * ({@code Lib/test}): where a document's file is in it, which test module covers it, and which
 * files to overlay. Found by asking the interpreter ({@code sysconfig.get_paths()["stdlib"]}), never
 * a fixed path.
 */
final class Stdlib {
    /** Overlays (a mutated package copied whole) larger than this are not built. */
    static final long MAX_OVERLAY_BYTES = 4L << 20;

    private final Path root;
    private final Set<String> harness;

    Stdlib(Path root, Set<String> harness) {
        this.root = root;
        this.harness = Set.copyOf(harness);
    }

    Path root() {
        return root;
    }

    /** The running python3's stdlib folder, asked of the interpreter itself (it runs no corpus code). */
    static Optional<Path> locate() {
        return PythonStdlib.locate();
    }

    /**
     * Top-level modules the test harness itself loads (unittest, test.support and what they import),
     * asked of the interpreter in the sandbox: a mutant of one of them would break the runner, not a
     * test, so they are not mutated.
     */
    static Set<String> harnessModules(Sandbox sandbox, SandboxLimits limits) throws IOException {
        ExecResult r = sandbox.run(List.of("python3", "-I", "-c",
                "import sys, io, json, os, shutil, signal, threading, traceback, unittest, test.support\n"
                        + "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} | set(sys.builtin_module_names))))"),
                Map.of(), List.of(), "", limits);
        if (!r.ok()) {
            throw new IOException("python3 could not list the harness's modules: " + PythonJudge.tail(r.stderr()));
        }
        Set<String> out = new HashSet<>(Arrays.asList(r.stdout().strip().split("\\s+")));
        out.add("test");
        return out;
    }

    /** Test modules tried per file, most specific first. */
    static final int MAX_TEST_MODULES = 2;

    /** A standard-library file: its path under the root, its top-level module and the test modules that cover it. */
    record Module(String path, String topLevel, List<String> testModules) {
        Module {
            testModules = List.copyOf(testModules);
        }
    }

    /**
     * The module a document is, when its path ends with a path under the root whose file has exactly
     * its text (the shortest such suffix), it is not one the harness loads, and {@code test.test_TOP}
     * exists; else empty with {@code why[0]} set.
     */
    Optional<Module> moduleOf(String docPath, String text, String[] why) {
        return moduleOf(docPath, text, why, true);
    }

    /**
     * {@link #moduleOf(String, String, String[])}, where {@code sameText} false also accepts a file
     * whose text differs from the stdlib copy (another CPython version of the module): the caller
     * must then run the tests on the original first.
     */
    Optional<Module> moduleOf(String docPath, String text, String[] why, boolean sameText) {
        String[] parts = docPath.replace('\\', '/').split("/");
        for (int k = 1; k <= parts.length; k++) {
            String suffix = String.join("/", Arrays.copyOfRange(parts, parts.length - k, parts.length));
            Path f = root.resolve(suffix).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f) || suffix.startsWith("test/") || suffix.contains("/tests/")) {
                continue;
            }
            try {
                if (sameText && !Files.readString(f, StandardCharsets.UTF_8).equals(text)) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            String top = suffix.contains("/") ? suffix.substring(0, suffix.indexOf('/')) : suffix.replaceFirst("\\.py$", "");
            if (harness.contains(top)) {
                why[0] = "loaded_by_test_harness";
                return Optional.empty();
            }
            List<String> tests = testModules(suffix);
            if (tests.isEmpty()) {
                why[0] = "no_test_module";
                return Optional.empty();
            }
            return Optional.of(new Module(suffix, top, tests));
        }
        why[0] = "not_in_stdlib";
        return Optional.empty();
    }

    /**
     * The test modules of {@code Lib/test} named after a file, most specific first, at most
     * {@link #MAX_TEST_MODULES}: {@code test_A_B_C} … {@code test_A} for {@code A/B/C.py} (CPython names
     * {@code test_xml_etree}, {@code test_concurrent_futures}, {@code test_email} so), then {@code test_C};
     * a module is a {@code test_X.py} file or a {@code test_X/} package.
     */
    List<String> testModules(String path) {
        return new PythonStdlib(root).testModules(path, MAX_TEST_MODULES);
    }

    /** The overlay of a mutant: the module file alone, or its whole top-level package with the file replaced; null when too large. */
    Map<String, String> overlay(Module m, String mutant) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!m.path().contains("/")) {
            out.put(m.path(), mutant);
            return out;
        }
        long bytes = 0;
        Path pkg = root.resolve(m.topLevel());
        try (Stream<Path> walk = Files.walk(pkg)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                String text = rel.equals(m.path()) ? mutant : Files.readString(f, StandardCharsets.UTF_8);
                bytes += text.length();
                if (bytes > MAX_OVERLAY_BYTES) {
                    return null;
                }
                out.put(rel, text);
            }
        }
        return out;
    }
}
