package dev.codemill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The regular files under a benchmark's input folder, in sorted path order (the order every bench reads them in). */
final class BenchFiles {
    private BenchFiles() {
    }

    static List<Path> under(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
