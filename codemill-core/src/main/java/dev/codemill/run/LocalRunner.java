package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.run.mix.MixTally;
import dev.codemill.run.mix.MixturePlanner;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded runner: runs a recipe's stages over splits on a fixed pool of threads.
 *
 * <p>Flow: workers read splits and push each document through the {@link DocStage}s up to the
 * first {@link GroupStage}; survivors are spilled to disk, hash-partitioned by the group key.
 * Each partition is then read back, grouped (groups sorted by key, documents by id), handed to
 * the group stage, and the survivors continue the same way. The last spill is partitioned by
 * document id; partitions are written out in order, each sorted by id, into {@code data/part-NNNNN.*}
 * files that roll over every {@code partBytes} content bytes. Ledger rows are spilled by id and
 * written sorted by (id, stage). So memory is bounded by one partition, and the output is the
 * same bytes whatever the thread count.
 *
 * <p>Outputs are built under {@code OUT/.codemill-work} and moved into place at the end;
 * {@code stats.json} is written last, through a temporary file and a rename ({@link RunOutput}).
 */
public final class LocalRunner {
    /**
     * Order of documents in a group and in a data partition: by id, then (ids need not be unique:
     * a dump's {@code blob_id}, one file reached twice) by origin, repository, path and content,
     * so that ties never fall back on the order in which threads spilled them.
     */
    static final Comparator<Document> DOC_ORDER = Comparator.comparing(Document::id)
            .thenComparing(d -> d.source().origin()).thenComparing(d -> d.source().repoName())
            .thenComparing(d -> d.source().path()).thenComparing(LocalRunner::compareContent);

    private static int compareContent(Document a, Document b) {
        if (a.isDecoded() && b.isDecoded()) {
            return a.text().compareTo(b.text());
        }
        if (a.isDecoded() != b.isDecoded()) {
            return a.isDecoded() ? 1 : -1;
        }
        return java.util.Arrays.compare(a.bytes(), b.bytes());
    }

    private final List<Stage> stages;
    private final List<OutputFormat> formats;
    private final int threads;
    private final long partBytes;
    private final int fixedPartitions;
    private final Progress progress;
    private dev.codemill.plan.Recipe recipe;

