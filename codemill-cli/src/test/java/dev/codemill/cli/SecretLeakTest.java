package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.codemill.io.parquet.ParquetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 §4: a secret in the input's metadata or in a malformed line never reaches any file
 * under OUT (data, ledger, manifest.json, stats.json, examples.json, report.html) nor stderr.
 * The values are synthetic (random, never real).
 */
class SecretLeakTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    static final String GITHUB = "ghp_R8nT2vQ7xK4mW9pL3sD6fH1jB5cZ0yA2eG7u";
    static final String AWS = "AKIAQ7XK2M9PL4W8RT3D";
    static final String STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    static final String PASSWORD = "Pw7dk2LsQ!9";

    @Test
    void secretsInMalformedLinesRepoNamesAndPathsReachNoOutput(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("dump.jsonl"), String.join("\n",
                // malformed: an unquoted token where a value belongs (Jackson quotes it in its message)
                "{\"repo_name\": \"acme/app\", \"path\": \"a.py\", \"content\": " + GITHUB + "}",
                // malformed: a password in a line cut short
                "{\"repo_name\": \"acme/app\", \"path\": \"b.py\", \"content\": \"x\", password: " + PASSWORD,
                // a token in the repository name (per-repository tallies in manifest.json and stats.json)
                "{\"repo_name\": \"leaky/" + GITHUB + "\", \"path\": \"c.py\", \"content\": \"print('c')\\n\"}",
                // a key in the path, and a record without content (ledger row with repo and path)
                "{\"repo_name\": \"acme/app\", \"path\": \"keys/" + AWS + ".py\", \"content\": \"print('d')\\n\"}",
                "{\"repo_name\": \"acme/" + STRIPE + "\", \"path\": \"e/" + AWS + ".py\"}",
                // licence metadata of The Stack v2 holding a token
                "{\"repo_name\": \"acme/lic\", \"path\": \"g.py\", \"license_type\": \"permissive " + STRIPE
                        + "\", \"detected_licenses\": [\"MIT\", \"" + GITHUB + "\"], \"content\": \"print('g')\\n\"}",
                // an id field holding a token
                "{\"blob_id\": \"" + STRIPE + "\", \"repo_name\": \"acme/app\", \"path\": \"f.py\", \"content\": \"print('f')\\n\"}",
                ""));
        Path out = tmp.resolve("out");
        int rc = Main.execute("run", in.resolve("dump.jsonl").toString(), "-o", out.toString(), "--threads", "1", "-q");
        assertThat(rc).as(console.stderr()).isZero();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> names = files.stream().map(f -> out.relativize(f).toString()).toList();
        assertThat(names).contains("stats.json", "manifest.json", "examples.json", "report.html");
        assertThat(names).anyMatch(n -> n.startsWith("ledger/") && n.endsWith(".parquet"));
        assertThat(names).anyMatch(n -> n.startsWith("ledger/") && n.endsWith(".jsonl.zst"));
        assertThat(names).anyMatch(n -> n.startsWith("data/") && n.endsWith(".parquet"));
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            String text = readable(f);
            all.append(text);
            for (String secret : List.of(GITHUB, AWS, STRIPE, PASSWORD)) {
                assertThat(text).as(out.relativize(f) + " holds " + secret).doesNotContain(secret);
            }
        }
        assertThat(console.stderr()).doesNotContain(GITHUB).doesNotContain(AWS).doesNotContain(STRIPE)
                .doesNotContain(PASSWORD);
        // the documents are still there, with the secret replaced in their metadata
        String text = all.toString();
        assertThat(text).contains("leaky/<KEY>").contains("keys/<KEY>.py").contains("malformed_json");
        String ledger = EndToEndTest.rows(out.resolve("ledger")).toString();
        assertThat(ledger).contains("Unrecognized token '<KEY>'").contains("\"repo_name\":\"acme/<KEY>\"")
                .contains("\"path\":\"e/<KEY>.py\"");
        // The id is per occurrence (a hash of file, record, repo and path); the dump's blob_id is an annotation.
        JsonNode f = EndToEndTest.rows(out.resolve("data")).stream().filter(r -> r.get("path").asText().equals("f.py"))
                .findFirst().orElseThrow();
        assertThat(EndToEndTest.annotations(f).get("blob_id").asText()).isEqualTo("<KEY>");
        List<Object> repos = new ArrayList<>();
        EndToEndTest.JSON.readTree(out.resolve("manifest.json").toFile()).get("by_repository").fieldNames()
                .forEachRemaining(repos::add);
        assertThat(repos).containsExactly("acme/app", "acme/lic", "leaky/<KEY>");
        assertThat(EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile()).get("conservation_holds").asBoolean())
                .isTrue();
    }

    @Test
    void secretInAFileNameOfADirectoryInputReachesNoOutput(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("repo");
        Files.createDirectories(in.resolve("keys"));
        Files.writeString(in.resolve("keys").resolve(GITHUB + ".py"), "print('x')\n");
        Files.writeString(in.resolve("keys").resolve(AWS + ".bin"), "\u0000\u0001binary\u0000");
        Path out = tmp.resolve("out");
        int rc = Main.execute("run", in.toString(), "-o", out.toString(), "--threads", "1", "-q");
        assertThat(rc).as(console.stderr()).isZero();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            String text = readable(f);
            all.append(text);
            assertThat(text).as(out.relativize(f).toString()).doesNotContain(GITHUB).doesNotContain(AWS);
        }
        assertThat(all.toString()).contains("\"path\":\"<KEY>.py\"").contains("\"path\":\"<KEY>.bin\"");
        assertThat(console.stderr()).doesNotContain(GITHUB).doesNotContain(AWS);
    }

    @Test
    void errorMessageQuotingAnInputPathIsRedacted(@TempDir Path tmp) {
        Path missing = tmp.resolve(GITHUB).resolve("dump.jsonl");
        int rc = Main.execute("run", missing.toString(), "-o", tmp.resolve("out").toString(), "-q");
        assertThat(rc).isNotZero();
        assertThat(console.stderr()).contains("<KEY>").doesNotContain(GITHUB);
    }

    /** The file's text: Parquet rows through the project's reader, .zst decompressed, others as UTF-8. */
    static String readable(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(".parquet")) {
            return ParquetFormat.readRows(f).toString();
        }
        try (InputStream raw = Files.newInputStream(f);
             InputStream s = name.endsWith(".zst") ? new ZstdInputStream(raw) : raw) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
