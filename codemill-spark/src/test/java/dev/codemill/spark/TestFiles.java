package dev.codemill.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Spark tests' small input trees and output listings. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code p}, creating its folders. */
    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Every regular file under {@code out}, relative to it, sorted. */
    static List<Path> files(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(Files::isRegularFile).map(out::relativize).sorted().toList();
        }
    }
}
