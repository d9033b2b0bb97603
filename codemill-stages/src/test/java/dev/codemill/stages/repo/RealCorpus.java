package dev.codemill.stages.repo;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The small real corpus ({@code shared/tools/real-corpus.py DIR small}, built once per test JVM by the test kit) read as repositories. */
public final class RealCorpus {
    private RealCorpus() {
    }

    /** The small real corpus of this test JVM ({@link dev.codemill.testkit.RealCorpus#small()}). */
    public static Path small() throws IOException, InterruptedException {
        return dev.codemill.testkit.RealCorpus.small();
    }

    /** Repository name → its UTF-8 files (language by extension), paths sorted; files not valid UTF-8 are skipped. */
    public static Map<String, List<SourceFile>> repositories(Path corpus) throws IOException {
        Map<String, List<SourceFile>> out = new TreeMap<>();
        try (Stream<Path> repos = Files.list(corpus)) {
            for (Path repo : repos.filter(Files::isDirectory).sorted().toList()) {
                List<SourceFile> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(repo)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String text = utf8(Files.readAllBytes(f));
                        if (text != null) {
                            String rel = repo.relativize(f).toString().replace('\\', '/');
                            files.add(new SourceFile(rel, RepoFiles.importLanguage(rel), text));
                        }
                    }
                }
                out.put(repo.getFileName().toString(), files);
            }
        }
        return out;
    }

    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
