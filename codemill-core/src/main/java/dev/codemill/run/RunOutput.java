package dev.codemill.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.plan.Recipe;
import dev.codemill.run.mix.MixturePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes a run's outputs: data and ledger part files in every format, {@code manifest.json},
 * and the atomic publish of {@code data/}, {@code ledger/}, {@code manifest.json} and
 * {@code stats.json} (last) into OUT.
 *
 * <p>{@code manifest.json} (layout in {@code docs/output.md}): every shard per format with its
 * files and their sizes in bytes, documents and tokens per shard (tokens only for token
 * formats), total documents and tokens, documents and tokens per language ({@code language}
 * annotation, {@code "unknown"} when absent) and per repository, the tokenizer, the recipe in a
 * canonical JSON form (keys sorted), the SHA-256 of that JSON text, the seed, and
 * {@code mixture} (null: reserved for a mixture plan's per-group counts). Tokens are those of the
 * first token format in the recipe (EOS included); with none, the sum of the {@code num_tokens}
 * annotations of the {@code tokens} stage ({@code token_source} says which).
 */
final class RunOutput {
    /** Ledger part files roll over after this many rows. */
    static final int LEDGER_ROWS_PER_PART = 1_000_000;

    private final List<OutputFormat> formats;
    private final long partBytes;
    private final List<PartWriter> dataWriters = new ArrayList<>();
    private final List<PartWriter> ledgerWriters = new ArrayList<>();
    private MixturePlan mixture;
    private ReportSamples samples;

    RunOutput(List<OutputFormat> formats, long partBytes) {
        this.formats = List.copyOf(formats);
        this.partBytes = partBytes;
    }

    /**
     * Sets the mixture plan: token formats then get each document {@link MixturePlan#copies}
     * times (0 = left out), text formats every kept document once (the refined corpus).
     */
    void mixture(MixturePlan plan) {
        this.mixture = plan;
    }

    /**
     * Writes the kept documents into {@code staged/FOLDER} per format ({@link OutputFormat#folder()}):
     * partitions in order, each sorted by id. While one partition is
     * written (one task per format, in parallel), the next one is read and sorted.
     *
     * <p>With a mixture plan, token formats get the documents with at least one copy in this
     * pass; then, for e = 1 … max copies − 1, one more pass over the partitions writes the
     * documents with more than e copies. So the copies of a document are one epoch apart, never
     * side by side in a packed row, and each pass is in output order.
     */
    void writeData(SpillStore<Document> spill, int partitions, Path staged, RunStats stats, ExecutorService pool)
            throws IOException {
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : formats) {
            Path dir = staged.resolve(f.folder());
            Files.createDirectories(dir);
            writers.add(new PartWriter(dir, f, true));
        }
        dataWriters.addAll(writers);
        samples = new ReportSamples(stats);
        int maxCopies = mixture == null || writers.stream().noneMatch(PartWriter::tokenizing) ? 1
                : mixture.groups().stream().mapToInt(MixturePlan.GroupPlan::epochs).max().orElse(1);
        boolean keep = maxCopies > 1;
        Future<List<Document>> next = pool.submit(() -> sortedPartition(spill, 0, keep));
        for (int p = 0; p < partitions; p++) {
            List<Document> docs = LocalRunner.get(next);
            if (p + 1 < partitions) {
                int following = p + 1;
                next = pool.submit(() -> sortedPartition(spill, following, keep));
            }
            docs.forEach(stats::keptDocument);
            docs.forEach(samples::add);
            int[] copies = copies(docs);
            List<Future<?>> writes = new ArrayList<>();
            for (PartWriter w : writers) {
                boolean mixed = mixture != null && w.tokenizing();
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < docs.size(); i++) {
                        if (!mixed || copies[i] > 0) {
                            w.write(docs.get(i));
                        }
                    }
                    return null;
                }));
            }
            LocalRunner.await(writes);
        }
        List<PartWriter> mixedWriters = writers.stream().filter(w -> mixture != null && w.tokenizing()).toList();
        for (int epoch = 1; epoch < maxCopies && !mixedWriters.isEmpty(); epoch++) {
            for (int p = 0; p < partitions; p++) {
                List<Document> docs = sortedPartition(spill, p, epoch + 1 < maxCopies);
                int[] copies = copies(docs);
                int e = epoch;
                List<Future<?>> writes = new ArrayList<>();
                for (PartWriter w : mixedWriters) {
                    writes.add(pool.submit(() -> {
                        for (int i = 0; i < docs.size(); i++) {
                            if (copies[i] > e) {
                                w.write(docs.get(i));
                            }
                        }
                        return null;
                    }));
                }
                LocalRunner.await(writes);
            }
        }
        for (PartWriter w : writers) {
            w.close();
        }
    }

    private int[] copies(List<Document> docs) {
        int[] c = new int[docs.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = mixture == null ? 1 : mixture.copies(docs.get(i));
        }
        return c;
    }

    /** Writes {@code staged/examples.json} (the report's gallery), after {@link #writeData}. */
    void writeExamples(Path staged) throws IOException {
        if (samples != null) {
            writeAtomically(staged.resolve(EXAMPLES), samples.examplesJson());
        }
    }

    /** File name of the report's gallery examples next to stats.json. */
    static final String EXAMPLES = "examples.json";

    /** stats.json's bytes: the run's counters plus {@code mixture} (the plan, or null without one). */
    byte[] statsJson(RunStats stats, double wall, int threads, Map<String, Double> phases) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(stats.toMap(wall, threads, phases));
        m.put("mixture", mixture == null ? null : mixture.toMap());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
    }

    private static List<Document> sortedPartition(SpillStore<Document> spill, int p, boolean keep) throws IOException {
        List<Document> docs = spill.read(p, !keep);
        docs.sort(LocalRunner.DOC_ORDER);
        return docs;
    }

    void writeLedger(SpillStore<LedgerRow> ledger, int partitions, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : formats) {
            if (f.writesLedger()) {
                writers.add(new PartWriter(dir, f, false));
            }
        }
        ledgerWriters.addAll(writers);
        for (int p = 0; p < partitions; p++) {
            List<LedgerRow> part = ledger.read(p);
            part.sort(null);
            for (LedgerRow r : part) {
                for (PartWriter w : writers) {
                    w.write(r);
                }
            }
        }
        for (PartWriter w : writers) {
            w.close();
        }
    }

    /**
     * The part files of one format: {@code part-00000}, {@code part-00001}, … A data part rolls
     * over once it holds {@code partBytes} content chars, a ledger part after
     * {@link #LEDGER_ROWS_PER_PART} rows; the rule depends only on the rows, so every format
     * splits at the same rows. A {@link OutputFormat#singleFile()} format never rolls over.
     * Counts documents and tokens per part and per language and repository.
     */
    private final class PartWriter {
        private final Path dir;
        private final OutputFormat format;
        private final boolean data;
        private ShardWriter open;
        private int part = -1;
        private long filled;
        private final List<Shard> shards = new ArrayList<>();
        private final Map<String, long[]> byLanguage = new TreeMap<>();
        private final Map<String, long[]> byRepository = new TreeMap<>();
        private boolean tokensKnown = true;

        PartWriter(Path dir, OutputFormat format, boolean data) throws IOException {
            this.dir = dir;
            this.format = format;
            this.data = data;
            roll();
        }

        private void roll() throws IOException {
            if (open != null) {
                open.close();
            }
            part++;
            filled = 0;
            Path file = dir.resolve(format.partName(part));
            open = data ? format.openData(file) : format.openLedger(file);
            shards.add(new Shard(format.partFiles(file)));
        }

        void write(Document d) throws IOException {
            if (filled >= partBytes && !format.singleFile()) {
                roll();
            }
            long before = open instanceof OutputFormat.TokenCounter c ? c.tokensWritten() : 0;
            open.writeDocument(d);
            filled += d.isDecoded() ? d.text().length() : d.bytes().length;
            long tokens;
            if (open instanceof OutputFormat.TokenCounter c) {
                tokens = c.tokensWritten() - before;
            } else {
                Long n = d.annotations().get(Keys.NUM_TOKENS);
                tokensKnown &= n != null;
                tokens = n == null ? 0 : n;
            }
            Shard shard = shards.get(shards.size() - 1);
            shard.rows++;
            shard.tokens += tokens;
            String language = d.annotations().get(Keys.LANGUAGE);
            add(byLanguage, language == null ? "unknown" : language, tokens);
            add(byRepository, d.source().repoName(), tokens);
        }

        private static void add(Map<String, long[]> m, String key, long tokens) {
            long[] c = m.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += tokens;
        }

        void write(LedgerRow r) throws IOException {
            if (filled == LEDGER_ROWS_PER_PART && !format.singleFile()) {
                roll();
            }
            open.writeLedger(r);
            filled++;
            shards.get(shards.size() - 1).rows++;
        }

        void close() throws IOException {
            open.close();
        }

        boolean tokenizing() {
            return data && format.tokenizer() != null;
        }
    }

    /** One part: its files, rows (documents or ledger rows) and tokens. */
    private static final class Shard {
        final List<Path> files;
        long rows;
        long tokens;

        Shard(List<Path> files) {
            this.files = files;
        }
    }

    /** The HTML report's file name (written by the CLI's report module after publishing). */
    static final String REPORT = "report.html";

    /** Recipe keys as a recipe spells them (snake_case), so the manifest's recipe runs again as it is. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The recipe as canonical JSON: compact, object keys sorted; what {@code recipe_sha256} hashes. */
    static String canonicalRecipe(Recipe recipe) throws IOException {
        return CANONICAL.writeValueAsString(recipe);
    }

    /**
     * Writes {@code staged/manifest.json} after {@link #writeData} and {@link #writeLedger}
     * (the part files are closed, so their sizes are final).
     *
     * @param recipe the recipe the run used (after command-line changes), or null when unknown
     */
    void writeManifest(Path staged, Recipe recipe) throws IOException {
        Path outRoot = staged;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest_version", 1);
        PartWriter counting = null;
        for (PartWriter w : dataWriters) {
            if (w.tokenizing()) {
                counting = w;
                break;
            }
        }
        String source;
        if (counting != null) {
            source = counting.format.name();
        } else {
            counting = dataWriters.isEmpty() ? null : dataWriters.get(0);
            source = counting != null && counting.tokensKnown ? "num_tokens" : null;
        }
        m.put("tokenizer", counting != null && counting.tokenizing() ? counting.format.tokenizer() : null);
        m.put("token_source", source);
        m.put("seed", recipe == null ? null : recipe.seed());
        String recipeJson = recipe == null ? null : canonicalRecipe(recipe);
        m.put("recipe_sha256", recipeJson == null ? null : sha256(recipeJson));
        m.put("recipe", recipeJson == null ? null : CANONICAL.readTree(recipeJson));
        long docs = 0;
        long tokens = 0;
        if (counting != null) {
            for (Shard s : counting.shards) {
                docs += s.rows;
                tokens += s.tokens;
            }
        }
        m.put("documents", docs);
        m.put("total_tokens", source == null ? null : tokens);
        m.put("by_language", groups(counting, true, source != null));
        m.put("by_repository", groups(counting, false, source != null));
        m.put("mixture", mixture == null ? null : mixture.toMap());
        Map<String, Object> data = new LinkedHashMap<>();
        for (PartWriter w : dataWriters) {
            Map<String, Object> f = new LinkedHashMap<>(new TreeMap<>(w.format.describe()));
            f.put("shards", shards(outRoot, w, w.tokenizing()));
            data.put(w.format.name(), f);
        }
        m.put("data", data);
        Map<String, Object> ledger = new LinkedHashMap<>();
        for (PartWriter w : ledgerWriters) {
            ledger.put(w.format.name(), Map.of("shards", shards(outRoot, w, false)));
        }
        m.put("ledger", ledger);
        writeAtomically(staged.resolve("manifest.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    private static Map<String, Object> groups(PartWriter w, boolean language, boolean withTokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (w == null) {
            return out;
        }
        for (Map.Entry<String, long[]> e : (language ? w.byLanguage : w.byRepository).entrySet()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("documents", e.getValue()[0]);
            g.put("tokens", withTokens ? e.getValue()[1] : null);
            out.put(e.getKey(), g);
        }
        return out;
    }

    private static List<Object> shards(Path root, PartWriter w, boolean withTokens) throws IOException {
        List<Object> out = new ArrayList<>();
        for (Shard s : w.shards) {
            Map<String, Object> shard = new LinkedHashMap<>();
            List<Object> files = new ArrayList<>();
            for (Path f : s.files) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("path", root.relativize(f).toString().replace('\\', '/'));
                file.put("bytes", Files.size(f));
                files.add(file);
            }
            shard.put("files", files);
            shard.put(w.data ? "documents" : "rows", s.rows);
            if (w.data) {
                shard.put("tokens", withTokens ? s.tokens : null);
            }
            out.add(shard);
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves {@code staged/data}, {@code staged/ledger}, the other {@link #FOLDERS} and
     * {@code staged/manifest.json} (when written) into OUT, replacing old ones, then writes the
     * dataset card {@code README.md} ({@link DatasetCard}) and, last, stats.json.
     */
    static void publish(Path staged, Path outDir, byte[] statsJson) throws IOException {
        publish(staged, outDir, statsJson, List.of());
    }

    /**
     * {@link #publish(Path, Path, byte[])} that also moves the branch folders {@code staged/NAME}
     * into OUT ({@link BranchTee}), replacing old ones; the branch folders an earlier run listed in
     * its manifest ({@code branches}) and this run does not write are removed.
     */
    static void publish(Path staged, Path outDir, byte[] statsJson, List<String> branches) throws IOException {
        List<String> folders = new ArrayList<>(FOLDERS);
        for (String b : BranchOutputs.previous(outDir)) {
            if (!folders.contains(b)) {
                folders.add(b);
            }
        }
        for (String b : branches) {
            if (!folders.contains(b)) {
                folders.add(b);
            }
        }
        // stats.json marks a complete output: remove the old one first, so a run killed while
        // swapping data/ and ledger/ never leaves new data next to old stats (or the reverse).
        // The old report goes too: a run killed after the swap leaves no report of another run
        // (`codemill report OUT` rebuilds it from the new files).
        Files.deleteIfExists(outDir.resolve("stats.json"));
        Files.deleteIfExists(outDir.resolve(REPORT));
        Files.deleteIfExists(outDir.resolve("manifest.json"));
        Files.deleteIfExists(outDir.resolve(EXAMPLES));
        Files.deleteIfExists(outDir.resolve(DatasetCard.FILE));
        for (String name : folders) {
            Path target = outDir.resolve(name);
            Path old = outDir.resolve(".codemill-work").resolve("old-" + name);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(staged.resolve(name))) {
                Files.move(staged.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (Files.exists(staged.resolve("manifest.json"))) {
            Files.move(staged.resolve("manifest.json"), outDir.resolve("manifest.json"), StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(staged.resolve(EXAMPLES))) {
            Files.move(staged.resolve(EXAMPLES), outDir.resolve(EXAMPLES), StandardCopyOption.ATOMIC_MOVE);
        }
        DatasetCard.write(outDir, statsJson, branches);
        writeAtomically(outDir.resolve("stats.json"), statsJson);
    }

    /**
     * The folders a run replaces in OUT: {@code data/}, {@code ledger/} and the folders of the
     * formats that write elsewhere ({@code tokens/}, {@code review/}); a folder the new run does
     * not write is removed, so no output of an earlier run is left beside the new one.
     */
    static final List<String> FOLDERS = List.of(OutputFormat.DATA, OutputFormat.LEDGER, "tokens", "review");

    /**
     * Refuses to publish a run whose counts break {@code documents_in = kept + dropped + quarantined}
     * (documents lost or counted twice, e.g. spill files removed under the run): its output
     * cannot be trusted, so the previous OUT stays as it was.
     *
     * @throws IllegalStateException when the law does not hold (the CLI exits 4)
     */
    static void checkConservation(RunStats stats) {
        if (!stats.conservationHolds()) {
            throw new IllegalStateException("conservation law broken: " + stats.conservationReport()
                    + "; the output was not published");
        }
    }

    /** Writes a file through a temporary sibling and an atomic rename. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}
