package dev.codemill.stages.detect;

import dev.codemill.testkit.SharedData;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

final class TestDocs {
    private TestDocs() {
    }

    static Path shared() {
        return SharedData.path(".");
    }

    static Path caseDir(String name) {
        return shared().resolve("cases").resolve(name);
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static Document doc(String path, String text) {
        return Document.ofText(DocId.of(path), new SourceRef("test", "repo", path), text, Annotations.EMPTY);
    }
}
