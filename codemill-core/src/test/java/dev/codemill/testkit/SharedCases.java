package dev.codemill.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files of the shared, read-only case folders ({@code ../shared/cases}) in place. */
public final class SharedCases {
    private SharedCases() {
    }

    public static Path root() {
        return SharedData.path(".").toAbsolutePath().normalize();
    }

    public static Path caseDir(String prefix) throws IOException {
        try (var s = Files.list(root().resolve("cases"))) {
            return s.filter(d -> d.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IOException("no case " + prefix + " under " + root()));
        }
    }

    public static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
