package dev.codemill.spark;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.plan.Recipe;
import dev.codemill.run.Aggregation;
import dev.codemill.run.BranchPlan;
import dev.codemill.run.ClusterUnits;
import dev.codemill.run.ExternalRunner;
import dev.codemill.run.PartitionWrite;
import dev.codemill.run.Partitioning;
import dev.codemill.run.Progress;
import dev.codemill.run.RunPlan;
import dev.codemill.run.RunResult;
import dev.codemill.run.Segment;
import dev.codemill.run.Split;
import dev.codemill.run.WorkDir;
import dev.codemill.run.WriteTail;
import dev.codemill.spark.storage.Locations;
import dev.codemill.spark.storage.SplitRef;
import dev.codemill.spark.storage.PartTarget;
import dev.codemill.spark.storage.RemoteOut;
import dev.codemill.stage.AggregateStage;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Runs a recipe on Apache Spark with the local runner's output, byte for byte.
 *
 * <p>Shapes (DESIGN.md, one mapping per runner):
 * <ul>
 *   <li>splits are listed once, on the driver, and packed by size into read tasks, each carrying
 *       its splits as data ({@link SplitRef}); a task reads them on an executor and runs the
 *       doc stages up to the first group or cluster stage ({@code mapPartitions});</li>
 *   <li>a {@code GroupStage}: documents keyed by its group key, hash-partitioned into the shuffle
 *       partitions and sorted by key there ({@code repartitionAndSortWithinPartitions}), each run of
 *       one key a group ({@link Tasks#runs}, one group in memory at a time), sorted by id (the local order) and handed to the stage,
 *       then the next doc stages in the same task; consecutive group stages by the same key field
 *       share that shuffle ({@link Segment#fusedAfter}, the local runner's spill rounds);</li>
 *   <li>a {@code ClusterStage}, as its relational steps: memberships reduced per unit
 *       ({@code groupByKey}, local merge order), bucket keys per unit, star edges per bucket,
 *       connected components by large-star/small-star ({@link Components}), per component the
 *       kept unit and comparisons, then documents and clusters in one stream sorted by unit
 *       ({@link Tasks#units}, the shape of a {@code cogroup}) for the decisions;</li>
 *   <li>an {@code AggregateStage} (the recipe's {@code mix}): one summary per partition of the
 *       kept documents on the executors, merged and decided on the driver ({@link Aggregation});</li>
 *   <li>a branch ({@code branches:}): the documents leaving its feeding point (copies made by
 *       the task that runs that stage, or the kept documents for {@code end}) are the inputs of a
 *       nested run of the branch's stages, the same shapes as above, whose output folder the main
 *       write tail publishes as {@code OUT/NAME} (the local runner's {@code BranchTee});</li>
 *   <li>the write: kept documents and ledger rows hash-partitioned by id (the local runner's
 *       spill partitions, {@link IdPartitioner}), one task per partition writes its parts into its
 *       own attempt folder ({@link PartitionWrite}, the local runner's code) and returns their
 *       counts; the driver commits (renames) the parts of the attempts it got, partitions in
 *       order, and writes manifest.json, examples.json, README.md and stats.json through core's
 *       {@link WriteTail#publish}. No document passes through the driver.</li>
 * </ul>
 * Each step's documents are persisted (on disk by default, {@link #STEP_STORAGE}) until the next step has shuffled them; its other
 * records (ledger rows, counts, branch copies) apart, in memory, for the counts and the write.
 * Counts travel as each task's partial {@link RunStats}, a record of its output, merged in one
 * {@code treeAggregate} job: a retried task's result replaces the failed attempt's, so nothing is
 * counted twice (Spark accumulators in transformations can double count).
 * With {@code spark.codemill.checkpoint=true} each step of the main chain is also saved to OUT
 * ({@link PhaseCheckpoints}), so that {@code --resume} goes on after the last one.
 *
 * <p>Options: {@code master} (default: the one spark-submit set, else {@code local[*]}),
 * {@code app_name}. Not done: a huge single dump file is one task (no byte-range or row-group
 * splitting yet).
 */
public final class SparkRunner implements ExternalRunner {
    private static final Set<String> OPTIONS = Set.of("master", "app_name", "resume");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RunResult run(RunPlan plan, List<Path> inputs, Map<String, String> options, Path outDir) throws IOException {
        SparkConf conf = conf(plan, options);
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        try {
            List<String> given = new ArrayList<>();
            inputs.forEach(p -> given.add(p.toString()));
            JavaSparkContext sc = new JavaSparkContext(session.sparkContext());
            return run(sc, plan, Locations.absolute(given, sc.hadoopConfiguration()), outDir, null, resume(options));
        } finally {
            session.stop();
        }
    }

    /** Inputs and OUT as locations, local paths or Hadoop FileSystem URIs: {@link StorageRun}. */
    @Override
    public RunResult run(RunPlan plan, List<String> inputs, Map<String, String> options, String out, boolean overwrite)
            throws IOException {
        return StorageRun.run(conf(plan, options), plan, inputs, out, overwrite, resume(options));
    }

    /** The {@code resume} option ({@code codemill run --resume}): go on from the last phase checkpoint ({@link PhaseCheckpoints}). */
    static boolean resume(Map<String, String> options) {
        return Boolean.parseBoolean(options.getOrDefault("resume", "false"));
    }

    /** The session's settings: {@code master} and {@code app_name} options over spark-submit's. */
    static SparkConf conf(RunPlan plan, Map<String, String> options) {
        Recipe recipe = plan.recipe();
        if (recipe == null) {
            throw new IllegalArgumentException("the spark runner ships the recipe to its executors: a plan without one cannot run");
        }
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("unknown spark runner option '" + k + "'; known: " + OPTIONS);
            }
        }
        SparkConf conf = new SparkConf().setAppName(options.getOrDefault("app_name", "codemill " + recipe.name()));
        if (options.containsKey("master")) {
            conf.setMaster(options.get("master"));
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        serialization(conf);
        return conf;
    }

    /**
     * How records travel, unless the user set it ({@code --conf} wins): Kryo with the runner's
     * classes registered ({@link KryoRecords}) instead of Java serialisation, without reference
     * tracking (no record the runner ships refers to itself or shares parts; Java-serialised
     * {@link RunStats} keeps its own). Measured on the medium corpus: docs/spark.md, h-serde.
     */
    static void serialization(SparkConf conf) {
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // a user's own registrator (--conf spark.kryo.registrator=…, a comma-separated list) runs besides the runner's,
        // not instead of it: without KryoRecords Kryo 4 has no serializer for the Java records that cross Spark
        // (ClusterUnits.Unit, Tasks.ClusterRow: "can't get field offset on a record class")
        String ours = KryoRecords.class.getName();
        String registrators = conf.get("spark.kryo.registrator", "").trim();
        if (java.util.Arrays.stream(registrators.split(",")).map(String::trim).noneMatch(ours::equals)) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? ours : registrators + "," + ours);
        }
        conf.setIfMissing("spark.kryo.referenceTracking", "false");
        // the largest object serialised whole (a task result, a record in a serialised block): Kryo's default
        // cap of 64 MiB would fail a run with one large document that Java serialisation passed
        conf.setIfMissing("spark.kryoserializer.buffer.max", "1g");
        // the shuffle files' checksums (only read to diagnose a corrupt block): CRC32, a CPU instruction through the JDK's
        // intrinsic, instead of the default ADLER32, a JNI call into zlib per write (469 MiB: 0.16 CPU s against 0.01 under C1)
        conf.setIfMissing("spark.shuffle.checksum.algorithm", "CRC32");
    }

    /** Runs on an existing context (tests share one), local inputs and OUT. */
    public static RunResult run(JavaSparkContext sc, RunPlan runPlan, List<Path> given, Path outDir) throws IOException {
        List<String> inputs = new ArrayList<>();
        given.forEach(p -> inputs.add(p.toString()));
        return run(sc, runPlan, Locations.absolute(inputs, sc.hadoopConfiguration()), outDir, null);
    }

    /**
     * Runs on an existing context: {@code inputs} as {@link Locations#absolute} gives them, into
     * {@code outDir} (local), or, with {@code remote}, into its view ({@code outDir}) with the parts
     * on its file system.
     */
    public static RunResult run(JavaSparkContext sc, RunPlan runPlan, List<String> inputs, Path outDir, RemoteOut remote)
            throws IOException {
        return run(sc, runPlan, inputs, outDir, remote, false);
    }

    /**
     * As {@link #run(JavaSparkContext, RunPlan, List, Path, RemoteOut)}; with {@code resume}, goes on
     * from the last phase checkpoint of OUT ({@link PhaseCheckpoints}) when there is one of this run.
     * The checkpoint folder of a local OUT is deleted once the run has published; a remote OUT's
     * by the caller after its publish.
     */
    public static RunResult run(JavaSparkContext sc, RunPlan runPlan, List<String> inputs, Path outDir, RemoteOut remote,
                                boolean resume) throws IOException {
        Recipe recipe = runPlan.recipe();
        long start = System.nanoTime();
        // the one listing of the run: each read task gets its own splits as data, executors list nothing
        Locations.Listing listing = Locations.list(inputs, recipe.ingest(), sc.hadoopConfiguration(),
                Locations.threads(sc.getConf().get(Locations.THREADS_CONF, null)));
        List<Split> splits = listing.splits();
        long totalBytes = Partitioning.totalBytes(splits);
        int partitions = Partitioning.partitions(totalBytes, runPlan.spillPartitions());
        List<BranchPlan> branches = BranchPlan.of(recipe, dev.codemill.plan.PlanValidator.standard());
        Plan plan = new Plan(UUID.randomUUID().toString(), recipe, runPlan.formats(), runPlan.partBytes());
        List<ArrayList<SplitRef>> tasks = new ArrayList<>();
        for (List<Integer> pack : SplitPacking.pack(splits, SplitPacking.targetBytes(totalBytes, sc.defaultParallelism(),
                recipe.ingest().splitBytes()))) {
            ArrayList<SplitRef> refs = new ArrayList<>(pack.size());
            pack.forEach(i -> refs.add(listing.refs().get(i)));
            tasks.add(refs);
        }
        org.apache.hadoop.fs.Path outRoot = remote != null ? remote.root()
                : new org.apache.hadoop.fs.Path(outDir.toAbsolutePath().toUri());
        try {
            PhaseCheckpoints checkpoints = PhaseCheckpoints.open(
                    dev.codemill.spark.storage.HadoopFs.of(outRoot, sc.hadoopConfiguration()), outRoot,
                    dev.codemill.run.Checkpoint.fingerprint(runPlan, splits, partitions, branches),
                    sc.getConf().getBoolean(PhaseCheckpoints.CONF, false), resume);
            RunResult result = execute(sc, runPlan, plan, sc.parallelize(tasks, Math.max(1, tasks.size()))
                    .mapPartitions(it -> Tasks.read(plan, SplitPacking.flatten(it))), partitions, totalBytes, outDir, start,
                    branches, remote, checkpoints);
            if (remote == null) {
                checkpoints.finish();
            }
            return result;
        } finally {
            plan.release();
        }
    }

    /**
     * Starts phase {@code name} of stats.json's timeline; its Spark jobs carry the name as their
     * description (event log, UI), so that per-stage task figures can be told apart (skew).
     */
    private static void phase(JavaSparkContext sc, Progress progress, String name) {
        progress.phase(name);
        sc.setJobDescription("codemill " + name);
    }

    /**
     * Runs {@code plan}'s chain over {@code first} (the records of its first segment), the
     * aggregates and the branches, into the write tail of {@code outDir}.
     */
    private static RunResult execute(JavaSparkContext sc, RunPlan runPlan, Plan plan, JavaRDD<Rec> first, int partitions,
                                     long totalBytes,
                                     Path outDir, long start, List<BranchPlan> branches, RemoteOut remote,
                                     PhaseCheckpoints checkpoints)
            throws IOException {
        Progress progress = new Progress();
        // The driver's stages (built and checked by the caller, PlanValidator): to plan segments and record
        // warnings; their data is loaded here, so that a bad data file stops the run before any work.
        runPlan.stages().forEach(Stage::loadData);
        RunStats stats = new RunStats();
        // a resumed run: the driver's counters of the checkpoint (stage warnings included), then the next segment
        PhaseCheckpoints.Restored restored = checkpoints == null ? null : checkpoints.restored();
        if (restored != null) {
            stats.merge(restored.stats());
        }
        for (Stage stage : restored != null ? List.<Stage>of() : runPlan.stages()) {
            for (String w : stage.warnings()) {
                stats.warning(stage.name(), w);
            }
        }
        List<Segment> segments = Segment.of(runPlan.chain());
        int shuffle = shufflePartitions(totalBytes, sc.defaultParallelism(), partitions);
        int keyShuffle = keyPartitions(totalBytes, sc.defaultParallelism());
        // per step, its records other than documents and memberships (ledger rows, counts, branch copies): small, kept
        // to the end; a step's documents are kept (on disk by default: documents(conf)) only until the next step has
        // shuffled them
        List<JavaRDD<Rec>> sides = new ArrayList<>();
        List<JavaRDD<?>> persisted = new ArrayList<>();
        Files.createDirectories(outDir);
        try (WorkDir workDir = WorkDir.create(outDir);
             WriteTail tail = new WriteTail(runPlan, outDir, workDir.path(), partitions)) {
            phase(sc, progress, "reading");
            StorageLevel level = documents(sc.getConf());
            // resumed: the checkpoint's records (documents, memberships and every side record so far) are the step
            JavaRDD<Rec> current = keep(restored == null ? first : checkpoints.load(sc), level, persisted);
            JavaRDD<Rec> side = sides(current, sides, persisted);
            List<String> phasesDone = new ArrayList<>();
            int from = 0;
            if (restored != null) {
                for (String name : restored.phases()) {
                    phase(sc, progress, name); // the same phases in stats.json as an uninterrupted run
                    phasesDone.add(name);
                }
                from = restored.nextSegment();
                System.err.println("codemill: resumed: reading" + (phasesDone.isEmpty() ? "" : ", " + String.join(", ", phasesDone))
                        + " were done (checkpoint " + restored.phase() + ")");
            }
            long sliceBytes = sc.getConf().getSizeAsBytes(SkewGuard.CONF, SkewGuard.DEFAULT_SLICE_BYTES);
            // materialise each step, so that stats.json's phase times are per stage; the giant groups of the next one
            HashMap<String, Integer> giants = SkewGuard.materialise(current, side, segments.get(from), sliceBytes, keyShuffle);
            if (restored == null) {
                checkpoint(sc, checkpoints, current, sides, from, phasesDone, stats);
            }
            for (int s = from; s < segments.size() - 1; ) {
                Segment seg = segments.get(s);
                int segIndex = s;
                // group stages by the same key field share one shuffle (the local runner's GroupRound), unless sliced
                int last = seg.group() != null && giants.isEmpty() ? s + Segment.fusedAfter(segments, s) : s;
                StringBuilder name = new StringBuilder(seg.boundary().name());
                for (int f = s + 1; f <= last; f++) {
                    name.append('+').append(segments.get(f).boundary().name());
                }
                phase(sc, progress, name.toString());
                JavaPairRDD<String, byte[]> docs = current.filter(r -> r.kind == Rec.DOC)
                        .mapToPair(r -> new Tuple2<>(r.key, r.data));
                JavaRDD<Rec> next;
                List<JavaRDD<?>> steps = new ArrayList<>();
                if (seg.group() != null) {
                    HashMap<String, Integer> sliced = giants;
                    int lastIndex = last;
                    JavaPairRDD<String, byte[]> keyed = sliced.isEmpty() ? docs : docs.flatMapToPair(
                            t -> SkewGuard.route(t, sliced, plan.segments().get(segIndex).group().sliceContext()));
                    // sorted by key within each hash partition and grouped as a stream ({@link Tasks#runs}): the
                    // groupByKey before held every group of a task in an ExternalAppendOnlyMap (SizeEstimator samples)
                    next = keyed.repartitionAndSortWithinPartitions(new HashPartitioner(shuffle))
                            .mapPartitions(it -> Tasks.groups(plan, segIndex, lastIndex, Tasks.runs(it), sliced));
                } else {
                    next = cluster(plan, segIndex, seg.cluster(), current, docs, shuffle, keyShuffle, stats, steps);
                }
                JavaRDD<Rec> done = current;
                current = keep(next, level, persisted);
                side = sides(current, sides, persisted);
                giants = SkewGuard.materialise(current, side, segments.get(last + 1), sliceBytes, keyShuffle);
                // the step's shuffles have read the previous documents and the cluster's intermediate data: free them
                done.unpersist(false);
                steps.forEach(r -> r.unpersist(false));
                s = last + 1;
                phasesDone.add(name.toString());
                checkpoint(sc, checkpoints, current, sides, s, phasesDone, stats);
            }
            phase(sc, progress, "counts");
            // the steps' small records in one task per core (a task per partition of every step before: 37 of 43 tasks
            // of the counts and the write's map stage on the medium corpus, each reading a few kB)
            JavaRDD<Rec> all = sc.union(sides.toArray(JavaRDD[]::new)).coalesce(sc.defaultParallelism());
            // every task's counts in one job, merged on the executors (sums: the order does not matter)
            stats.merge(all.filter(r -> r.kind == Rec.STATS).treeAggregate(new RunStats(),
                    (acc, r) -> {
                        acc.merge(r.runStats());
                        return acc;
                    },
                    (a, b) -> {
                        a.merge(b);
                        return a;
                    }, 2));
            JavaRDD<Rec> kept = current.filter(r -> r.kind == Rec.DOC);
            List<AggregateStage.Decision> decisions = new ArrayList<>();
            List<List<byte[]>> summaries = new ArrayList<>();
            List<AggregateStage<?>> aggregates = runPlan.aggregateStages();
            for (int a = 0; a < aggregates.size(); a++) {
                phase(sc, progress, aggregates.get(a).name());
                List<byte[]> s = summaries(plan, a, kept);
                summaries.add(s);
                decisions.add(Aggregation.decide(aggregates.get(a), s));
            }
            List<String> branchNames = new ArrayList<>();
            if (!branches.isEmpty()) {
                phase(sc, progress, "branches");
            }
            for (int b = 0; b < branches.size(); b++) {
                BranchPlan branch = branches.get(b);
                RunResult r = branch(sc, runPlan, plan, b, branch, all, kept, workDir.path().resolve("out"), remote);
                stats.branch(branch.name(), branch.spec().from(), r.stats());
                branchNames.add(branch.name());
            }
            phase(sc, progress, "writing");
            // The executors write the parts: kept documents and ledger rows by hash partition of the id, one
            // task per partition into its own attempt folder; the driver gets each partition's counts back and
            // commits (renames) the parts of the attempts it got.
            String partsDir = tail.partsDir().resolve("main").toAbsolutePath().toString();
            PartTarget target = remote == null ? null : remote.target();
            List<PartitionWrite.Written> written = new ArrayList<>(kept.mapToPair(r -> new Tuple2<>(r.key, r))
                    .union(all.filter(r -> r.kind == Rec.LEDGER).mapToPair(r -> new Tuple2<>(r.key, r)))
                    .partitionBy(new IdPartitioner(partitions))
                    .mapPartitionsWithIndex((p, it) -> Tasks.write(plan, partsDir, target, p, it, summaries, true), true)
                    .collect());
            if (remote != null) {
                remote.standIns(Path.of(partsDir)); // the uploaded parts, for the commit on the view
            }
            written.sort(java.util.Comparator.comparingInt(PartitionWrite.Written::partition));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                return tail.publish(stats, decisions, written, progress, sc.defaultParallelism(), start, branchNames, pool);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            for (JavaRDD<?> r : persisted) {
                r.unpersist(false);
            }
        }
    }

    /**
     * Spark configuration key of where a step's documents are kept until the next step has read
     * them (a {@link StorageLevel#fromString} name: {@code --conf spark.codemill.stepStorage=MEMORY_AND_DISK}).
     * Read twice: by the job that materialises the step, then by the next step's shuffle.
     */
    static final String STEP_STORAGE = "spark.codemill.stepStorage";
    /**
     * The default: on the executors' disks, as the local runner spills, not in their heaps
     * (documents held in memory across a stage were the executors' GC time). Measured against
     * {@code MEMORY_AND_DISK} and {@code MEMORY_AND_DISK_SER} on the two-worker cluster
     * (docs/spark.md, h-flow): no level was cheaper beyond the run-to-run noise, the memory
     * levels cost the executors more GC.
     */
    static final String DEFAULT_STEP_STORAGE = "DISK_ONLY";

    /** The storage level of a step's documents: {@link #STEP_STORAGE}, else {@link #DEFAULT_STEP_STORAGE}. */
    static StorageLevel documents(SparkConf conf) {
        return StorageLevel.fromString(conf.get(STEP_STORAGE, DEFAULT_STEP_STORAGE));
    }

    /**
     * Saves the step just materialised ({@link PhaseCheckpoints#save}; nothing when off or in a
     * branch): its documents and memberships, and every side record so far, the sides in one
     * partition per core.
     */
    private static void checkpoint(JavaSparkContext sc, PhaseCheckpoints checkpoints, JavaRDD<Rec> current,
                                   List<JavaRDD<Rec>> sides, int nextSegment, List<String> phasesDone, RunStats stats)
            throws IOException {
        if (checkpoints == null || !checkpoints.enabled()) {
            return;
        }
        JavaRDD<Rec> records = current.filter(r -> r.kind == Rec.DOC || r.kind == Rec.MEMBER)
                .union(sc.union(sides.toArray(JavaRDD[]::new)).coalesce(sc.defaultParallelism()));
        checkpoints.save(sc, phasesDone.size(), records, nextSegment, phasesDone, stats);
    }

    private static JavaRDD<Rec> keep(JavaRDD<Rec> step, StorageLevel level, List<JavaRDD<?>> persisted) {
        JavaRDD<Rec> kept = step.persist(level);
        persisted.add(kept);
        return kept;
    }

    /**
     * The records of {@code step} other than documents and cluster memberships (read once, by the
     * cluster stage's first shuffle), persisted (in memory, serialized) for the
     * counts, the branches and the write: no later job reads a step's documents again for them.
     */
    private static JavaRDD<Rec> sides(JavaRDD<Rec> step, List<JavaRDD<Rec>> sides, List<JavaRDD<?>> persisted) {
        JavaRDD<Rec> side = step.filter(r -> r.kind != Rec.DOC && r.kind != Rec.MEMBER)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        sides.add(side);
        persisted.add(side);
        return side;
    }

    /**
     * One branch as a nested run (the local runner's {@code BranchTee}): the documents leaving its
     * feeding point (the main chain's kept documents for {@code end}, else its {@link Rec#BRANCH}
     * copies) go in as inputs of a run of its stages, with the main recipe, formats and part size,
     * into {@code staged/NAME}, which the main write tail publishes as {@code OUT/NAME}.
     */
    private static RunResult branch(JavaSparkContext sc, RunPlan main, Plan mainPlan, int b, BranchPlan branch,
                                    JavaRDD<Rec> all, JavaRDD<Rec> kept, Path staged, RemoteOut remote) throws IOException {
        String name = branch.name();
        JavaRDD<byte[]> docs = branch.fromIndex() < 0 ? kept.map(r -> r.data)
                : all.filter(r -> r.kind == Rec.BRANCH && r.key.equals(name)).map(r -> r.data);
        RunPlan plan = new RunPlan(main.recipe(), branch.stages(), main.formats(), main.partBytes(), main.spillPartitions());
        Plan executors = mainPlan.branch(b);
        try {
            // A branch's inputs have no known size (the local runner's spill splits neither): the same partition count.
            return execute(sc, plan, executors, docs.mapPartitions(it -> Tasks.feed(executors, it)),
                    Partitioning.partitions(-1, plan.spillPartitions()), -1, staged.resolve(name), System.nanoTime(), List.of(),
                    remote, null);
        } finally {
            executors.release();
        }
    }

    /**
     * An aggregate stage's (the {@code a}-th of the plan) summaries of the kept documents: one per
     * partition on the executors ({@link Aggregation#summarize}), in partition order; the driver
     * and the writing tasks decide from them ({@link Aggregation#decide}).
     */
    private static List<byte[]> summaries(Plan plan, int a, JavaRDD<Rec> kept) {
        return kept.mapPartitions(it -> {
            Iterator<Document> docs = map(it, Rec::document);
            return List.of(Aggregation.summarize(plan.aggregates().get(a), docs)).iterator();
        }).collect();
    }

    /**
     * Partitions of the group and cluster shuffles: from the data size (one per 64 MiB of input)
     * and the cluster (3 per core, Spark's default parallelism); no fixed cap, and no longer at
     * least the write partitions (16 at the least): on a small input every shuffle of the
     * component rounds was 16 tasks, most of them empty, each costing the driver scheduling CPU
     * (765 tasks for 7 files on the standalone cluster). {@code writePartitions} is kept for the
     * callers' symmetry and unused. Which task runs a group does not change the output (the
     * write sorts), so this count may differ from the local runner's.
     */
    static int shufflePartitions(long totalBytes, int parallelism, int writePartitions) {
        long bySize = totalBytes < 0 ? 0 : totalBytes / (64L << 20);
        return (int) Math.min(1 << 24, Math.max(1, Math.max(3L * parallelism, bySize)));
    }

    /**
     * Partitions of the shuffles that move keys and numbers only: the near-dedup bucket edges and
     * component rounds, and the skew guard's group sizes. Measured on the medium corpus (195.7 MB
     * in): 2.8 MB of bucket edges, at most 0.3 MB per component round, i.e. under 1/64 of the
     * input; so one partition per 64 MiB of that estimate (one per 4 GiB of input), at least one per
     * core. These were the group stages' count (3 per core), most tasks near-empty, each costing the
     * driver scheduling CPU and the executor a task launch (most of the near-dedup step's stages).
     */
    static int keyPartitions(long totalBytes, int parallelism) {
        long bySize = totalBytes < 0 ? 0 : totalBytes / (4L << 30);
        return (int) Math.min(1 << 24, Math.max(1, Math.max(parallelism, bySize)));
    }

    /** Keys (ids) to their hash partition, {@link Partitioning#partitionOf}: the local runner's spill partitions. */
    static final class IdPartitioner extends org.apache.spark.Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        IdPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return Partitioning.partitionOf((String) key, partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdPartitioner p && p.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** The cluster stage's relational steps, then the decisions and the next segment. */
    private static JavaRDD<Rec> cluster(Plan plan, int s, ClusterStage driverStage, JavaRDD<Rec> current,
                                        JavaPairRDD<String, byte[]> docs, int partitions, int keyPartitions,
                                        RunStats stats, List<JavaRDD<?>> persisted) {
        int index = s; // segment index, for executors
        // Step 2: merge memberships per unit, in the local order.
        JavaRDD<ClusterUnits.Unit> units = current.filter(r -> r.kind == Rec.MEMBER)
                .mapToPair(r -> new Tuple2<>(r.key, r.unit()))
                .groupByKey(partitions)
                .map(t -> {
                    List<ClusterUnits.Unit> list = new ArrayList<>();
                    t._2().forEach(list::add);
                    return ClusterUnits.mergeUnit(plan.segments().get(index).cluster(), list);
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        // Step 3: bucket keys per unit, star edges per bucket (smallest unit key to each other one).
        JavaPairRDD<Long, Long> edges = units
                .flatMapToPair(u -> {
                    long key = ClusterUnits.unitKey(u.unit());
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (long b : plan.segments().get(index).cluster().buckets(u.payload())) {
                        out.add(new Tuple2<>(b, key));
                    }
                    return out.iterator();
                })
                .groupByKey(keyPartitions)
                .flatMapToPair(t -> {
                    long[] keys = sortedDistinct(t._2());
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (int i = 1; i < keys.length; i++) {
                        out.add(new Tuple2<>(keys[0], keys[i]));
                    }
                    return out.iterator();
                });
        // Step 3b: components; on the driver when the edges are few (DriverComponents), else distributed rounds.
        // Step 4a: the units that have an edge, keyed by their component's label.
        long maxEdges = DriverComponents.maxEdges(current.context().getConf());
        JavaRDD<long[]> packed = null;
        if (maxEdges > 0) {
            packed = edges.mapPartitions(DriverComponents::pack).persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(packed);
        }
        persisted.add(units);
        JavaPairRDD<Long, ClusterUnits.Unit> linkedUnits;
        long linked;
        List<long[]> few = packed == null ? null : DriverComponents.collect(packed, maxEdges);
        if (few != null) {
            DriverComponents.Labels labels = DriverComponents.labels(few);
            DriverComponents.ON_DRIVER.incrementAndGet();
            linked = labels.size();
            Broadcast<DriverComponents.Labels> shared = JavaSparkContext.fromSparkContext(current.context()).broadcast(labels);
            // only the linked units are shuffled to their component (the join below shuffles every unit)
            linkedUnits = units.flatMapToPair(u -> {
                DriverComponents.Labels l = shared.value();
                int i = l.index(ClusterUnits.unitKey(u.unit()));
                return i < 0 ? java.util.Collections.<Tuple2<Long, ClusterUnits.Unit>>emptyIterator()
                        : List.of(new Tuple2<>(l.labelAt(i), u)).iterator();
            });
        } else {
            JavaPairRDD<Long, Long> labels = Components.labels(packed == null ? edges
                    : packed.flatMapToPair(DriverComponents::unpack), keyPartitions).persist(StorageLevel.MEMORY_AND_DISK());
            linked = labels.count();
            persisted.add(labels.rdd().toJavaRDD());
            linkedUnits = units.mapToPair(u -> new Tuple2<>(ClusterUnits.unitKey(u.unit()), u))
                    .join(labels, partitions)
                    .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()));
        }
        // Step 4b: per component, ClusterUnits.decideCluster (the kept unit, then each unit against the survivors).
        JavaRDD<Tasks.ClusterRow> rows = linkedUnits
                .groupByKey(partitions)
                .flatMap(t -> {
                    List<ClusterUnits.Unit> list = new ArrayList<>();
                    t._2().forEach(list::add);
                    list.sort(ClusterUnits.KEEP_ORDER);
                    ClusterStage stage = plan.segments().get(index).cluster();
                    List<Tasks.ClusterRow> out = new ArrayList<>();
                    for (ClusterUnits.Decided d : ClusterUnits.decideCluster(stage, list)) {
                        ClusterStage.Cluster c = d.cluster();
                        out.add(new Tasks.ClusterRow(d.unit(), c.keptUnit(), c.size(), c.comparison(),
                                c.comparedUnit(), c.unchecked()));
                    }
                    return out.iterator();
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        persisted.add(rows);
        Map<Integer, Long> histogram = new TreeMap<>();
        rows.filter(r -> r.unit().equals(r.keptUnit())).map(Tasks.ClusterRow::size).countByValue()
                .forEach((size, n) -> histogram.put(size, n));
        stats.clusters(driverStage.name(), histogram, linked);
        // Step 5: documents joined with their unit's cluster.
        // one stream sorted by unit (documents and rows), grouped per unit (Tasks.units), not a cogroup's map of all units
        JavaPairRDD<String, Object> byUnit = docs.<Object>mapValues(b -> b)
                .union(rows.mapToPair(r -> new Tuple2<>(r.unit(), (Object) r)));
        return byUnit.repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
                .mapPartitions(it -> Tasks.decide(plan, index, Tasks.units(it)));
    }

    private static long[] sortedDistinct(Iterable<Long> values) {
        List<Long> list = new ArrayList<>();
        values.forEach(list::add);
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        java.util.Arrays.sort(a);
        int u = 0;
        for (int i = 0; i < a.length; i++) {
            if (u == 0 || a[i] != a[u - 1]) {
                a[u++] = a[i];
            }
        }
        return java.util.Arrays.copyOf(a, u);
    }

    private static <A, B> Iterator<B> map(Iterator<A> in, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }
}
