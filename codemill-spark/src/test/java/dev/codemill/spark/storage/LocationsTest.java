package dev.codemill.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.ExternalRunner;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs read through a Hadoop file system ({@code file://} here: the same files as a local path)
 * give the documents of the local readers: the folder rules of {@code DirectoryReader} (one
 * repository per top-level folder, a nested {@code .git} folder a repository of its own, root
 * files without a repository, name order, {@code too_large}, 64-file batches) and a JSONL dump
 * read by the local reader from its copy, origins set back to the URI.
 */
class LocationsTest {
    static final IngestOptions OPTS = new IngestOptions(100, 100, 3, "content", "path", "repo_name", "id");

    @Test
    void aFolderAndADumpReadThroughFileUrisGiveTheLocalDocuments(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("b/z.py"), "print('z')\n");
        write(in.resolve("b/a/y.py"), "print('y')\n");
        write(in.resolve("a/big.txt"), "x".repeat(150)); // over max_file_bytes 100
        write(in.resolve("a/lib/.git/HEAD"), "ref: refs/heads/main\n");
        write(in.resolve("a/lib/k.js"), "let k = 1;\n");
        write(in.resolve("ROOT.md"), "# root\n");
        for (int i = 0; i < 70; i++) { // two batches: 64 + 6
            write(in.resolve("many/f" + (100 + i) + ".c"), "int f" + i + ";\n");
        }
        Path dump = write(dir.resolve("d.jsonl"), "{\"content\": \"a = 1\\n\", \"path\": \"a.py\", \"repo_name\": \"r\"}\n{bad\n");
        Configuration conf = new Configuration();

        List<String> local = List.of(in.toString(), dump.toString());
        List<String> uris = Locations.absolute(List.of(in.toUri().toString(), dump.toUri().toString()), conf);
        assertThat(uris).containsExactly("file:" + in, "file:" + dump);
        List<Split> a = Locations.splits(local, OPTS, conf);
        List<Split> b = Locations.splits(uris, OPTS, conf);
        assertThat(a).hasSize(7); // a, a/lib, b, many #0, many #1, the root files, the dump
        assertThat(b).hasSize(a.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).sizeBytes()).as("split %s", a.get(i).name()).isEqualTo(a.get(i).sizeBytes());
            assertThat(b.get(i).name()).isEqualTo("file:" + a.get(i).name());
            assertThat(read(b.get(i), uris)).as("split %s", a.get(i).name()).isEqualTo(read(a.get(i), local));
        }
        List<String> all = new ArrayList<>();
        for (Split s : b) {
            all.addAll(read(s, uris));
        }
        assertThat(all.stream().map(l -> l.substring(0, l.indexOf(' ')) + l.substring(l.indexOf(' ', l.indexOf(' ') + 1)))
                .toList()).contains("quarantine a/big.txt too_large", "keep a/lib/k.js let k = 1;", "keep /ROOT.md # root",
                "keep r/a.py a = 1", "quarantine / malformed_json");
        // the same as Inputs (the local runner's listing) for the local paths
        List<Split> plain = Inputs.splits(List.of(in, dump), OPTS);
        assertThat(plain.stream().map(Split::name).toList()).isEqualTo(a.stream().map(Split::name).toList());
    }

    @Test
    void aMissingInputOrConnectorIsRefusedBeforeListing(@TempDir Path dir) {
        Configuration conf = new Configuration();
        assertThatThrownBy(() -> Locations.splits(List.of(dir.resolve("nope").toUri().toString()), OPTS, conf))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> Locations.splits(List.of("gs://bucket/corpus"), OPTS, conf))
                .isInstanceOf(ExternalRunner.UsageError.class).hasMessageContaining("gcs-connector");
        assertThat(HadoopFs.isUri("hdfs://nn:8020/x")).isTrue();
        assertThat(HadoopFs.isUri("file:/x")).isTrue();
        assertThat(HadoopFs.isUri("C:/x")).isFalse();
        assertThat(HadoopFs.isUri("corpus/hdfs:x")).isFalse();
    }

    /** One line per document: outcome, id, repository/path, and the content (kept) or the rule (quarantined). */
    private static List<String> read(Split s, List<String> origins) throws IOException {
        List<String> out = new ArrayList<>();
        s.read(new Emitter() {
            @Override
            public void keep(Document doc) {
                assertThat(origins).contains(doc.source().origin());
                out.add("keep " + doc.id().value() + " " + doc.source().repoName() + "/" + doc.source().path() + " "
                        + (doc.isDecoded() ? doc.text() : new String(doc.bytes(), StandardCharsets.UTF_8)).strip());
            }

            @Override
            public void drop(Document doc, Verdict why) {
                out.add("drop " + doc.id().value());
            }

            @Override
            public void quarantine(Document doc, Verdict why) {
                assertThat(origins).contains(doc.source().origin());
                out.add("quarantine " + doc.id().value() + " " + doc.source().repoName() + "/" + doc.source().path() + " "
                        + why.rule());
            }

            @Override
            public void modified(Document changed, List<Verdict> whys) {
                out.add("modified " + changed.id().value());
            }
        });
        return out;
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }
}
