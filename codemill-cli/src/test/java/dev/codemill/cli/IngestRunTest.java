package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.jerolba.carpet.CarpetWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §3 and §5 through {@code codemill run}: occurrence ids in dedup, lost inputs, schema drift. */
class IngestRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    record Run(int rc, List<JsonNode> data, List<JsonNode> ledger, JsonNode stats) {
    }

    Run run(String recipeText, String... args) throws Exception {
        Path recipe = tmp.resolve("r" + System.nanoTime() + ".yaml");
        Files.writeString(recipe, recipeText);
        Path out = tmp.resolve("out" + System.nanoTime());
        List<String> a = new ArrayList<>(List.of("run", "-q", "--format", "jsonl", "--threads", "2", "-o", out.toString(),
                "--recipe", recipe.toString()));
        a.addAll(List.of(args));
        int rc = Main.execute(a.toArray(String[]::new));
        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        return new Run(rc, EndToEndTest.rows(out.resolve("data")), EndToEndTest.rows(out.resolve("ledger")), stats);
    }

    /** A 40-line Python file, different for each seed. */
    static String code(int seed, String extraLine) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("def step_").append(seed).append('_').append(i).append("(value, scale=").append(i + 2)
                    .append("):\n    return value * scale + ").append(i * 7 % 13).append("\n");
        }
        return sb.append(extraLine).toString();
    }

    static String record(String repo, String path, String content) throws Exception {
        return EndToEndTest.JSON.writeValueAsString(new TreeMap<>(Map.of("blob_id", "same-blob", "repo_name", repo,
                "path", path, "content", content))) + "\n";
    }

    @Test
    void copiesSharingABlobIdAreDedupedWithDistinctIds() throws Exception {
        // The Stack v2: one blob_id for the copies of a file in several repositories.
        Path dump = tmp.resolve("stack.jsonl");
        Files.writeString(dump, record("alice/x", "util.py", code(1, "")) + record("bob/y", "lib/util.py", code(1, ""))
                + record("carol/z", "u.py", code(1, "")));
        Run exact = run("stages:\n  - {type: decode}\n  - {type: exact_dedup}\n", dump.toString());
        assertThat(exact.rc()).isZero();
        assertThat(exact.data()).hasSize(1);
        String kept = exact.data().get(0).get("id").asText();
        assertThat(EndToEndTest.annotations(exact.data().get(0)).toString()).contains("\"blob_id\":\"same-blob\"");
        assertThat(exact.ledger()).hasSize(2).allSatisfy(l -> {
            assertThat(l.get("rule").asText()).isEqualTo("exact_duplicate");
            assertThat(l.get("kept_id").asText()).isEqualTo(kept);
            assertThat(l.get("id").asText()).isNotEqualTo(kept);
        });
        assertThat(exact.ledger().get(0).get("id").asText()).isNotEqualTo(exact.ledger().get(1).get("id").asText());

        // Near copies under one blob_id (before: one id, so near dedup dropped nothing).
        Path near = tmp.resolve("near.jsonl");
        Files.writeString(near, record("alice/x", "util.py", code(2, ""))
                + record("bob/y", "util.py", code(2, "# local change\n")));
        Run nd = run("stages:\n  - {type: decode}\n  - {type: near_dedup}\n", near.toString());
        assertThat(nd.rc()).isZero();
        assertThat(nd.data()).hasSize(1);
        assertThat(nd.ledger()).singleElement().satisfies(l -> {
            assertThat(l.get("rule").asText()).isEqualTo("near_duplicate");
            assertThat(l.get("kept_id").asText()).isEqualTo(nd.data().get(0).get("id").asText());
            assertThat(l.get("id").asText()).isNotEqualTo(l.get("kept_id").asText());
        });
    }

    static final String DECODE_ONLY = "stages:\n  - {type: decode}\n";

    @Test
    void anInputLostWholeEndsTheRunWithExitCode3UnlessTolerated() throws Exception {
        Path good = tmp.resolve("good.jsonl");
        Files.writeString(good, "{\"path\":\"a.py\",\"content\":\"a = 1\\n\"}\n");
        Path bad = tmp.resolve("shard-0007.jsonl.gz");
        Files.write(bad, "this is not gzip at all".getBytes(StandardCharsets.US_ASCII));
        Path array = tmp.resolve("records.json.gz");
        try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(array))) {
            o.write("[\n  {\"content\": \"x\"},\n  {\"content\": \"y\"}\n]\n".getBytes(StandardCharsets.UTF_8));
        }

        Run strict = run(DECODE_ONLY, good.toString(), bad.toString(), array.toString());
        assertThat(strict.rc()).isEqualTo(3);
        assertThat(strict.data()).hasSize(1);
        JsonNode lost = strict.stats().get("inputs_lost");
        assertThat(lost).hasSize(2);
        assertThat(lost.get(0).get("input").asText()).isEqualTo(array.toString());
        assertThat(lost.get(0).get("documents").asLong()).isEqualTo(1);
        assertThat(lost.get(0).get("rules").toString()).isEqualTo("{\"unsupported_input\":1}");
        assertThat(lost.get(1).get("input").asText()).isEqualTo(bad.toString());
        assertThat(lost.get(1).get("rules").toString()).isEqualTo("{\"corrupt_input\":1}");
        assertThat(console.stderr()).contains("codemill: error: input " + bad + " was lost whole: all 1 of its documents "
                + "were quarantined at ingest {corrupt_input=1}");
        assertThat(console.stderr()).contains("2 input(s) lost whole; the outputs are written, exit code 3");

        Run flag = run(DECODE_ONLY, "--tolerate-bad-inputs", good.toString(), bad.toString());
        assertThat(flag.rc()).isZero();
        assertThat(flag.stats().get("inputs_lost")).hasSize(1);
        assertThat(console.stderr()).contains("codemill: warning: input " + bad + " was lost whole");

        Run recipe = run("ingest: {tolerate_bad_inputs: true}\n" + DECODE_ONLY, good.toString(), bad.toString());
        assertThat(recipe.rc()).isZero();

        Run clean = run(DECODE_ONLY, good.toString());
        assertThat(clean.rc()).isZero();
        assertThat(clean.stats().get("inputs_lost")).isEmpty();
    }

    record Row(String repo_name, String path, String content, Long star_events_count) {
    }

    record TextRow(String repo_name, String path, String text, String star_events_count) {
    }

    record BinaryRow(String repo_name, String path, Binary content) {
    }

    @Test
    void schemaDriftAcrossShardsIsAWarningAndBinaryContentIsDecodedLikeAFile() throws Exception {
        Path a = tmp.resolve("train-00000.parquet");
        try (CarpetWriter<Row> w = new CarpetWriter<>(new LocalOutputFile(a), Row.class)) {
            w.write(new Row("o/r", "a.py", "a = 1\n", 3L));
        }
        Path b = tmp.resolve("train-00001.parquet");
        try (CarpetWriter<TextRow> w = new CarpetWriter<>(new LocalOutputFile(b), TextRow.class)) {
            w.write(new TextRow("o/r", "b.py", "b = 2\n", "4"));
        }
        Path c = tmp.resolve("train-00002.parquet");
        try (CarpetWriter<BinaryRow> w = new CarpetWriter<>(new LocalOutputFile(c), BinaryRow.class)) {
            w.write(new BinaryRow("o/r", "c.py", Binary.fromConstantByteArray(
                    "s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1))));
        }
        Run r = run(DECODE_ONLY, a.toString(), b.toString(), c.toString());
        assertThat(r.rc()).isZero();
        List<String> warnings = new ArrayList<>();
        r.stats().get("warnings").forEach(w -> warnings.add(w.get("stage").asText() + ": " + w.get("message").asText()));
        assertThat(warnings).containsExactly(
                "ingest: schema drift across dump files: field 'content' is (absent) in " + b + "; binary in "
                        + c + "; binary (STRING) in " + a,
                "ingest: schema drift across dump files: field 'star_events_count' is (absent) in " + c
                        + "; binary (STRING) in " + b + "; int64 in " + a,
                "ingest: schema drift across dump files: field 'text' is (absent) in " + a + ", " + c
                        + "; binary (STRING) in " + b);
        assertThat(console.stderr()).contains("codemill: warning: ingest: schema drift across dump files: field 'content'");
        Map<String, JsonNode> byPath = new TreeMap<>();
        r.data().forEach(d -> byPath.put(d.get("path").asText(), d));
        assertThat(byPath.get("c.py").get("content").asText()).isEqualTo("s = 'caf\u00e9'\n");
        assertThat(byPath.get("c.py").get("src_encoding").asText()).isNotEqualTo("UTF-8");
        assertThat(byPath.get("b.py").get("content").asText()).isEqualTo("b = 2\n");
        assertThat(EndToEndTest.annotations(byPath.get("b.py")).toString()).contains("\"content_field\":\"text\"");
    }
}
