package dev.codemill.bench;

import dev.codemill.stages.analysis.lang.HeuristicRules;
import dev.codemill.stages.detect.LanguageDetector;
import dev.codemill.stages.analysis.lang.LanguageTable;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Language identification on a folder tree: writes one row per text file
 * ({@code relative path, language, evidence}) for comparison with GitHub linguist
 * ({@code codemill-bench/scripts/language_agreement.py}), and measures detection throughput
 * (files/s of {@link LanguageDetector#detect}, texts already in memory, best of the repeats).
 *
 * <p>Usage: {@code LanguageIdMeasure TREE OUT.tsv [REPEATS] [TABLE_DIR]}; with {@code TABLE_DIR}
 * the table is read from {@code languages.tsv}, {@code ambiguous.tsv} and (if present)
 * {@code heuristics.tsv} there instead of the built-in one (to time an older table with the same
 * code). Files over 1 MiB, symlinks and files with a NUL byte in their first 8 KiB are skipped;
 * text is decoded as UTF-8 with replacement.
 */
public final class LanguageIdMeasure {
    private LanguageIdMeasure() {
    }

    public static void main(String[] args) throws IOException {
        Path tree = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        LanguageTable table = args.length > 3 ? load(Path.of(args[3])) : LanguageTable.defaults();
        LanguageDetector detector = new LanguageDetector(table, Map.of(), true);
        List<String> paths = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(p) > (1 << 20)) {
                    continue;
                }
                byte[] b = Files.readAllBytes(p);
                boolean binary = false;
                for (int i = 0; i < Math.min(b.length, 8192); i++) {
                    if (b[i] == 0) {
                        binary = true;
                        break;
                    }
                }
                if (!binary) {
                    paths.add(tree.relativize(p).toString().replace('\\', '/'));
                    texts.add(new String(b, StandardCharsets.UTF_8));
                }
            }
        }
        long best = Long.MAX_VALUE;
        LanguageDetector.Detection[] found = new LanguageDetector.Detection[paths.size()];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < found.length; i++) {
                found[i] = detector.detect(paths.get(i), texts.get(i));
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < found.length; i++) {
                w.write(paths.get(i) + "\t" + found[i].language() + "\t" + found[i].evidence() + "\n");
            }
        }
        System.out.printf("%s: %d languages, %d text files, best of %d: %.1f ms, %.0f files/s%n", table,
                table.languages().size(), found.length, repeats, best / 1e6, found.length / (best / 1e9));
    }

    private static LanguageTable load(Path dir) throws IOException {
        Path h = dir.resolve("heuristics.tsv");
        try (Reader l = Files.newBufferedReader(dir.resolve("languages.tsv"));
             Reader a = Files.newBufferedReader(dir.resolve("ambiguous.tsv"))) {
            HeuristicRules rules = HeuristicRules.NONE;
            if (Files.exists(h)) {
                try (Reader r = Files.newBufferedReader(h)) {
                    rules = HeuristicRules.parse(r);
                }
            }
            return LanguageTable.parse(l, a, rules);
        }
    }
}
