package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default recipe, end to end through {@code codemill run}, on the inputs of
 * {@code ../shared/cases}: each case's expected behaviour as seen in the outputs a user reads.
 */
class SharedCasesTest {
    static final Path CASES = SharedData.path("cases");

    @TempDir
    Path tmp;

    /** Copies a case folder (read-only in shared/) and runs its generator script there. */
    private Path caseDir(String name, String... scripts) throws Exception {
        Path dir = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(CASES.resolve(name))) {
            for (Path p : walk.toList()) {
                Path target = dir.resolve(CASES.resolve(name).relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true);
                }
            }
        }
        for (String script : scripts) {
            Process p = new ProcessBuilder("python3", script).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(script).isZero();
        }
        return dir;
    }

    private record Result(Map<String, JsonNode> data, List<JsonNode> ledger, JsonNode stats) {
        JsonNode doc(String path) {
            assertThat(data).as("kept documents").containsKey(path);
            return data.get(path);
        }

        List<String> rules(String path) {
            return ledger.stream().filter(r -> r.get("path").asText().equals(path)).map(r -> r.get("rule").asText()).toList();
        }
    }

    private Result run(Path... inputs) throws IOException {
        return runWith(List.of(), inputs);
    }

    private Result runWith(List<String> options, Path... inputs) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("run", "-o", out.toString(), "-q", "--format", "jsonl"));
        args.addAll(options);
        for (Path p : inputs) {
            args.add(p.toString());
        }
        assertThat(Main.execute(args.toArray(String[]::new))).isZero();
        Map<String, JsonNode> data = new LinkedHashMap<>();
        for (JsonNode row : EndToEndTest.rows(out.resolve("data"))) {
            data.put(row.get("path").asText(), row);
        }
        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("conservation_holds").asBoolean()).isTrue();
        return new Result(data, EndToEndTest.rows(out.resolve("ledger")), stats);
    }

    @Test
    @NeedsShared("cases")
    void c01ShortDocumentsAreDedupedByContentOnly() throws Exception {
        Path recipe = tmp.resolve("c01.yaml");
        Files.writeString(recipe, """
                ingest: {id_field: id}
                stages:
                  - {type: decode}
                  - {type: language}
                  - {type: stats}
                  - {type: basic_filters, alphanum_fraction: 0}
                  - {type: exact_dedup}
                  - {type: near_dedup}
                """);
        Result r = runWith(List.of("--recipe", recipe.toString()), CASES.resolve("C01_minhash_empty_short_docs/docs.jsonl"));
        assertThat(r.data().values()).extracting(d -> d.get("id").asText())
                .containsExactlyInAnyOrder("d03", "d04", "d05", "d07", "d08", "d09");
        Map<String, String> ruleById = new java.util.TreeMap<>();
        r.ledger().forEach(l -> ruleById.put(l.get("id").asText(), l.get("rule").asText() + ">"
                + (l.get("kept_id").isNull() ? "(null)" : l.get("kept_id").asText())));
        assertThat(ruleById).containsExactly(Map.entry("d01", "empty>(null)"), Map.entry("d02", "empty>(null)"),
                Map.entry("d06", "exact_duplicate>d04"), Map.entry("d10", "exact_duplicate>d09"));
    }

    @Test
    @NeedsShared("cases")
    void c02LayoutVariantsAreOneExactCluster() throws Exception {
        Path dir = caseDir("C02_dedup_normalization", "make_inputs.py");
        Result r = run(Stream.of("a_lf.py", "b_crlf.py", "c_trailing_ws.py", "d_nfd.py", "e_tabs.py")
                .map(dir::resolve).toArray(Path[]::new));
        assertThat(r.data()).hasSize(1);
        JsonNode kept = r.data().values().iterator().next();
        // The kept file's own text is written, not the normalised dedup key.
        assertThat(kept.get("content").asText()).isEqualTo(Files.readString(dir.resolve(kept.get("path").asText())));
        assertThat(r.ledger()).hasSize(4).allSatisfy(l -> {
            assertThat(l.get("rule").asText()).isEqualTo("exact_duplicate");
            assertThat(l.get("kept_id").asText()).isEqualTo(kept.get("id").asText());
        });
    }

    @Test
    @NeedsShared("cases")
    void c09BinaryFilesAreDroppedBeforeLanguageDetection() throws Exception {
        Path dir = caseDir("C09_binary_with_source_ext", "make_inputs.py");
        Result r = run(dir.resolve("Ball.mo"), dir.resolve("messages.mo"), dir.resolve("clip.ts"), dir.resolve("icon.py"));
        assertThat(r.doc("Ball.mo").get("language").asText()).isEqualTo("Modelica");
        for (String bin : List.of("messages.mo", "clip.ts", "icon.py")) {
            assertThat(r.rules(bin)).as(bin).containsExactly("binary");
        }
        assertThat(r.data()).containsOnlyKeys("Ball.mo");
        assertThat(r.stats().at("/decisions/decode/drop:binary/documents").asInt()).isEqualTo(3);
    }

    @Test
    @NeedsShared("cases")
    void c10EncodingsDecodeExactlyAndBomCopiesAreDuplicates() throws Exception {
        Path dir = caseDir("C10_encodings_bom", "make_inputs.py");
        // Greeter.cs and GreeterNoBom.cs decode to the same text, as do hello_bom.py and hello.py:
        // the pairs are exact duplicates, so GreeterNoBom.cs is checked in a run of its own.
        Result r = run(Stream.of("Greeter.cs", "report_sjis.c", "Sizes.java", "run_tool", "hello_bom.py", "hello.py")
                .map(dir::resolve).toArray(Path[]::new));
        Result noBom = run(dir.resolve("GreeterNoBom.cs"));
        Map<String, String> language = Map.of("Greeter.cs", "C#", "report_sjis.c", "C", "Sizes.java", "Java",
                "run_tool", "Python");
        language.forEach((file, lang) -> assertDecoded(dir, r.doc(file), file, lang));
        assertDecoded(dir, noBom.doc("GreeterNoBom.cs"), "Greeter.cs", "C#");
        assertThat(r.doc("Greeter.cs").get("src_encoding").asText()).isEqualTo("UTF-16LE");
        assertThat(noBom.doc("GreeterNoBom.cs").get("src_encoding").asText()).isEqualTo("UTF-16LE (no BOM)");
        assertThat(r.doc("Sizes.java").get("src_encoding").asText()).isEqualTo("windows-1252");
        assertThat(r.doc("report_sjis.c").get("src_encoding").asText()).isEqualTo("windows-31j");
        JsonNode sjis = r.doc("report_sjis.c");
        assertThat(List.of(sjis.get("num_lines").asInt(), sjis.get("code_lines").asInt(), sjis.get("comment_lines").asInt(),
                sjis.get("blank_lines").asInt())).containsExactly(9, 7, 1, 1);
        // hello_bom.py and hello.py hold the same text once the BOM is gone: exactly one is kept.
        assertThat(r.data().keySet().stream().filter(p -> p.startsWith("hello")).count()).isEqualTo(1);
        assertThat(r.ledger()).filteredOn(l -> l.get("rule").asText().equals("exact_duplicate")).hasSize(1);
        assertThat(r.stats().at("/documents/quarantined").asInt()).isZero();
    }

    private static void assertDecoded(Path dir, JsonNode d, String reference, String language) {
        assertThat(d.get("language").asText()).as(reference).isEqualTo(language);
        try {
            String expected = Files.readString(dir.resolve("expected_decoded").resolve(reference));
            assertThat(d.get("content").asText().replace("\r\n", "\n")).as(reference).isEqualTo(expected);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(d.get("content").asText()).doesNotContain("\uFFFD").doesNotStartWith("\uFEFF");
    }

    @Test
    @NeedsShared("cases")
    void c24ArchivesYieldOnlyTheLegitimateFile() throws Exception {
        Path dir = caseDir("C24_archive_symlink_zipslip", "make_inputs.py");
        for (String archive : List.of("repo_snapshot.tar", "repo_snapshot.zip")) {
            Result r = run(dir.resolve("gen").resolve(archive));
            assertThat(r.data()).as(archive).containsOnlyKeys("proj/src/ok.py");
            assertThat(r.ledger()).as(archive).allSatisfy(row -> assertThat(row.get("action").asText()).isEqualTo("quarantine"));
            assertThat(r.ledger()).extracting(row -> row.get("rule").asText()).as(archive)
                    .isSubsetOf("path_traversal", "absolute_path", "symlink", "symlink_outside_root", "hardlink",
                            "write_through_symlink");
        }
        assertThat(dir.resolve("escape_up.py")).doesNotExist();
        assertThat(tmp.resolve("zip_escape.py")).doesNotExist();
    }

    @Test
    @NeedsShared("cases")
    void c13NotebooksBecomeTheirCodeCells() throws Exception {
        Path dir = caseDir("C13_jupyter_notebook", "make_big_output.py");
        Result r = run(dir.resolve("rainfall.ipynb"), dir.resolve("rainfall_big.ipynb"));
        String expected = Files.readString(dir.resolve("expected_code.py"));
        assertThat(r.data()).hasSize(1);
        JsonNode nb = r.data().values().iterator().next();
        assertThat(nb.get("content").asText()).isEqualTo(expected);
        assertThat(nb.get("language").asText()).isEqualTo("Python");
        assertThat(List.of(nb.get("num_lines").asInt(), nb.get("code_lines").asInt(), nb.get("blank_lines").asInt()))
                .containsExactly(11, 8, 3);
        assertThat(r.ledger()).extracting(l -> l.get("rule").asText())
                .containsExactlyInAnyOrder("notebook_code_cells", "notebook_code_cells", "exact_duplicate");
    }

    @Test
    @NeedsShared("cases")
    void c11AndC12FilterVerdicts() throws Exception {
        Path c11 = CASES.resolve("C11_minified_false_positive");
        Path c12 = CASES.resolve("C12_alnum_fraction_cjk");
        Result r = run(c11.resolve("bundle.js"), c11.resolve("tidy_sidebar.user.js"), c12.resolve("banner.py"),
                c12.resolve("zh_comments.py"));
        assertThat(r.rules("bundle.js")).containsExactly("minified");
        assertThat(r.rules("banner.py")).containsExactly("low_alnum_fraction");
        assertThat(r.data()).containsOnlyKeys("tidy_sidebar.user.js", "zh_comments.py");
        assertThat(r.doc("zh_comments.py").get("alphanum_fraction").asDouble()).isCloseTo(0.600, org.assertj.core.data.Offset.offset(0.005));
        JsonNode banner = r.ledger().stream().filter(l -> l.get("path").asText().equals("banner.py")).findFirst().orElseThrow();
        assertThat(banner.get("value").asText()).isEqualTo("0.0392");
        assertThat(banner.get("limit").asText()).isEqualTo(">= 0.25");
    }

    @Test
    @NeedsShared("cases")
    void c05C07C14C16LanguagesAndLineCounts() throws Exception {
        Path c05 = CASES.resolve("C05_lang_h_header");
        Path c07 = CASES.resolve("C07_lang_ts_qt_xml");
        Path c14 = CASES.resolve("C14_comment_markers_in_strings");
        Path c16 = CASES.resolve("C16_python_docstrings");
        Result r = run(c05.resolve("point.h"), c05.resolve("shapes.h"), c05.resolve("TaskView.h"), c05.resolve("ring_buffer.h"),
                c07.resolve("app_de.ts"), c07.resolve("feed.ts"), c14.resolve("quote_kind.rs"), c14.resolve("queries.php"),
                c14.resolve("markers.cpp"), c16.resolve("geometry.py"));
        Map<String, String> expected = Map.of("point.h", "C", "shapes.h", "C++", "TaskView.h", "Objective-C",
                "ring_buffer.h", "C", "feed.ts", "TypeScript");
        expected.forEach((file, lang) -> assertThat(r.doc(file).get("language").asText()).as(file).isEqualTo(lang));
        // Qt Linguist XML is routed as a data file, never counted as TypeScript.
        assertThat(r.doc("app_de.ts").get("language").asText()).isEqualTo("XML");
        assertThat(EndToEndTest.annotations(r.doc("app_de.ts")).get("subtype").asText()).isEqualTo("Qt translation source");
        assertThat(EndToEndTest.annotations(r.doc("app_de.ts")).get("language_type").asText()).isEqualTo("data");
        Map<String, List<Integer>> counts = Map.of("quote_kind.rs", List.of(16, 8, 5, 3), "queries.php", List.of(13, 11, 1, 1),
                "markers.cpp", List.of(8, 6, 1, 1), "geometry.py", List.of(31, 14, 8, 9));
        counts.forEach((file, c) -> {
            JsonNode d = r.doc(file);
            assertThat(List.of(d.get("num_lines").asInt(), d.get("code_lines").asInt(), d.get("comment_lines").asInt(),
                    d.get("blank_lines").asInt())).as(file).isEqualTo(c);
        });
    }
}
