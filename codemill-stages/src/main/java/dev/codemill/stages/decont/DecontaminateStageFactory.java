package dev.codemill.stages.decont;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recipe type {@code decontaminate}. Parameters:
 * <ul>
 *   <li>{@code benchmarks} — list of files or folders ({@link BenchmarkLoader}); default empty:
 *       the stage keeps everything and returns a warning ({@link DecontaminateStage#warnings()}: stats.json, stderr of {@code codemill run}). {@code codemill run --benchmarks}
 *       replaces this list.</li>
 *   <li>{@code ngram} — n-gram length in tokens, 1..64, default 10 (DeepSeek-Coder's 10-gram
 *       filter; Guo et al. 2024, §2.1).</li>
 *   <li>{@code threshold} — minimum share (0..1] of a part's distinct n-grams found in a
 *       document to drop it, default {@value #DEFAULT_THRESHOLD} (calibrated on planted variants
 *       and the clean real corpus, see {@code docs/decontamination.md}).</li>
 *   <li>{@code min_chars} — minimum whitespace-normalised length (UTF-16 chars) of a benchmark
 *       part to be matched at all, default {@value #DEFAULT_MIN_CHARS}: shorter parts
 *       ({@code return a + b}, BigCode's allow-list of generic HumanEval solutions) are too common
 *       to prove contamination.</li>
 *   <li>{@code identifiers} — run the identifier-abstracted pass ({@link AbstractedTokens}), default true.</li>
 *   <li>{@code identifier_threshold} — minimum identifier-abstracted share (0..1] to drop, default
 *       {@value #DEFAULT_IDENTIFIER_THRESHOLD} (calibrated, see {@code docs/decontamination.md}).</li>
 *   <li>{@code min_distinctive_ngrams} — absolute minimum of distinctive identifier-abstracted
 *       n-grams (n-grams with at least {@value AbstractedTokens#MIN_DISTINCTIVE_TOKENS} tokens that
 *       are numbers, strings or non-keyword names the text does not bind) a solution, test or
 *       program must have to take part in that pass, and a document must match to be dropped by
 *       it, default {@value #DEFAULT_MIN_DISTINCTIVE}: trivial solutions ({@code return a + b},
 *       {@code return sorted(l)}) never flag a file.</li>
 * </ul>
 * The factory checks that each benchmark path exists and is a readable file or folder and reads
 * none ({@code codemill validate} reads no data); the stage reads and indexes them in
 * {@link DecontaminateStage#loadData()} or on first use. Indexes are cached per (files with size and modification time, ngram, min_chars, min_distinctive_ngrams), so workers
 * that rebuild the stage share one index.
 */
public final class DecontaminateStageFactory implements StageFactory {
    public static final int DEFAULT_NGRAM = 10;
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final long DEFAULT_MIN_CHARS = 50;
    public static final double DEFAULT_IDENTIFIER_THRESHOLD = 0.8;
    public static final int DEFAULT_MIN_DISTINCTIVE = 8;

    private static final Map<String, BenchmarkIndex> CACHE = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return DecontaminateStage.NAME;
    }

    @Override
    public String description() {
        return "drop files containing benchmark items (HumanEval, HumanEval-X, MBPP layouts): exact substrings, "
                + "token n-gram share, identifier-abstracted n-gram share";
    }

    @Override
    public Stage create(Params params) {
        List<Path> paths = params.readablePaths("benchmarks"); // checked, not read: the stage reads them in loadData()
        int n = (int) params.integer("ngram", DEFAULT_NGRAM, 1, 64);
        double threshold = params.number("threshold", DEFAULT_THRESHOLD, 0.0, 1.0);
        if (threshold <= 0.0) {
            throw params.error("threshold", "must be above 0, got " + threshold);
        }
        long minChars = params.integer("min_chars", DEFAULT_MIN_CHARS, 0, Integer.MAX_VALUE);
        boolean identifiers = params.bool("identifiers", true);
        double identifierThreshold = params.number("identifier_threshold", DEFAULT_IDENTIFIER_THRESHOLD, 0.0, 1.0);
        if (identifierThreshold <= 0.0) {
            throw params.error("identifier_threshold", "must be above 0, got " + identifierThreshold);
        }
        int minDistinctive = (int) params.integer("min_distinctive_ngrams", DEFAULT_MIN_DISTINCTIVE, 1, 1_000_000);
        if (paths.isEmpty()) {
            return new DecontaminateStage((java.util.function.Supplier<BenchmarkIndex>) null, threshold,
                    identifierThreshold, identifiers, minChars);
        }
        return new DecontaminateStage(() -> index(paths, n, minChars, minDistinctive), threshold, identifierThreshold,
                identifiers, minChars);
    }

    /** Loads and indexes the benchmarks, or returns the cached index for the same inputs. */
    static BenchmarkIndex index(List<Path> paths, int n, long minChars, int minDistinctive) {
        StringBuilder key = new StringBuilder().append(n).append('|').append(minChars).append('|').append(minDistinctive);
        for (Path p : paths) {
            key.append('|').append(p.toAbsolutePath().normalize()).append(':').append(stamp(p));
        }
        return CACHE.computeIfAbsent(key.toString(), k -> {
            long t0 = System.nanoTime();
            BenchmarkLoader.Loaded loaded = BenchmarkLoader.load(paths);
            BenchmarkIndex index = BenchmarkIndex.build(loaded.parts(), n, minChars, minDistinctive);
            System.err.printf("codemill: decontaminate: %d items (%d parts, %d indexed) from %d files, %d objects skipped, "
                            + "%d distinct %d-grams (%d identifier-abstracted), %.2f s%n", loaded.items(), loaded.parts().size(),
                    index.parts().size(), loaded.files().size(), loaded.skipped(), index.literalNgrams(), n, index.abstractNgrams(), (System.nanoTime() - t0) / 1e9);
            return index;
        });
    }

    private static String stamp(Path p) {
        try {
            if (Files.isDirectory(p)) {
                StringBuilder sb = new StringBuilder();
                try (var s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(f -> sb.append(f).append(stampFile(f)));
                }
                return Integer.toHexString(sb.toString().hashCode());
            }
            return stampFile(p);
        } catch (IOException e) {
            throw new RecipeException("decontaminate: cannot read benchmark path " + p + ": " + e.getMessage());
        }
    }

    private static String stampFile(Path f) {
        try {
            return Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
