package dev.codemill.cli;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.codemill.io.megatron.MegatronLayout;
import dev.codemill.io.megatron.MegatronReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the default recipe through the CLI on the small real corpus that
 * {@code ../shared/tools/real-corpus.py} assembles from code on this machine, at 1 thread in this
 * JVM and at 2 threads in a forked one.
 */
@NeedsShared("tools/real-corpus.py")
class EndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path corpus;
    static Path out1;
    static Path out2;

    /** The small real corpus of this test JVM ({@link dev.codemill.testkit.RealCorpus#small()}). */
    static Path corpus() throws IOException, InterruptedException {
        return dev.codemill.testkit.RealCorpus.small();
    }

    @BeforeAll
    static void runTwice() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        corpus = corpus();
        out1 = target.resolve("e2e-out-1");
        out2 = target.resolve("e2e-out-2");
        // Outputs of an earlier build of this test (perhaps without Codemill's OUT marker) go first.
        dev.codemill.testkit.TestFiles.deleteTree(out1);
        dev.codemill.testkit.TestFiles.deleteTree(out2);
        assertThat(Main.execute("run", corpus.toString(), "-o", out1.toString(), "--threads", "1", "-q")).isZero();
        // The second run is another JVM: identity hash codes (and so HashSet orders) differ between processes.
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", corpus.toString(), "-o", out2.toString(), "--threads", "2", "-q")
                .redirectErrorStream(true).redirectOutput(target.resolve("e2e-out-2.log").toFile()).start();
        assertThat(other.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(other.exitValue()).as("forked run, see target/e2e-out-2.log").isZero();
    }

    static List<JsonNode> rows(Path dir) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(".jsonl.zst"))
                    .sorted().toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        new ZstdInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        }
        return rows;
    }

    /** A data row's {@code annotations}: a JSON object in a string in every format, parsed. */
    static JsonNode annotations(JsonNode row) throws IOException {
        JsonNode a = row.get("annotations");
        assertThat(a.isTextual()).as("annotations is a JSON string: " + a).isTrue();
        return JSON.readTree(a.asText());
    }

    @Test
    void conservationLawHolds() throws IOException {
        JsonNode stats = JSON.readTree(out1.resolve("stats.json").toFile());
        JsonNode docs = stats.get("documents");
        long in = docs.get("in").asLong();
        assertThat(in).isGreaterThan(500);
        assertThat(docs.get("kept").asLong() + docs.get("dropped").asLong() + docs.get("quarantined").asLong()).isEqualTo(in);
        assertThat(stats.get("conservation_holds").asBoolean()).isTrue();
        assertThat(rows(out1.resolve("data"))).hasSize(docs.get("kept").asInt());
        assertThat(rows(out1.resolve("ledger")).stream().filter(r -> !r.get("action").asText().equals("modify")).count())
                .isEqualTo(docs.get("dropped").asLong() + docs.get("quarantined").asLong());
    }

    @Test
    void outputIsIdenticalAtOneAndTwoThreads() throws IOException {
        for (String dir : List.of("data", "ledger")) {
            try (var a = Files.list(out1.resolve(dir)); var b = Files.list(out2.resolve(dir))) {
                List<Path> left = a.sorted().toList();
                List<Path> right = b.sorted().toList();
                assertThat(left.stream().map(Path::getFileName).map(Path::toString).toList())
                        .isEqualTo(right.stream().map(Path::getFileName).map(Path::toString).toList());
                for (int i = 0; i < left.size(); i++) {
                    assertThat(Files.readAllBytes(left.get(i))).as(left.get(i).toString()).isEqualTo(Files.readAllBytes(right.get(i)));
                }
            }
        }
        JsonNode s1 = JSON.readTree(out1.resolve("stats.json").toFile());
        JsonNode s2 = JSON.readTree(out2.resolve("stats.json").toFile());
        for (String field : List.of("documents", "bytes", "tokens_kept", "decisions", "languages", "repositories")) {
            assertThat(s2.get(field)).as(field).isEqualTo(s1.get(field));
        }
    }

    /** The default recipe writes Megatron tokens: per kept document, in output order, its content's ordinary ids + EOS. */
    @Test
    void megatronHoldsEachKeptDocumentsTokensAndEosInOutputOrder() throws IOException {
        List<JsonNode> kept = rows(out1.resolve("data"));
        Encoding cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        long tokens = 0;
        // one Megatron file per non-empty hash partition, in the data parts' order
        int i = 0;
        assertThat(kept.size()).isGreaterThan(100);
        for (Path prefix : MegatronShards.of(out1)) {
            try (MegatronReader r = MegatronReader.open(prefix)) {
                assertThat(r.dtype()).isEqualTo(MegatronLayout.DType.INT32);
                for (int d = 0; d < r.documentCount(); d++, i++) {
                    IntArrayList expected = cl100k.encodeOrdinary(kept.get(i).get("content").asText());
                    expected.add(100257);
                    assertThat(r.document(d)).as(kept.get(i).get("id").asText()).containsExactly(expected.toArray());
                    // the tokens stage counted the same ids, without EOS
                    assertThat(kept.get(i).get("num_tokens").asLong()).isEqualTo(expected.size() - 1);
                    tokens += expected.size();
                }
            }
        }
        assertThat(i).isEqualTo(kept.size());
        JsonNode manifest = JSON.readTree(out1.resolve("manifest.json").toFile());
        assertThat(manifest.get("total_tokens").asLong()).isEqualTo(tokens);
        assertThat(manifest.get("documents").asLong()).isEqualTo(kept.size());
        assertThat(manifest.get("tokenizer").asText()).isEqualTo("cl100k_base");
        assertThat(manifest.get("seed").asLong()).isEqualTo(1234);
        assertThat(Files.readAllBytes(out2.resolve("manifest.json"))).isEqualTo(Files.readAllBytes(out1.resolve("manifest.json")));
    }

    @Test
    void everyDropNamesRuleValueAndLimit() throws IOException {
        List<JsonNode> ledger = rows(out1.resolve("ledger"));
        assertThat(ledger).isNotEmpty();
        for (JsonNode r : ledger) {
            assertThat(r.get("rule").asText()).as(r.toString()).isNotEmpty();
            if (r.get("action").asText().equals("drop")) {
                assertThat(r.get("value").isTextual() && !r.get("value").asText().isEmpty()).as(r.toString()).isTrue();
                assertThat(r.get("limit").isTextual() && !r.get("limit").asText().isEmpty()).as(r.toString()).isTrue();
            }
            if (r.get("rule").asText().equals("exact_duplicate")) {
                assertThat(r.get("kept_id").asText()).as(r.toString()).hasSize(32);
            }
        }
    }

    @Test
    void knownLanguagesAndNoDuplicateContent() throws IOException {
        List<JsonNode> data = rows(out1.resolve("data"));
        Set<String> languages = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (JsonNode d : data) {
            languages.add(d.get("language").asText());
            String path = d.get("path").asText();
            if (path.endsWith(".py")) {
                assertThat(d.get("language").asText()).as(path).isEqualTo("Python");
            } else if (path.endsWith(".java")) {
                assertThat(d.get("language").asText()).as(path).isEqualTo("Java");
            }
            assertThat(d.get("num_tokens").asLong()).as(path).isGreaterThanOrEqualTo(0);
            assertThat(hashes.add(d.get("content").asText().replace("\r\n", "\n"))).as("duplicate content " + path).isTrue();
        }
        assertThat(languages).contains("Python", "Java", "JavaScript", "JSON", "Markdown");
    }
}
