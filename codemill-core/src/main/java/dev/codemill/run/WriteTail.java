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
 *   <li>per folder: each hash partition of the kept documents and ledger rows written into its
 *       own parts ({@link PartitionWrite}: sorted by {@link DocOrder#ORDER}, ledger by (id,
 *       stage)), then committed ({@link PartCommit}: the parts renamed, partitions in order, to
 *       {@code part-00000…}); {@code manifest.json} from the parts' counts;</li>
 *   <li>for the main output: {@code examples.json} (the report's gallery), the kept counts of
 *       stats.json;</li>
 *   <li>the conservation gate, the swap into OUT, the dataset card {@code README.md} and, last,
 *       {@code stats.json} ({@link Publisher}).</li>
 * </ol>
 * The aggregate stages' {@link AggregateStage.Decision decisions} are applied here: token
 * formats get each document {@link AggregateStage.Decision#copies} times (the product over the
 * decisions), their reports go to stats.json and manifest.json.
 *
 * <p>Memory: one partition per writing thread. The files of a run do not depend on how many
 * threads, tasks or executors fed or wrote the folders: the Spark runner writes the partitions
 * in its tasks and hands their results to {@link #publish}.
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
     * @param pool       threads that write the partitions in parallel (not shut down here)
     * @param startNanos {@link System#nanoTime()} at the start of the run, for the wall time
     * @param stagedBranches branch folders already written complete under the staging folder
     *                   ({@code work/out/NAME}, by a nested run: {@link BranchTee}), published with the rest
     */
    public RunResult finish(RunStats stats, List<AggregateStage.Decision> decisions, ExecutorService pool,
                            Progress progress, int threads, long startNanos, List<String> stagedBranches) throws IOException {
        if (!"writing".equals(progress.phase())) {
            progress.phase("writing");
        }
        main.close();
        List<PartitionWrite.Written> written = writePartitions(main, decisions, true, pool);
        return publish(stats, decisions, written, progress, threads, startNanos, stagedBranches, pool);
    }

    /**
     * The end of a run whose main output was written partition by partition elsewhere (a Spark
     * job's tasks, {@link PartitionWrite} into folders under {@link #partsDir()}): commits those
     * parts, writes the branch folders filed here, examples.json, manifest.json, and publishes.
     *
     * @param written the main output's partitions, in partition order (every partition once)
     */
    public RunResult publish(RunStats stats, List<AggregateStage.Decision> decisions, List<PartitionWrite.Written> written,
                             Progress progress, int threads, long startNanos, List<String> stagedBranches,
                             ExecutorService pool) throws IOException {
        if (!"writing".equals(progress.phase())) {
            progress.phase("writing");
        }
        for (int p = 0; p < written.size(); p++) {
            if (written.get(p).partition() != p) {
                throw new IllegalStateException("partition " + p + " missing or out of order: got "
                        + written.get(p).partition());
            }
        }
        Path staged = work.resolve("out");
        Map<String, Object> reports = reports(decisions);
        ReportSamples samples = new ReportSamples(stats);
        for (PartitionWrite.Written w : written) {
            stats.merge(w.kept());
            for (byte[] b : w.samples()) {
                samples.offer(DocumentCodec.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(b))));
            }
        }
        commit(staged, written, reports);
        OutFiles.writeAtomically(staged.resolve(Publisher.EXAMPLES), samples.examplesJson());
        List<String> names = new ArrayList<>(stagedBranches);
        for (OutputFolder b : branches.values()) {
            b.close();
            commit(staged.resolve(b.name()), writePartitions(b, List.of(), false, pool), Map.of());
            names.add(b.name());
        }
        progress.phase("publishing");
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Publisher.checkConservation(stats);
        Publisher.publish(staged, outDir, names, statsJson(stats, wall, threads, progress.phaseSeconds(), reports));
        progress.phase("done");
        return new RunResult(stats, wall, outDir);
    }

    /** The folder under which partitions are written before the commit ({@link PartitionWrite}); one sub-folder per attempt. */
    public Path partsDir() {
        return work.resolve("parts");
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

    /** Renames the partitions' parts into {@code root} and writes its manifest.json. */
    private void commit(Path root, List<PartitionWrite.Written> written, Map<String, Object> reports) throws IOException {
        PartCommit.Committed c = PartCommit.commit(root, plan.formats(), plan.partBytes(), written);
        Manifest.write(root, plan.formats(), c.data(), c.ledger(), plan.recipe(), reports);
    }

    /**
     * Writes each partition of {@code folder}'s spills ({@link PartitionWrite}) on {@code pool}:
     * one partition per task, so memory holds at most one partition per thread.
     */
    private List<PartitionWrite.Written> writePartitions(OutputFolder folder, List<AggregateStage.Decision> decisions,
                                                         boolean observe, ExecutorService pool) throws IOException {
        Path dir = partsDir().resolve(folder.name().isEmpty() ? "main" : "branch-" + folder.name());
        List<Future<PartitionWrite.Written>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int part = p;
            parts.add(pool.submit(() -> PartitionWrite.write(plan.formats(), plan.partBytes(),
                    dir.resolve(String.format("p-%05d", part)), part, folder.kept.read(part), folder.ledger.read(part),
                    decisions, observe)));
        }
        List<PartitionWrite.Written> out = new ArrayList<>();
        for (Future<PartitionWrite.Written> f : parts) {
            out.add(Futures.get(f));
        }
        return out;
    }

    /** stats.json's bytes: the run's counters plus the decisions' reports ({@code mixture}: null without one). */
    private static byte[] statsJson(RunStats stats, double wall, int threads, Map<String, Double> phases,
                                    Map<String, Object> reports) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(stats.toMap(wall, threads, phases));
        m.putAll(reports);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
    }
}
