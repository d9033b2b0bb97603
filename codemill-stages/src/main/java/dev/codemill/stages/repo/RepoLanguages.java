package dev.codemill.stages.repo;

import java.util.Locale;
import java.util.Map;

/**
 * Fallback language by file extension, used only when a document has no {@code language}
 * annotation (the {@code language} stage did not run). Covers the languages the import graph
 * understands; {@code .h} counts as C.
 */
final class RepoLanguages {
    private static final Map<String, String> BY_EXT = Map.ofEntries(
            Map.entry("py", "Python"), Map.entry("pyi", "Python"), Map.entry("java", "Java"),
            Map.entry("kt", "Kotlin"), Map.entry("kts", "Kotlin"),
            Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"), Map.entry("cjs", "JavaScript"),
            Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"), Map.entry("mts", "TypeScript"),
            Map.entry("cts", "TypeScript"), Map.entry("tsx", "TSX"),
            Map.entry("c", "C"), Map.entry("h", "C"), Map.entry("cc", "C++"), Map.entry("cpp", "C++"),
            Map.entry("cxx", "C++"), Map.entry("hpp", "C++"), Map.entry("hh", "C++"), Map.entry("hxx", "C++"),
            Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("cs", "C#"), Map.entry("php", "PHP"),
            Map.entry("rb", "Ruby"));

    private RepoLanguages() {
    }

    static String byExtension(String path) {
        String name = RepoPaths.name(path);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXT.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
