package dev.codemill.stages.analysis.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LanguageTableTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = LanguageTable.class.getClassLoader().getResourceAsStream("codemill/languages/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void dataFileParsesAndSharedExtensionsAreDeclaredAmbiguous() throws IOException {
        LanguageTable t = LanguageTable.parse(new StringReader(resource("languages.tsv")), new StringReader(resource("ambiguous.tsv")),
                HeuristicRules.parse(new StringReader(resource("heuristics.tsv"))));
        assertThat(t.languages()).hasSizeGreaterThanOrEqualTo(800);
        // recount duplicates independently of the loader
        Map<String, TreeSet<String>> owners = new HashMap<>();
        for (LanguageTable.Language l : t.languages().values()) {
            assertThat(LanguageTable.TYPES).contains(l.type());
            for (String e : l.extensions()) {
                owners.computeIfAbsent(e, k -> new TreeSet<>()).add(l.name());
            }
        }
        Map<String, TreeSet<String>> shared = new HashMap<>();
        owners.forEach((e, o) -> {
            if (o.size() > 1) {
                shared.put(e, o);
            }
        });
        assertThat(shared.keySet()).containsExactlyInAnyOrderElementsOf(t.ambiguities().keySet());
        shared.forEach((e, o) -> assertThat(new TreeSet<>(t.ambiguity(e).candidates())).as(e).isEqualTo(o));
        // hand rules and data rules exist only for shared extensions, and only judge candidates
        assertThat(t.ambiguities().keySet()).containsAll(ContentRules.EXTENSIONS).containsAll(t.heuristics().extensions());
        ContentRules.JUDGED.forEach((e, langs) -> assertThat(t.ambiguity(e).candidates()).as(e).containsAll(langs));
        assertThat(t.ambiguity(".h").candidates()).containsExactly("Objective-C", "C++", "C");
        assertThat(t.ambiguity(".d").candidates()).containsExactly("D", "DTrace", "Makefile");
        assertThat(t.ambiguity(".d").fallback()).isEqualTo("D");
        assertThat(t.ambiguity(".inc").fallback()).isNull();
        assertThat(t.byExtension(".h")).isNull();
        assertThat(t.byExtension(".py").name()).isEqualTo("Python");
        assertThat(t.byFilename("CMakeLists.txt").name()).isEqualTo("CMake");
    }

    @Test
    void defaultsHasTheCommonLanguagesWithLinguistTypes() {
        LanguageTable t = LanguageTable.defaults();
        Map<String, String> expected = Map.ofEntries(Map.entry("C", "programming"), Map.entry("C++", "programming"),
                Map.entry("Objective-C", "programming"), Map.entry("C#", "programming"), Map.entry("Java", "programming"),
                Map.entry("Python", "programming"), Map.entry("JavaScript", "programming"), Map.entry("TypeScript", "programming"),
                Map.entry("Shell", "programming"), Map.entry("JSON", "data"), Map.entry("YAML", "data"), Map.entry("TOML", "data"),
                Map.entry("XML", "data"), Map.entry("HTML", "markup"), Map.entry("CSS", "markup"), Map.entry("Markdown", "prose"),
                Map.entry("TeX", "markup"), Map.entry("Text", "prose"), Map.entry("Jupyter Notebook", "markup"),
                Map.entry("SQL", "data"), Map.entry("Dockerfile", "programming"), Map.entry("Makefile", "programming"));
        expected.forEach((name, type) -> assertThat(t.typeOf(name)).as(name).isEqualTo(type));
    }

    @Test
    void interpreterAndAliasVersionsAreStripped() {
        LanguageTable t = LanguageTable.defaults();
        assertThat(t.byInterpreter("python3.11").name()).isEqualTo("Python");
        assertThat(t.byInterpreter("python3").name()).isEqualTo("Python");
        assertThat(t.byInterpreter("Rscript").name()).isEqualTo("R");
        assertThat(t.byInterpreter("ruby2.7").name()).isEqualTo("Ruby");
        assertThat(t.byInterpreter("perl5.36").name()).isEqualTo("Perl");
        assertThat(t.byInterpreter("nosuch3.1")).isNull();
        assertThat(t.byAlias("c++17").name()).isEqualTo("C++");
        assertThat(t.byAlias("julia-1.9").name()).isEqualTo("Julia");
        assertThat(t.byAlias("cpp").name()).isEqualTo("C++");
        assertThat(t.byAlias("sh").name()).isEqualTo("Shell");
        assertThat(t.byAlias("Objective-C").name()).isEqualTo("Objective-C");
        assertThat(t.byAlias("")).isNull();
    }

    @Test
    void extensionsOfTriesLongestFirst() {
        LanguageTable t = LanguageTable.defaults();
        assertThat(t.extensionsOf("Config.CMake.in")).containsExactly(".cmake.in", ".in");
        assertThat(t.extensionsOf("a.py")).containsExactly(".py");
        assertThat(t.extensionsOf(".bashrc")).isEmpty();
        assertThat(t.extensionsOf("Makefile")).isEmpty();
    }

    @Test
    void undeclaredDuplicateExtensionIsRejected() {
        String langs = "name\ttype\textensions\tfilenames\tinterpreters\taliases\n"
                + "A\tprogramming\t.x .a\t-\t-\t-\nB\tdata\t.x\t-\t-\t-\n";
        String amb = "extension\tcandidates\tfallback\n";
        assertThatThrownBy(() -> LanguageTable.parse(new StringReader(langs), new StringReader(amb)))
                .hasMessageContaining(".x").hasMessageContaining("ambiguous.tsv");
        // declared: fine
        LanguageTable ok = parse(langs, amb + ".x\tA;B\tA\n");
        assertThat(ok.ambiguity(".x").candidates()).isEqualTo(List.of("A", "B"));
        assertThat(ok.byExtension(".a").name()).isEqualTo("A");
        // declared with the wrong candidates
        assertThatThrownBy(() -> parse(langs + "C\tdata\t.x\t-\t-\t-\n", amb + ".x\tA;B\tA\n"))
                .hasMessageContaining("[A, B, C]");
    }

    @Test
    void malformedRowsAreRejected() {
        String amb = "extension\tcandidates\tfallback\n";
        assertThatThrownBy(() -> parse("A\tcode\t.a\t-\t-\t-\n", amb)).hasMessageContaining("unknown type code");
        assertThatThrownBy(() -> parse("A\tdata\t.a\t-\n", amb)).hasMessageContaining("6 tab-separated columns");
        assertThatThrownBy(() -> parse("A\tdata\t.A\t-\t-\t-\n", amb)).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> parse("A\tdata\t-\tMakefile\t-\t-\nB\tdata\t-\tMakefile\t-\t-\n", amb))
                .hasMessageContaining("file name Makefile");
        assertThatThrownBy(() -> parse("A\tdata\t-\t-\tpy\t-\nB\tdata\t-\t-\tpy\t-\n", amb))
                .hasMessageContaining("interpreter py");
    }

    private static LanguageTable parse(String langs, String amb) {
        try {
            return LanguageTable.parse(new StringReader(langs), new StringReader(amb));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
