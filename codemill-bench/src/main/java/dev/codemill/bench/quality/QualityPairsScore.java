package dev.codemill.bench.quality;

import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Re-scores a pairs set written by {@link QualityPairs} ({@code OUT/<lang>/<dimension>/{orig,deg}/NAME})
 * with the current constitution, text level and default, and prints the win-rate table: for
 * checking a rule change without degrading the files again.
 *
 * <pre>
 * java -cp ... dev.codemill.bench.quality.QualityPairsScore OUT
 * </pre>
 */
public final class QualityPairsScore {
    private QualityPairsScore() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        QualityScorer text = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        QualityScorer tree = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        System.out.println("| language | dimension | pairs | Codemill text | Codemill parse |");
        System.out.println("|---|---|---|---|---|");
        for (String[] lang : new String[][] {{"python", "Python"}, {"java", "Java"}}) {
            for (String dim : Degrader.names()) {
                Path dir = root.resolve(lang[0]).resolve(dim);
                if (!Files.isDirectory(dir.resolve("orig"))) {
                    continue;
                }
                List<Path> origs;
                try (Stream<Path> s = Files.list(dir.resolve("orig"))) {
                    origs = s.sorted().toList();
                }
                int n = 0;
                int winText = 0;
                int winTree = 0;
                for (Path o : origs) {
                    Path d = dir.resolve("deg").resolve(o.getFileName());
                    if (!Files.exists(d)) {
                        continue;
                    }
                    String a = Files.readString(o, StandardCharsets.UTF_8);
                    String b = Files.readString(d, StandardCharsets.UTF_8);
                    String name = o.getFileName().toString();
                    n++;
                    winText += text.score(a, name, lang[1]).score() > text.score(b, name, lang[1]).score() ? 1 : 0;
                    winTree += tree.score(a, name, lang[1]).score() > tree.score(b, name, lang[1]).score() ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f %% | %.0f %% |%n", lang[1], dim, n,
                        100.0 * winText / Math.max(1, n), 100.0 * winTree / Math.max(1, n));
            }
        }
    }
}
