package dev.codemill.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs are listed once (issue 18): each split of the driver's listing travels as a
 * {@link SplitRef}, Java-serialized as Spark ships it, and the executor's split rebuilt from it
 * has the driver's name and size and reads exactly the driver's documents, quarantines (with
 * their walk-time refusals) included, for local paths and {@code file://} URIs alike; a folder is
 * walked once, by the listing, never when a split is opened; a file input is planned again from
 * that one file only.
 */
class SplitRefTest {
    static final IngestOptions OPTS = new IngestOptions(100, 100, 3, "content", "path", "repo_name", "id");

    @Test
    void splitsShippedAsDataReadTheDriversDocumentsWithoutAWalk(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        write(in.resolve("b/z.py"), "print('z')\n");
        write(in.resolve("a/big.txt"), "x".repeat(150)); // over max_file_bytes 100
        write(in.resolve("a/lib/.git/HEAD"), "ref: refs/heads/main\n");
        write(in.resolve("a/lib/k.js"), "let k = 1;\n");
        write(in.resolve("a with space/q.py"), "q = 2\n");
        Files.createSymbolicLink(in.resolve("b/link.py"), in.resolve("b/z.py")); // refused by the walk: symlink
        write(in.resolve("ROOT.md"), "# root\n");
        for (int i = 0; i < 70; i++) { // two batches: 64 + 6
            write(in.resolve("many/f" + (100 + i) + ".c"), "int f" + i + ";\n");
        }
        Path repo = dir.resolve("repo"); // a root holding .git: one repository named after it, files not origin/repo/path
        write(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(repo.resolve("src/m.go"), "package m\n");
        Path dump = write(dir.resolve("d.jsonl"), "{\"content\": \"a = 1\\n\", \"path\": \"a.py\", \"repo_name\": \"r\"}\n{bad\n");
        Configuration conf = new Configuration();
        for (List<String> inputs : List.of(List.of(in.toString(), repo.toString(), dump.toString()),
                Locations.absolute(List.of(in.toUri().toString(), repo.toUri().toString(), dump.toUri().toString()), conf))) {
            long walks = Locations.folderWalks();
            Locations.Listing listing = Locations.list(inputs, OPTS, conf);
            assertThat(Locations.folderWalks() - walks).as("the listing walks each folder once").isEqualTo(2);
            assertThat(listing.splits()).hasSize(9); // a, a with space, a/lib, b, many #0, many #1, root files, repo, dump
            assertThat(listing.refs()).hasSize(listing.splits().size());
            List<String> all = new ArrayList<>();
            for (int i = 0; i < listing.splits().size(); i++) {
                Split driver = listing.splits().get(i);
                SplitRef ref = shipped(listing.refs().get(i));
                assertThat(ref.batch()).as(driver.name()).isEqualTo(!ref.input().endsWith("d.jsonl"));
                List<Split> fileSplits = ref.batch() ? List.of() : Locations.fileSplits(ref.input(), OPTS, conf);
                Split executor = ref.open(OPTS, () -> conf, fileSplits);
                assertThat(executor.name()).isEqualTo(driver.name());
                assertThat(executor.sizeBytes()).as(driver.name()).isEqualTo(driver.sizeBytes());
                List<String> docs = read(executor);
                assertThat(docs).as(driver.name()).isEqualTo(read(driver)).isNotEmpty();
                all.addAll(docs);
            }
            assertThat(Locations.folderWalks() - walks).as("opening the splits walks no folder").isEqualTo(2);
            List<String> noIds = all.stream().map(l -> l.substring(0, l.lastIndexOf(" #"))).toList();
            assertThat(noIds).hasSize(79).contains(
                    "quarantine a/big.txt too_large file of 150 bytes exceeds max_file_bytes 150 100",
                    "keep a with space/q.py q = 2", "keep a/lib/k.js let k = 1;", "keep /ROOT.md # root",
                    "keep repo/src/m.go package m", "keep many/f169.c int f69;", "keep r/a.py a = 1");
            if (!HadoopFs.isUri(inputs.get(0))) {
                assertThat(noIds).contains("quarantine b/link.py symlink");
            }
            assertThatThrownBy(() -> Locations.fileSplits(inputs.get(0), OPTS, conf))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a folder");
        }
    }

    @Test
    void aSplitWhoseNameChangedOnTheExecutorStopsTheTask(@TempDir Path dir) throws Exception {
        Path dump = write(dir.resolve("d.jsonl"), "{\"content\": \"a\", \"path\": \"a.py\", \"repo_name\": \"r\"}\n");
        Configuration conf = new Configuration();
        SplitRef ref = shipped(Locations.list(List.of(dump.toString()), OPTS, conf).refs().get(0));
        assertThatThrownBy(() -> ref.open(OPTS, () -> conf, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the inputs changed since the driver listed them");
    }

    /** Through Java serialization, as a task's partition data travels. */
    private static SplitRef shipped(SplitRef ref) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ref);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SplitRef) in.readObject();
        }
    }

    /** One line per document: outcome, id, repository/path, the content (kept) or the verdict (quarantined). */
    private static List<String> read(Split s) throws IOException {
        List<String> out = new ArrayList<>();
        s.read(new Emitter() {
            @Override
            public void keep(Document doc) {
                out.add("keep " + key(doc) + " " + (doc.isDecoded() ? doc.text() : new String(doc.bytes(),
                        StandardCharsets.UTF_8)).strip() + " #" + doc.id().value());
            }

            @Override
            public void drop(Document doc, Verdict why) {
                out.add("drop #" + doc.id().value());
            }

            @Override
            public void quarantine(Document doc, Verdict why) {
                out.add(("quarantine " + key(doc) + " " + why.rule() + " " + (why.rule().equals("too_large")
                        ? why.detail() + " " + why.value() + " " + why.limit() : "")).strip() + " #" + doc.id().value());
            }

            @Override
            public void modified(Document changed, List<Verdict> whys) {
                out.add("modified #" + changed.id().value());
            }
        });
        return out;
    }

    private static String key(Document doc) {
        return doc.source().repoName() + "/" + doc.source().path();
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }
}
