package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill files hold documents before redaction: only their owner may read them (issue 14 §4). */
class SpillStoreTest {
    @Test
    void spillFilesAreOwnerOnlyAndReadBackWhole(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Document d = Document.ofText(DocId.of("a"), new SourceRef("in", "r", "a.py"), "password = 'x'\n",
                dev.codemill.model.Annotations.EMPTY);
        try (SpillStore<Document> s = new SpillStore<>(dir.resolve("spill"), 2, SpillStore.DOCUMENTS)) {
            s.append("a", d);
            s.close();
            List<Path> files;
            try (var l = Files.list(dir.resolve("spill"))) {
                files = l.toList();
            }
            assertThat(files).hasSize(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0)))).isEqualTo("rw-------");
            List<Document> back = s.read(s.partitionOf("a"), false);
            assertThat(back).hasSize(1);
            assertThat(back.get(0).id()).isEqualTo(d.id());
            assertThat(back.get(0).text()).isEqualTo("password = 'x'\n");
        }
    }
}
