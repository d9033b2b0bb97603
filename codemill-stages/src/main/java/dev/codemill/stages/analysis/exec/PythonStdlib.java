package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The standard library of the running {@code python3} and its own test suite ({@code Lib/test}): where
 * a document's file is in it and which test modules are named after it. The folder is asked of the
 * interpreter ({@code sysconfig.get_paths()["stdlib"]}, which runs no corpus code), never a fixed path.
 */
public final class PythonStdlib {
    private final Path root;

    public PythonStdlib(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The running python3's stdlib folder when it holds {@code test/}; empty when python3 or its tests are absent. */
    public static Optional<Path> locate() {
        Optional<Path> python = HostTools.resolve("python3");
        if (python.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(python.get().toString(), "-I", "-c",
                    "import sysconfig;print(sysconfig.get_paths()['stdlib'])").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            Path root = Path.of(out);
            return Files.isDirectory(root.resolve("test")) ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The path under the root of the file a document is: the shortest suffix of {@code docPath} naming a
     * regular file under the root whose text equals {@code text} (a file of {@code Lib/test} or a
     * {@code tests/} folder is no module under test); empty when none.
     */
    public Optional<String> pathOf(String docPath, String text) {
        String[] parts = docPath.replace('\\', '/').split("/");
        for (int k = 1; k <= parts.length; k++) {
            String suffix = String.join("/", Arrays.copyOfRange(parts, parts.length - k, parts.length));
            Path f = root.resolve(suffix).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f) || suffix.startsWith("test/") || suffix.contains("/tests/")) {
                continue;
            }
            try {
                if (Files.readString(f, StandardCharsets.UTF_8).equals(text)) {
                    return Optional.of(suffix);
                }
            } catch (IOException e) {
                // unreadable or not UTF-8: not this one
            }
        }
        return Optional.empty();
    }

    /** The dotted module name of a path under the root: {@code xml/etree/ElementTree.py} → {@code xml.etree.ElementTree}, {@code json/__init__.py} → {@code json}. */
    public static String moduleName(String path) {
        String p = path.replaceFirst("\\.py$", "").replaceFirst("/__init__$", "");
        return p.replace('/', '.');
    }

    /**
     * The test modules of {@code Lib/test} named after a file, most specific first, at most {@code max}:
     * {@code test_A_B_C} … {@code test_A} for {@code A/B/C.py} (CPython names {@code test_xml_etree},
     * {@code test_concurrent_futures}, {@code test_email} so), then {@code test_C}; a module is a
     * {@code test_X.py} file or a {@code test_X/} package.
     */
    public List<String> testModules(String path, int max) {
        List<String> parts = new ArrayList<>(Arrays.asList(path.replaceFirst("\\.py$", "").split("/")));
        if (parts.size() > 1 && parts.get(parts.size() - 1).equals("__init__")) {
            parts.remove(parts.size() - 1);
        }
        Set<String> names = new LinkedHashSet<>();
        for (int k = parts.size(); k >= 1; k--) {
            names.add("test_" + String.join("_", parts.subList(0, k)));
        }
        names.add("test_" + parts.get(parts.size() - 1));
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (out.size() < max && (Files.isRegularFile(root.resolve("test/" + n + ".py"))
                    || Files.isRegularFile(root.resolve("test/" + n + "/__init__.py")))) {
                out.add("test." + n);
            }
        }
        return out;
    }
}
