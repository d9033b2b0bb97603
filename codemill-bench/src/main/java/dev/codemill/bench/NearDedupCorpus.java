package dev.codemill.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the Python standard libraries of the medium real corpus ({@code cpython-*} folders of
 * {@code ../shared/tools/real-corpus.py … medium}): one entry per regular file, with its version
 * folder, its path relative to that folder and its text (UTF-8, malformed bytes replaced).
 */
final class NearDedupCorpus {
    /** Default location of the medium corpus on the bench machine. */
    static final String DEFAULT_ROOT = "/tmp/codemill-bench/corpus-medium";

    record Doc(String version, String relPath, String text, int bytes) {
    }

    private NearDedupCorpus() {
    }

    /** All files of the {@code cpython-*} folders under {@code root}, sorted by version then path. */
    static List<Doc> load(Path root) throws IOException {
        List<Path> versions;
        try (Stream<Path> s = Files.list(root)) {
            versions = s.filter(p -> p.getFileName().toString().startsWith("cpython-") && Files.isDirectory(p))
                    .sorted().toList();
        }
        if (versions.isEmpty()) {
            throw new IOException("no cpython-* folder under " + root);
        }
        List<Doc> docs = new ArrayList<>();
        for (Path v : versions) {
            List<Path> files = BenchFiles.under(v);
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                docs.add(new Doc(v.getFileName().toString(), v.relativize(f).toString(), decode(b), b.length));
            }
        }
        return docs;
    }

    static String decode(byte[] b) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return d.decode(ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
