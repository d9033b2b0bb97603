package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codemill run} on one JSONL dump of real files gives byte-identical {@code data/} and
 * {@code ledger/} whether the dump is read whole ({@code split_bytes: 0}) or as many byte-range
 * splits on several threads ({@code split_bytes: 1024}).
 */
class SplitRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    static String recipe(long splitBytes) throws Exception {
        try (InputStream in = SplitRunTest.class.getClassLoader().getResourceAsStream("codemill/default-recipe.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).containsOnlyOnce("\ningest:\n");
            return text.replace("\ningest:\n", "\ningest:\n  split_bytes: " + splitBytes + "\n");
        }
    }

    /** Every file under {@code dir}: relative path → bytes. */
    static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    @NeedsShared("cases")
    void splitAndWholeRunsWriteTheSameDataAndLedger(@TempDir Path tmp) throws Exception {
        Path cases = SharedData.path("cases");
        List<Path> files;
        try (Stream<Path> s = Files.walk(cases)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertThat(files.size()).isGreaterThan(10);
        ObjectMapper json = new ObjectMapper();
        StringBuilder dump = new StringBuilder();
        int i = 0;
        for (Path f : files) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("repo_name", "cases/" + f.getParent().getFileName());
            rec.put("path", f.getFileName().toString());
            rec.put("content", Files.readString(f, StandardCharsets.ISO_8859_1));
            dump.append(json.writeValueAsString(rec)).append(i % 3 == 0 ? "\r\n" : "\n");
            if (++i == files.size() / 2) {
                dump.append("{\"content\": \"broken\n");
            }
        }
        Path in = tmp.resolve("dump.jsonl");
        Files.writeString(in, dump.toString(), StandardCharsets.UTF_8);
        assertThat(Files.size(in)).isGreaterThan(10 * 1024);

        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (long splitBytes : new long[] {0, 1024}) {
            Path recipe = tmp.resolve("recipe-" + splitBytes + ".yaml");
            Files.writeString(recipe, recipe(splitBytes));
            int splits = dev.codemill.io.Inputs.splits(List.of(in),
                    dev.codemill.plan.RecipeLoader.load(recipe).ingest()).size();
            assertThat(splits).isEqualTo(splitBytes == 0 ? 1 : (int) ((Files.size(in) + 1023) / 1024));
            Path out = tmp.resolve("out-" + splitBytes);
            int rc = Main.execute("run", in.toString(), "-o", out.toString(), "--recipe", recipe.toString(),
                    "--threads", splitBytes == 0 ? "1" : "4", "-q", "--format", "jsonl");
            assertThat(rc).as(console.stderr()).isZero();
            Map<String, String> both = new TreeMap<>();
            tree(out.resolve("data")).forEach((k, v) -> both.put("data/" + k, v));
            tree(out.resolve("ledger")).forEach((k, v) -> both.put("ledger/" + k, v));
            results.put(String.valueOf(splitBytes), both);
            if (splitBytes == 0) {
                assertThat(EndToEndTest.rows(out.resolve("ledger"))).filteredOn(r -> r.get("rule").asText()
                        .equals("malformed_json")).singleElement().satisfies(r -> assertThat(r.get("detail").asText())
                        .startsWith("dump.jsonl:" + (files.size() / 2 + 1) + ": "));
                assertThat(EndToEndTest.rows(out.resolve("data"))).isNotEmpty();
            }
        }
        assertThat(results.get("0")).isNotEmpty();
        assertThat(results.get("1024")).isEqualTo(results.get("0"));
    }
}
