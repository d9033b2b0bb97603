package dev.codemill.stages.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Files without a language annotation take the registry's language of their extension, limited to the import languages. */
class RepoFilesLanguageTest {
    /** The extension table the repository stages kept on their own before the one registry. */
    private static final Map<String, String> OLD_TABLE = Map.ofEntries(
            Map.entry("py", "Python"), Map.entry("pyi", "Python"), Map.entry("java", "Java"),
            Map.entry("kt", "Kotlin"), Map.entry("kts", "Kotlin"),
            Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"), Map.entry("cjs", "JavaScript"),
            Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"), Map.entry("mts", "TypeScript"),
            Map.entry("cts", "TypeScript"), Map.entry("tsx", "TSX"),
            Map.entry("c", "C"), Map.entry("h", "C"), Map.entry("cc", "C++"), Map.entry("cpp", "C++"),
            Map.entry("cxx", "C++"), Map.entry("hpp", "C++"), Map.entry("hh", "C++"), Map.entry("hxx", "C++"),
            Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("cs", "C#"), Map.entry("php", "PHP"),
            Map.entry("rb", "Ruby"));

    @Test
    void theRegistryGivesWhatTheOldTableGave() {
        Map<String, String> now = new TreeMap<>();
        for (String ext : OLD_TABLE.keySet()) {
            now.put(ext, RepoFiles.importLanguage("src/a." + ext));
            assertThat(RepoFiles.importLanguage("src/A." + ext.toUpperCase())).as(ext).isEqualTo(now.get(ext));
        }
        assertThat(now).isEqualTo(new TreeMap<>(OLD_TABLE));
    }

    @Test
    void otherLanguagesAndUnknownExtensionsHaveNone() {
        assertThat(RepoFiles.importLanguage("README.md")).isNull();   // Markdown: no import graph
        assertThat(RepoFiles.importLanguage("build.gradle")).isNull();
        assertThat(RepoFiles.importLanguage("Makefile")).isNull();
        assertThat(RepoFiles.importLanguage("a.nosuchext")).isNull();
    }
}
