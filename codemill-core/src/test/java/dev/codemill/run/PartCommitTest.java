package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.testkit.LinesFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write of one partition into an attempt folder and the job-level commit (issue 18): the
 * committed parts do not depend on the order partitions were written, nor on a duplicate attempt
 * whose result the committer did not take; data parts roll over within a partition.
 */
class PartCommitTest {
    private static Document doc(String id, String text) {
        return Document.ofText(new DocId(id), new SourceRef("t", "repo", id + ".py"), text, Annotations.EMPTY);
    }

    private static List<Document> docs(String... ids) {
        List<Document> out = new ArrayList<>();
        for (String id : ids) {
            out.add(doc(id, "text of " + id));
        }
        return out;
    }

    @Test
    void aDuplicateAttemptIsNeverCommittedAndPartsFollowPartitions(@TempDir Path tmp) throws IOException {
        List<OutputFormat> formats = List.of(LinesFormat.idAndPath());
        Path attempts = tmp.resolve("parts");
        // partition 1 written first, then partition 0 twice (a retried task); the committer takes attempt "a2"
        PartitionWrite.Written p1 = PartitionWrite.write(formats, 20, attempts.resolve("p-00001-a1"), 1,
                docs("k", "j"), new ArrayList<>(List.of(new LedgerRow("x", "repo", "x.py", 0, "s", "r", "dropped",
                        null, null, null, null, null))), List.of(), true);
        PartitionWrite.write(formats, 20, attempts.resolve("p-00000-a0"), 0, docs("c", "a", "b"), new ArrayList<>(),
                List.of(), true);
        PartitionWrite.Written p0 = PartitionWrite.write(formats, 20, attempts.resolve("p-00000-a2"), 0,
                docs("b", "c", "a"), new ArrayList<>(), List.of(), true);
        Path root = tmp.resolve("out");
        PartCommit.Committed c = PartCommit.commit(root, formats, 20, List.of(p0, p1));
        // 9 content chars per document, roll-over once a part holds 20: a (9), b (18), c (27) share a part;
        // partition 1 starts a part of its own: [j k]
        assertThat(Files.readAllLines(root.resolve("data/part-00000.txt"))).containsExactly("a\ta.py", "b\tb.py", "c\tc.py");
        assertThat(Files.readAllLines(root.resolve("data/part-00001.txt"))).containsExactly("j\tj.py", "k\tk.py");
        assertThat(root.resolve("data/part-00002.txt")).doesNotExist();
        assertThat(c.data().get(0).shards).extracting(s -> s.rows).containsExactly(3L, 2L);
        // the ledger: partition 0 had none, partition 1 one row -> one part
        assertThat(Files.readAllLines(root.resolve("ledger/part-00000.txt"))).hasSize(1).allMatch(l -> l.contains("x"));
        assertThat(c.ledger().get(0).shards).hasSize(1);
        // the duplicate attempt's file stays where it was written, never renamed into the output
        assertThat(attempts.resolve("p-00000-a0/data/part-00000.txt")).exists();
        assertThat(p0.kept().kept()).isEqualTo(3);
        assertThat(p1.kept().kept()).isEqualTo(2);
    }

    @Test
    void aRollOverStaysInsideItsPartitionAndAnEmptyFolderGetsOneEmptyPart(@TempDir Path tmp) throws IOException {
        List<OutputFormat> formats = List.of(LinesFormat.idAndPath());
        PartitionWrite.Written p0 = PartitionWrite.write(formats, 10, tmp.resolve("p0"), 0, docs("b", "a", "c"),
                new ArrayList<>(), List.of(), false);
        PartitionWrite.Written p1 = PartitionWrite.write(formats, 10, tmp.resolve("p1"), 1, docs("d"),
                new ArrayList<>(), List.of(), false);
        Path root = tmp.resolve("out");
        PartCommit.commit(root, formats, 10, List.of(p0, p1));
        // 9 chars per document, roll-over at 10: a+b, c (partition 0), d (partition 1)
        assertThat(Files.readAllLines(root.resolve("data/part-00000.txt"))).containsExactly("a\ta.py", "b\tb.py");
        assertThat(Files.readAllLines(root.resolve("data/part-00001.txt"))).containsExactly("c\tc.py");
        assertThat(Files.readAllLines(root.resolve("data/part-00002.txt"))).containsExactly("d\td.py");
        assertThat(Files.readAllLines(root.resolve("ledger/part-00000.txt"))).isEmpty();
        assertThat(p0.kept()).isNull();
    }
}