    /**
     * @param stages          built stages in recipe order
     * @param formats         output formats (at least one)
     * @param threads         worker threads (≥ 1)
     * @param partBytes       content bytes after which a data part rolls over
     * @param spillPartitions hash partitions; 0 chooses one per 32 MB of input, at least 16, at most 1024
     * @param progress        counters for a progress display
     */
    public LocalRunner(List<Stage> stages, List<OutputFormat> formats, int threads, long partBytes,
                       int spillPartitions, Progress progress) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        this.stages = List.copyOf(stages);
        this.formats = List.copyOf(formats);
        this.threads = Math.max(1, threads);
        this.partBytes = partBytes;
        this.fixedPartitions = spillPartitions;
        this.progress = progress;
    }

    /** Records {@code recipe} (canonical JSON, its SHA-256, the seed) in {@code OUT/manifest.json}. */
    public LocalRunner withRecipe(dev.codemill.plan.Recipe recipe) {
        this.recipe = recipe;
        return this;
    }

    private List<Segment> segments() {
        return Segment.of(stages);
    }

    public RunResult run(List<Split> splits, Path outDir) throws IOException {
        long start = System.nanoTime();
        long totalBytes = Distributed.totalBytes(splits);
        progress.totalBytes(totalBytes);
        int partitions = Distributed.partitions(totalBytes, fixedPartitions);

        Files.createDirectories(outDir);
        try (WorkDir workDir = WorkDir.create(outDir)) {
            return run(splits, outDir, workDir.path(), start, partitions);
        }
    }

    private RunResult run(List<Split> splits, Path outDir, Path work, long start, int partitions) throws IOException {
        RunStats stats = new RunStats();
        for (Stage stage : stages) {
            for (String w : stage.warnings()) {
                stats.warning(stage.name(), w);
            }
        }
        List<Segment> segments = segments();
        // The mixture planner counts every kept document as it reaches the last spill.
        MixTally tally = recipe == null || recipe.mix() == null ? null : new MixTally(recipe.mix(), recipe.seed());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "codemill-worker");
            t.setDaemon(true);
            return t;
        });
        try (SpillStore<LedgerRow> ledger = new SpillStore<>(work.resolve("ledger"), partitions, SpillStore.LEDGER)) {
            StageChain chain = new StageChain(stats, row -> ledger.append(row.id(), row));
            // Progress: reading, one phase per group/cluster stage, writing; documents reaching each boundary.
            progress.plan(segments.size() + 1);
            LongAdder[] reached = new LongAdder[segments.size()];
            java.util.Arrays.setAll(reached, i -> new LongAdder());
            Boundary current = boundary(segments.get(0), work.resolve("spill-0"), partitions, tally);
            Consumer<Document> head = chain.build(segments.get(0).docStages(), 0, counted(current.sink(), reached[0]));
            progress.reading();
            // At most 2 × threads splits are queued or running: the queue never grows with the corpus.
            Semaphore slots = new Semaphore(2 * threads);
            List<Future<?>> reads = new ArrayList<>();
            for (Split split : splits) {
                acquire(slots);
                reads.add(pool.submit(() -> {
                    try {
                        split.read(chain.ingest(progress, head));
                        progress.splitRead(split.sizeBytes());
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
                reads.removeIf(f -> f.isDone() && !failed(f));
            }
            await(reads);

            for (int s = 0; s < segments.size() - 1; s++) {
                Segment seg = segments.get(s);
                Segment nextSeg = segments.get(s + 1);
                Boundary next = boundary(nextSeg, work.resolve("spill-" + (s + 1)), partitions, tally);
                Consumer<Document> after = chain.build(nextSeg.docStages(), nextSeg.firstIndex(),
                        counted(next.sink(), reached[s + 1]));
                progress.phase(seg.boundary().name(), s + 2, reached[s].sum(), chain::decided);
                current.finish(pool, chain, seg, after, stats);
                current = next;
            }
            ledger.close();
            progress.phase("writing", segments.size() + 1, reached[segments.size() - 1].sum(), stats::kept);
            Path staged = work.resolve("out");
            SpillStore<Document> kept = ((Boundary.Spill) current).spill();
            kept.close();
            RunOutput output = new RunOutput(formats, partBytes);
            if (tally != null) {
                output.mixture(MixturePlanner.plan(tally));
            }
            output.writeData(kept, partitions, staged, stats, pool);
            output.writeExamples(staged);
            output.writeLedger(ledger, partitions, staged.resolve("ledger"));
            output.writeManifest(staged, recipe);
            progress.phase("publishing");
            double wall = (System.nanoTime() - start) / 1e9;
            RunOutput.checkConservation(stats);
            RunOutput.publish(staged, outDir, output.statsJson(stats, wall, threads, progress.phaseSeconds()));
            progress.phase("done");
            return new RunResult(stats, wall, outDir);
        } finally {
            stop(pool);
        }
    }

    /** Where a segment's survivors go, and how its boundary stage then runs over them. */
    private sealed interface Boundary permits Boundary.Spill, Boundary.Cluster {
        Consumer<Document> sink();

        void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after, RunStats stats)
                throws IOException;

        /** Documents spilled by group key (or by id after the last stage); a group stage runs per key. */
        record Spill(SpillStore<Document> spill, GroupStage group, Consumer<Document> tap) implements Boundary {
            @Override
            public Consumer<Document> sink() {
                if (group == null && tap != null) {
                    return d -> {
                        tap.accept(d);
                        spill.append(d.id().value(), d);
                    };
                }
                return group == null ? d -> spill.append(d.id().value(), d) : d -> spill.append(group.key(d), d);
            }

            @Override
            public void finish(ExecutorService pool, StageChain chain, Segment seg, Consumer<Document> after,
                               RunStats stats) throws IOException {
                spill.close();
                List<Future<?>> groups = new ArrayList<>();
                for (int p = 0; p < spill.partitions(); p++) {
                    int part = p;
                    groups.add(pool.submit(() -> {
                        Map<String, List<Document>> byKey = new TreeMap<>();
                        for (Document d : spill.read(part)) {
                            byKey.computeIfAbsent(group.key(d), k -> new ArrayList<>()).add(d);
                        }
                        for (Map.Entry<String, List<Document>> e : byKey.entrySet()) {
                            e.getValue().sort(DOC_ORDER);
                            chain.runGroup(group, seg.boundaryIndex(), e.getKey(), e.getValue(), after);
                        }
                        return null;
                    }));
                }
                await(groups);
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
    }

    /** {@code sink}, counting the documents it gets into {@code n}. */
    private static Consumer<Document> counted(Consumer<Document> sink, LongAdder n) {
        return d -> {
            n.increment();
            sink.accept(d);
        };
    }

    /** The boundary after {@code seg}; the last one (no stage) also feeds {@code tally} when there is one. */
    private static Boundary boundary(Segment seg, Path dir, int partitions, MixTally tally) throws IOException {
        if (seg.boundary() instanceof ClusterStage c) {
            return new Boundary.Cluster(new ClusterPhase(c, dir, partitions));
        }
        return new Boundary.Spill(new SpillStore<>(dir, partitions, SpillStore.DOCUMENTS), (GroupStage) seg.boundary(),
                seg.boundary() == null && tally != null ? tally::add : null);
    }

    private static void acquire(Semaphore slots) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean failed(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (InterruptedException | ExecutionException e) {
            return true;
        }
    }

    static <T> T get(Future<T> f) throws IOException {
        await(List.of(f));
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("unreachable: await checked the future", e);
        }
    }

    static void await(List<? extends Future<?>> futures) throws IOException {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops the pool's threads and waits briefly for them, so that nothing writes into the work folder after. */
    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
