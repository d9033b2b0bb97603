package dev.codemill.spark.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing local temporary folders of this package. */
final class LocalTrees {
    private LocalTrees() {
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted stays (temporary files only). */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind; nothing reads it
                }
            });
        } catch (IOException ignored) {
            // the folder went away meanwhile
        }
    }
}
