package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.AggregateStage;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The embedded runner: runs a {@link RunPlan} over splits on a fixed pool of threads.
 *
 * <p>Flow: workers read splits and push each document through the {@link DocStage}s up to the
 * first {@link GroupStage} or {@link ClusterStage}; survivors are spilled to disk,
 * hash-partitioned by the group key ({@link ClusterPhase} for a cluster stage). Each partition
 * is then read back, grouped (groups sorted by key, documents by {@link DocOrder#ORDER}), handed
 * to the group stage, and the survivors continue the same way; group stages that group by the
 * same {@linkplain GroupStage#keyField() key field} with only doc stages between them run in one
 * such round ({@link GroupRound}). What the last stage keeps goes
 * to the {@link WriteTail}'s main folder; the plan's {@link AggregateStage}s then summarize
 * that kept spill (one summary per partition, merged in order); the tail writes data, ledger, manifest, examples and
 * stats.json (last). So memory is bounded by one partition, and the output is the same bytes
 * whatever the thread count.
 *
 * <p>Every run writes {@link Checkpoint} markers (per split, per phase, per branch) in its work
 * folder; with {@link #withResume} a run goes on from the markers a crashed run left, and writes
 * the same bytes as an uninterrupted one ({@code docs/reliability.md}, "Resume"). Aggregate
 * stages summarize the kept spill partition by partition after the chain, so their decisions
 * do not depend on an attempt.
 */
public final class LocalRunner {
    private final RunPlan plan;
    private final int threads;
    private final Progress progress;
    /** A nested run of one branch ({@link BranchTee}): no branches of its own. */
    private boolean branch;
    /** Built branches; null: built from the recipe's {@code branches} with the stage registry. */
    private List<BranchPlan> branchPlans;
    private boolean resume;
    private String resumed;

    /**
     * @param plan     stages, formats, part size, spill partitions and recipe
     * @param threads  worker threads (≥ 1)
     * @param progress counters for a progress display
     */
    public LocalRunner(RunPlan plan, int threads, Progress progress) {
        this.plan = plan;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /**
     * A run of {@code stages} without a recipe (manifest.json's recipe is null).
     *
     * @param partBytes       content bytes after which a data part rolls over
     * @param spillPartitions hash partitions; 0 chooses one per 32 MB of input, at least 16, at most 1024
     */
    public LocalRunner(List<Stage> stages, List<OutputFormat> formats, int threads, long partBytes,
                       int spillPartitions, Progress progress) {
        this(new RunPlan(null, stages, formats, partBytes, spillPartitions), threads, progress);
    }

    /**
     * Runs these branches (built by the caller, e.g. with stages that are not registered) instead
     * of building the recipe's {@code branches}.
     */
    public LocalRunner withBranches(List<BranchPlan> plans) {
        this.branchPlans = List.copyOf(plans);
        return this;
    }

    /**
     * Go on from the {@link Checkpoint} markers a crashed run into the same OUT left in its work
     * folder (CLI {@code --resume}); without markers the run starts from the beginning.
     */
    public LocalRunner withResume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** After {@link #run} with {@link #withResume}: what an earlier attempt had done, in words; null when nothing. */
    public String resumed() {
        return resumed;
    }

    /** This runner as the nested run of a branch ({@link BranchTee}): no branches of its own. */
    LocalRunner asBranch() {
        this.branch = true;
        return this;
    }

    private List<BranchPlan> branchPlans() {
        if (branch) {
            return List.of();
        }
        if (branchPlans != null) {
            return branchPlans;
        }
        return plan.recipe() == null ? List.of() : BranchPlan.of(plan.recipe(), dev.codemill.plan.PlanValidator.standard());
    }

    public RunResult run(List<Split> splits, Path outDir) throws IOException {
        long start = System.nanoTime();
        long totalBytes = Partitioning.totalBytes(splits);
        progress.totalBytes(totalBytes);
        int partitions = Partitioning.partitions(totalBytes, plan.spillPartitions());
        Files.createDirectories(outDir);
        List<BranchPlan> branches = branchPlans();
        String fingerprint = Checkpoint.fingerprint(plan, splits, partitions, branches);
        try (WorkDir workDir = WorkDir.open(outDir, resume && !branch);
             Checkpoint checkpoint = Checkpoint.open(workDir.path(), fingerprint, resume && !branch)) {
            RunResult result = run(splits, outDir, workDir.path(), start, partitions, branches, checkpoint);
            if (!branch) {
                WorkDir.deleteCheckpoints(outDir); // a failed Spark run's raw documents: spent once OUT is published
            }
            return result;
        }
    }

    private RunResult run(List<Split> splits, Path outDir, Path work, long start, int partitions,
                          List<BranchPlan> branches, Checkpoint checkpoint) throws IOException {
        RunStats stats = new RunStats();
        List<Segment> segments = Segment.of(plan.chain());
        boolean restored = checkpoint.restoreStats(stats); // counters of the last finished phase, warnings included
        resumed = checkpoint.resumes() ? checkpoint.summary(splits.size(), 1 + GroupRound.rounds(segments) + branches.size()) : null;
        for (Stage stage : restored ? List.<Stage>of() : plan.stages()) {
            for (String w : stage.warnings()) {
                stats.warning(stage.name(), w);
            }
        }
        ExecutorService pool = Futures.pool(threads, "codemill-worker");
        try (WriteTail tail = new WriteTail(plan, outDir, work, partitions)) {
            StageChain chain = new StageChain(stats, tail.main()::ledger);
            chain.note(segments.get(0).docStages(), 0); // splits run them on chains of their own
            BranchTee tee = new BranchTee(branches, work, partitions);
            Consumer<Document> kept = tee.tap(-1, tail.main()::keep);
            // Progress: reading, one phase per group/cluster stage, writing; documents reaching each boundary.
            int rounds = GroupRound.rounds(segments);
            progress.plan(rounds + 2);
            LongAdder[] reached = new LongAdder[segments.size()];
            java.util.Arrays.setAll(reached, i -> new LongAdder());
            Boundary current = boundary(segments.get(0), work.resolve("spill-0"), partitions, kept);
            Consumer<Document> sink0 = counted(current.sink(), reached[0]);
            progress.reading();
            if (checkpoint.phasesDone() < 0) { // splits an earlier attempt read are skipped
                read(splits, pool, checkpoint, stats, tail.main()::ledger,
                        c -> tee.build(c, segments.get(0).docStages(), 0, sink0));
            }
            int round = 0;
            for (int s = 0; s < segments.size() - 1; ) {
                // group stages by the same key field run in one spill round (GroupRound)
                int last = s + GroupRound.fusedAfter(segments, s);
                Segment seg = segments.get(s);
                Segment lastSeg = segments.get(last);
                Segment nextSeg = segments.get(last + 1);
                Boundary next = boundary(nextSeg, work.resolve("spill-" + (last + 1)), partitions, kept);
                Consumer<Document> after = tee.tap(lastSeg.boundaryIndex(), tee.build(chain, nextSeg.docStages(),
                        nextSeg.firstIndex(), counted(next.sink(), reached[last + 1])));
                StringBuilder name = new StringBuilder(seg.boundary().name());
                for (int f = s + 1; f <= last; f++) {
                    name.append('+').append(segments.get(f).boundary().name());
                }
                progress.phase(name.toString(), round + 2, reached[s].sum(), chain::decided);
                if (checkpoint.phasesDone() < last + 1) { // a round an earlier attempt finished is skipped
                    if (current instanceof Boundary.Spill spill) {
                        spill.finish(pool, new GroupRound(chain, tee, segments.subList(s, last + 1),
                                java.util.Arrays.copyOfRange(reached, s, last + 1), after));
                    } else {
                        current.finish(pool, chain, seg, after, stats);
                    }
                    checkpoint.phaseDone(last + 1, stats, work.resolve("spill-" + s));
                }
                current = next;
                s = last + 1;
                round++;
            }
            tail.main().close();
            List<AggregateStage.Decision> decisions = new ArrayList<>();
            for (AggregateStage<?> a : plan.aggregateStages()) {
                decisions.add(Aggregation.decide(a, tail.main().kept, pool));
            }
            List<String> branchNames = List.of();
            if (!tee.isEmpty()) {
                progress.phase("branches");
                branchNames = tee.run(plan, (b, in, dir) -> new LocalRunner(b, threads, new Progress()).asBranch().run(in, dir),
                        work.resolve("out"), stats, checkpoint, segments.size());
            }
            progress.phase("writing", rounds + 2, reached[segments.size() - 1].sum(), stats::kept);
            return tail.finish(stats, decisions, pool, progress, threads, start, branchNames);
        } finally {
            Futures.stop(pool);
        }
    }

    /**
     * Reads every split an earlier attempt did not finish through the consumer {@code headOf}
     * builds on the split's own chain ({@link Checkpoint#readSplit}), then writes the reading
     * phase's marker; counters are merged into {@code stats} in split order. At most 2 × threads
     * splits are queued or running, so the queue never grows with the corpus.
     */
    private void read(List<Split> splits, ExecutorService pool, Checkpoint checkpoint, RunStats stats,
                      StageChain.LedgerSink ledger, java.util.function.Function<StageChain, Consumer<Document>> headOf)
            throws IOException {
        checkpoint.beginReading(stats, splits.size());
        Semaphore slots = new Semaphore(2 * threads);
        List<Future<?>> reads = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            Split split = splits.get(i);
            int index = i;
            if (checkpoint.splitDone(index)) {
                progress.splitRead(split.sizeBytes());
                continue;
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            reads.add(pool.submit(() -> {
                try {
                    checkpoint.readSplit(index, split, progress, ledger, headOf);
                    progress.splitRead(split.sizeBytes());
                    return null;
                } finally {
                    slots.release();
                }
            }));
            reads.removeIf(f -> f.isDone() && !Futures.failed(f));
        }
        Futures.await(reads);
        checkpoint.readingDone(stats);
    }

    /** Where a segment's survivors go, and how its boundary stage then runs over them. */
    private sealed interface Boundary permits Boundary.Spill, Boundary.Cluster, Boundary.End {
        Consumer<Document> sink();

        void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after, RunStats stats)
                throws IOException;

        /** Documents spilled by group key; the group stage runs per key. */
        record Spill(SpillStore<Keyed> spill, GroupStage group) implements Boundary {
            @Override
            public Consumer<Document> sink() {
                return d -> {
                    String key = group.key(d);
                    spill.append(key, new Keyed(key, d));
                };
            }

            @Override
            public void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after,
                               RunStats stats) throws IOException {
                finish(pool, new GroupRound(chain, null, List.of(seg), new LongAdder[1], after));
            }

            /** Reads each partition back, groups it by key and runs every group through {@code round}. */
            void finish(ExecutorService pool, GroupRound round) throws IOException {
                spill.close();
                List<Future<?>> groups = new ArrayList<>();
                for (int p = 0; p < spill.partitions(); p++) {
                    int part = p;
                    groups.add(pool.submit(() -> {
                        Map<String, List<Document>> byKey = new TreeMap<>();
                        for (Keyed k : spill.read(part)) { // the key as computed once, before the spill
                            byKey.computeIfAbsent(k.key(), x -> new ArrayList<>()).add(k.doc());
                        }
                        for (Map.Entry<String, List<Document>> e : byKey.entrySet()) {
                            e.getValue().sort(DocOrder.ORDER);
                            round.run(e.getKey(), e.getValue());
                        }
                        return null;
                    }));
                }
                Futures.await(groups);
            }
        }

        /** Documents and their cluster memberships spilled for a cluster stage. */
        record Cluster(ClusterPhase phase) implements Boundary {
            @Override
            public Consumer<Document> sink() {
                return phase.sink();
            }

            @Override
            public void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after,
                               RunStats stats) throws IOException {
                phase.run(pool, chain, seg.boundaryIndex(), after, stats);
            }
        }

        /** The end of the chain: kept documents go to the write tail (and the aggregates). */
        record End(Consumer<Document> sink) implements Boundary {
            @Override
            public void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after,
                               RunStats stats) {
                throw new IllegalStateException("the last segment has no boundary stage");
            }
        }
    }

    /**
     * A spilled document with its group key, computed once before the spill (a content hash costs
     * a normalisation of the whole text: issue 20 §2); the key is written as UTF-16 chars, losslessly.
     */
    record Keyed(String key, Document doc) {
        static final SpillStore.Codec<Keyed> CODEC = new SpillStore.Codec<>() {
            @Override
            public void write(Keyed value, java.io.DataOutput out) throws IOException {
                String key = value.key();
                byte[] chars = new byte[2 * key.length()]; // writeChars' bytes (high byte first), in one write
                for (int i = 0; i < key.length(); i++) {
                    chars[2 * i] = (byte) (key.charAt(i) >>> 8);
                    chars[2 * i + 1] = (byte) key.charAt(i);
                }
                out.writeInt(key.length());
                out.write(chars);
                DocumentCodec.write(value.doc(), out);
            }

            @Override
            public Keyed read(java.io.DataInput in) throws IOException {
                int length = in.readInt();
                if (length < 0) {
                    throw new IOException("corrupt spill file: key length " + length);
                }
                byte[] chars = new byte[2 * length];
                in.readFully(chars);
                char[] key = new char[length];
                for (int i = 0; i < length; i++) {
                    key[i] = (char) ((chars[2 * i] & 0xff) << 8 | (chars[2 * i + 1] & 0xff));
                }
                return new Keyed(new String(key), DocumentCodec.read(in));
            }
        };
    }

    /** {@code sink}, counting the documents it gets into {@code n}. */
    private static Consumer<Document> counted(Consumer<Document> sink, LongAdder n) {
        return d -> {
            n.increment();
            sink.accept(d);
        };
    }

    /** The boundary after {@code seg}: its group or cluster stage, or the end of the chain ({@code kept}). */
    private static Boundary boundary(Segment seg, Path dir, int partitions, Consumer<Document> kept) throws IOException {
        if (seg.boundary() instanceof ClusterStage c) {
            return new Boundary.Cluster(new ClusterPhase(c, dir, partitions));
        }
        if (seg.boundary() instanceof GroupStage g) {
            return new Boundary.Spill(new SpillStore<>(dir, partitions, Keyed.CODEC), g);
        }
        return new Boundary.End(kept);
    }
}
