package dev.codemill.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.AggregateStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The end of every run, on every runner: the kept documents and ledger rows of each
 * {@link OutputFolder} (the main output, and one per branch) in, then
 * <ol>
 *   <li>per folder: data parts in every format, partitions in order, each sorted by
 *       {@link DocOrder#ORDER} ({@link #writeData}); ledger parts sorted by (id, stage);
 *       {@code manifest.json};</li>
 *   <li>for the main output: {@code examples.json} (the report's gallery), the kept counts of
 *       stats.json;</li>
 *   <li>the conservation gate, the swap into OUT, the dataset card {@code README.md} and, last,
 *       {@code stats.json} ({@link Publisher}).</li>
 * </ol>
 * The aggregate stages' {@link AggregateStage.Decision decisions} are applied here: token
 * formats get each document {@link AggregateStage.Decision#copies} times (the product over the
 * decisions), their reports go to stats.json and manifest.json.
 *
 * <p>Memory: one partition of one folder (sorted) plus the next one being read. The files of a
 * run do not depend on how many threads, tasks or executors fed the folders.
 */
public final class WriteTail implements AutoCloseable {
    private final RunPlan plan;
    private final Path outDir;
    private final Path work;
    private final int partitions;
    private final OutputFolder main;
    private final Map<String, OutputFolder> branches = new LinkedHashMap<>();

    /**
     * @param plan       formats, part size and the recipe (for the manifest)
     * @param outDir     OUT
     * @param work       the run's work folder ({@link WorkDir}) for the spills and the staged output
     * @param partitions hash partitions of the spills ({@link Partitioning#partitions})
     */
    public WriteTail(RunPlan plan, Path outDir, Path work, int partitions) throws IOException {
        this.plan = plan;
        this.outDir = outDir;
        this.work = work;
        this.partitions = partitions;
        this.main = new OutputFolder("", work, partitions, tokenizers(plan));
    }

    /** The tokenizers of the plan's token formats (whose carried ids the folders keep). */
    private static java.util.Set<String> tokenizers(RunPlan plan) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (OutputFormat f : plan.formats()) {
            if (f.tokenizer() != null) {
                s.add(f.tokenizer());
            }
        }
        return s;
    }

    /** The main output (OUT itself). */
    public OutputFolder main() {
        return main;
    }

    /**
     * The folder {@code OUT/<name>/} of a branch, created on the first call: written like the main
     * output (data, ledger, manifest.json) and named in the dataset card.
     *
     * @throws IllegalArgumentException for a name that is not a plain folder name or is one of the main output's folders
     */
    public synchronized OutputFolder branch(String name) throws IOException {
        if (!name.matches("[a-z][a-z0-9_]*") || Publisher.FOLDERS.contains(name)) {
            throw new IllegalArgumentException("branch name '" + name + "': lower-case letters, digits and _, "
                    + "not one of " + Publisher.FOLDERS);
        }
        OutputFolder f = branches.get(name);
        if (f == null) {
            f = new OutputFolder(name, work, partitions, tokenizers(plan));
            branches.put(name, f);
        }
        return f;
    }

    /**
     * Writes every folder, publishes into OUT and returns the run's result. {@code progress}
     * gets the phases {@code writing}, {@code publishing} and {@code done}; stats.json records
     * its phase times ({@code run.phase_seconds}) and {@code threads}.
     *
     * @param stats      the run's counts; receives the kept-document counts here
     * @param decisions  the aggregate stages' decisions, in recipe order (none: every document once)
     * @param pool       threads for writing formats in parallel (not shut down here)
     * @param startNanos {@link System#nanoTime()} at the start of the run, for the wall time
     * @param stagedBranches branch folders already written complete under the staging folder
     *                   ({@code work/out/NAME}, by a nested run: {@link BranchTee}), published with the rest
     */
    public RunResult finish(RunStats stats, List<AggregateStage.Decision> decisions, ExecutorService pool,
                            Progress progress, int threads, long startNanos, List<String> stagedBranches) throws IOException {
        if (!"writing".equals(progress.phase())) {
            progress.phase("writing");
        }
        Path staged = work.resolve("out");
        Map<String, Object> reports = reports(decisions);
        main.close();
        ReportSamples samples = new ReportSamples(stats);
        write(main, staged, decisions, reports, d -> {
            stats.keptDocument(d);
            samples.add(d);
        }, pool);
        OutFiles.writeAtomically(staged.resolve(Publisher.EXAMPLES), samples.examplesJson());
        List<String> names = new ArrayList<>(stagedBranches);
        for (OutputFolder b : branches.values()) {
            b.close();
            write(b, staged.resolve(b.name()), List.of(), Map.of(), d -> { }, pool);
            names.add(b.name());
        }
        progress.phase("publishing");
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Publisher.checkConservation(stats);
        Publisher.publish(staged, outDir, names, statsJson(stats, wall, threads, progress.phaseSeconds(), reports));
        progress.phase("done");
        return new RunResult(stats, wall, outDir);
    }

    /** Closes every folder's spills (a run that failed before {@link #finish}); the work folder goes with {@link WorkDir}. */
    @Override
    public synchronized void close() throws IOException {
        main.close();
        for (OutputFolder b : branches.values()) {
            b.close();
        }
    }

    /** The decisions' reports by key, {@code mixture} first (null without a mixture plan). */
    static Map<String, Object> reports(List<AggregateStage.Decision> decisions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mixture", null);
        for (AggregateStage.Decision d : decisions) {
            m.put(d.reportKey(), d.report());
        }
        return m;
    }

    private void write(OutputFolder folder, Path root, List<AggregateStage.Decision> decisions,
                       Map<String, Object> reports, Consumer<Document> observer, ExecutorService pool) throws IOException {
        List<PartWriter> data = writeData(folder.kept, root, decisions, observer, pool);
        List<PartWriter> ledger = writeLedger(folder.ledger, root.resolve(OutputFormat.LEDGER));
        Manifest.write(root, data, ledger, plan.recipe(), reports);
    }

    /**
     * Writes the kept documents into {@code root/FOLDER} per format ({@link OutputFormat#folder()}):
     * partitions in order, each sorted by {@link DocOrder#ORDER}. While one partition is written
     * (one task per format, in parallel), the next one is read and sorted.
     *
     * <p>With decisions, token formats get the documents with at least one copy in this pass;
     * then, for e = 1 … max copies − 1, one more pass over the partitions writes the documents
     * with more than e copies. So the copies of a document are one epoch apart, never side by
     * side in a packed row, and each pass is in output order.
     */
    private List<PartWriter> writeData(SpillStore<Document> spill, Path root, List<AggregateStage.Decision> decisions,
                                       Consumer<Document> observer, ExecutorService pool) throws IOException {
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : plan.formats()) {
            Path dir = root.resolve(f.folder());
            Files.createDirectories(dir);
            writers.add(new PartWriter(dir, f, true, plan.partBytes()));
        }
        boolean decided = !decisions.isEmpty();
        List<PartWriter> copying = writers.stream().filter(w -> decided && w.tokenizing()).toList();
        int maxCopies = 1;
        if (!copying.isEmpty()) {
            for (AggregateStage.Decision d : decisions) {
                maxCopies *= d.maxCopies();
            }
        }
        boolean keep = maxCopies > 1;
        Future<List<Document>> next = pool.submit(() -> sortedPartition(spill, 0, keep));
        for (int p = 0; p < partitions; p++) {
            List<Document> docs = Futures.get(next);
            if (p + 1 < partitions) {
                int following = p + 1;
                next = pool.submit(() -> sortedPartition(spill, following, keep));
            }
            docs.forEach(observer);
            int[] copies = copies(docs, decisions);
            List<Future<?>> writes = new ArrayList<>();
            for (PartWriter w : writers) {
                boolean copied = copying.contains(w);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < docs.size(); i++) {
                        if (!copied || copies[i] > 0) {
                            w.write(docs.get(i));
                        }
                    }
                    return null;
                }));
            }
            Futures.await(writes);
        }
        for (int epoch = 1; epoch < maxCopies; epoch++) {
            for (int p = 0; p < partitions; p++) {
                List<Document> docs = sortedPartition(spill, p, epoch + 1 < maxCopies);
                int[] copies = copies(docs, decisions);
                int e = epoch;
                List<Future<?>> writes = new ArrayList<>();
                for (PartWriter w : copying) {
                    writes.add(pool.submit(() -> {
                        for (int i = 0; i < docs.size(); i++) {
                            if (copies[i] > e) {
                                w.write(docs.get(i));
                            }
                        }
                        return null;
                    }));
                }
                Futures.await(writes);
            }
        }
        for (PartWriter w : writers) {
            w.close();
        }
        return writers;
    }

    private static int[] copies(List<Document> docs, List<AggregateStage.Decision> decisions) {
        int[] c = new int[docs.size()];
        for (int i = 0; i < c.length; i++) {
            int n = 1;
            for (AggregateStage.Decision d : decisions) {
                n *= d.copies(docs.get(i));
            }
            c[i] = n;
        }
        return c;
    }

    private static List<Document> sortedPartition(SpillStore<Document> spill, int p, boolean keep) throws IOException {
        List<Document> docs = spill.read(p, !keep);
        docs.sort(DocOrder.ORDER);
        return docs;
    }

    private List<PartWriter> writeLedger(SpillStore<LedgerRow> ledger, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : plan.formats()) {
            if (f.writesLedger()) {
                writers.add(new PartWriter(dir, f, false, plan.partBytes()));
            }
        }
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
        return writers;
    }

    /** stats.json's bytes: the run's counters plus the decisions' reports ({@code mixture}: null without one). */
    private static byte[] statsJson(RunStats stats, double wall, int threads, Map<String, Double> phases,
                                    Map<String, Object> reports) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(stats.toMap(wall, threads, phases));
        m.putAll(reports);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
    }
}
