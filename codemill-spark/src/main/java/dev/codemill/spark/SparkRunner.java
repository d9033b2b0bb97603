package dev.codemill.spark;

import dev.codemill.io.Inputs;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.PlanValidator;
import dev.codemill.run.Distributed;
import dev.codemill.run.ExternalRunner;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.RunResult;
import dev.codemill.run.Segment;
import dev.codemill.run.Split;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Runs a recipe on Apache Spark with the local runner's output, byte for byte.
 *
 * <p>Shapes (DESIGN.md, one mapping per runner):
 * <ul>
 *   <li>splits are listed on the driver; one task per split reads it on an executor and runs the
 *       doc stages up to the first group or cluster stage ({@code mapPartitions});</li>
 *   <li>a {@code GroupStage}: documents keyed by its group key, {@code groupByKey} into the
 *       local runner's partition count, each group sorted by id (the local order) and handed to
 *       the stage, then the next doc stages in the same task;</li>
 *   <li>a {@code ClusterStage}, as its relational steps: memberships reduced per unit
 *       ({@code groupByKey}, local merge order), bucket keys per unit, star edges per bucket,
 *       connected components by large-star/small-star ({@link Components}), per component the
 *       kept unit and comparisons, then a {@code cogroup} of documents and clusters by unit for
 *       the decisions;</li>
 *   <li>kept documents and ledger rows stream to the driver ({@code toLocalIterator}) and are
 *       written by core's writers ({@link Distributed#write}) into the same data/, ledger/,
 *       manifest.json and stats.json.</li>
 * </ul>
 * Counts travel as each task's partial {@link RunStats}, a record of its output, merged on the
 * driver: a retried task's result replaces the failed attempt's, so nothing is counted twice
 * (Spark accumulators in transformations can double count).
 *
 * <p>Options: {@code master} (default: the one spark-submit set, else {@code local[*]}),
 * {@code app_name}. Not done: a huge single dump file is one task (no byte-range or row-group
 * splitting yet); the output is written by the driver.
 */
public final class SparkRunner implements ExternalRunner {
    private static final Set<String> OPTIONS = Set.of("master", "app_name");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RunResult run(Recipe recipe, List<Path> inputs, List<OutputFormat> formats, Map<String, String> options,
                         Path outDir) throws IOException {
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
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        try {
            return run(new JavaSparkContext(session.sparkContext()), recipe, inputs, formats, outDir);
        } finally {
            session.stop();
        }
    }

    /** Runs on an existing context (tests share one). */
    public static RunResult run(JavaSparkContext sc, Recipe recipe, List<Path> inputs, List<OutputFormat> formats,
                                Path outDir) throws IOException {
        long start = System.nanoTime();
        Map<String, Double> phases = new LinkedHashMap<>();
        List<Split> splits = Inputs.splits(inputs, recipe.ingest());
        List<String> names = new ArrayList<>();
        splits.forEach(s -> names.add(s.name()));
        int partitions = Distributed.partitions(Distributed.totalBytes(splits), recipe.output().spillPartitions());

        // The driver builds the stages too: to check the recipe (the one plan check of every entry point), plan
        // segments and record warnings; it loads their data, so that a bad data file stops the run before any work.
        List<Stage> stages = PlanValidator.standard().validate(recipe);
        stages.forEach(Stage::loadData);
        RunStats stats = new RunStats();
        for (Stage stage : stages) {
            for (String w : stage.warnings()) {
                stats.warning(stage.name(), w);
            }
        }
        List<Segment> segments = Plan.segments(stages);
        Plan plan = new Plan(UUID.randomUUID().toString(), recipe, inputs, names);
        List<JavaRDD<Rec>> outputs = new ArrayList<>();
        try {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < splits.size(); i++) {
                indexes.add(i);
            }
            JavaRDD<Rec> current = sc.parallelize(indexes, Math.max(1, splits.size()))
                    .mapPartitions(it -> Tasks.read(plan, it))
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            outputs.add(current);
            long t = System.nanoTime();
            current.count(); // materialise each step, so that stats.json's phase times are per stage
            phases.put("reading", (System.nanoTime() - t) / 1e9);
            for (int s = 0; s < segments.size() - 1; s++) {
                Segment seg = segments.get(s);
                int segIndex = s;
                JavaPairRDD<String, byte[]> docs = current.filter(r -> r.kind == Rec.DOC)
                        .mapToPair(r -> new Tuple2<>(r.key, r.data));
                JavaRDD<Rec> next;
                if (seg.group() != null) {
                    next = docs.groupByKey(partitions).mapPartitions(it -> Tasks.groups(plan, segIndex, it));
                } else {
                    next = cluster(plan, segIndex, seg.cluster(), current, docs, partitions, stats);
                }
                current = next.persist(StorageLevel.MEMORY_AND_DISK_SER());
                outputs.add(current);
                t = System.nanoTime();
                current.count();
                phases.merge(seg.boundary().name(), (System.nanoTime() - t) / 1e9, Double::sum);
            }
            t = System.nanoTime();
            JavaRDD<Rec> all = sc.union(outputs.toArray(JavaRDD[]::new));
            for (Iterator<Rec> it = all.filter(r -> r.kind == Rec.STATS).toLocalIterator(); it.hasNext(); ) {
                stats.merge(it.next().runStats());
            }
            phases.put("counts", (System.nanoTime() - t) / 1e9);
            Iterator<Document> kept = map(current.filter(r -> r.kind == Rec.DOC).toLocalIterator(), Rec::document);
            Iterator<LedgerRow> ledger = map(all.filter(r -> r.kind == Rec.LEDGER).toLocalIterator(), Rec::ledgerRow);
            return Distributed.write(kept, ledger, partitions, formats, recipe.output().partBytes(), recipe,
                    outDir, stats, sc.defaultParallelism(), phases, start);
        } finally {
            for (JavaRDD<Rec> r : outputs) {
                r.unpersist(false);
            }
            plan.release();
        }
    }

    /** The cluster stage's relational steps, then the decisions and the next segment. */
    private static JavaRDD<Rec> cluster(Plan plan, int s, ClusterStage driverStage, JavaRDD<Rec> current,
                                        JavaPairRDD<String, byte[]> docs, int partitions, RunStats stats) {
        int index = s; // segment index, for executors
        // Step 2: merge memberships per unit, in the local order.
        JavaRDD<Distributed.Unit> units = current.filter(r -> r.kind == Rec.MEMBER)
                .mapToPair(r -> new Tuple2<>(r.key, r.unit()))
                .groupByKey(partitions)
                .map(t -> {
                    List<Distributed.Unit> list = new ArrayList<>();
                    t._2().forEach(list::add);
                    return Distributed.mergeUnit(plan.segments().get(index).cluster(), list);
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        // Step 3: bucket keys per unit, star edges per bucket (smallest unit key to each other one).
        JavaPairRDD<Long, Long> edges = units
                .flatMapToPair(u -> {
                    long key = Distributed.unitKey(u.unit());
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (long b : plan.segments().get(index).cluster().buckets(u.payload())) {
                        out.add(new Tuple2<>(b, key));
                    }
                    return out.iterator();
                })
                .groupByKey(partitions)
                .flatMapToPair(t -> {
                    long[] keys = sortedDistinct(t._2());
                    List<Tuple2<Long, Long>> out = new ArrayList<>();
                    for (int i = 1; i < keys.length; i++) {
                        out.add(new Tuple2<>(keys[0], keys[i]));
                    }
                    return out.iterator();
                });
        JavaPairRDD<Long, Long> labels = Components.labels(edges, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long linked = labels.count();
        // Step 4: per component, Distributed.decideCluster (the kept unit, then each unit against the survivors).
        JavaRDD<Tasks.ClusterRow> rows = units.mapToPair(u -> new Tuple2<>(Distributed.unitKey(u.unit()), u))
                .join(labels, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()))
                .groupByKey(partitions)
                .flatMap(t -> {
                    List<Distributed.Unit> list = new ArrayList<>();
                    t._2().forEach(list::add);
                    list.sort(Distributed.KEEP_ORDER);
                    ClusterStage stage = plan.segments().get(index).cluster();
                    List<Tasks.ClusterRow> out = new ArrayList<>();
                    for (Distributed.Decided d : Distributed.decideCluster(stage, list)) {
                        ClusterStage.Cluster c = d.cluster();
                        out.add(new Tasks.ClusterRow(d.unit(), c.keptUnit(), c.size(), c.comparison(),
                                c.comparedUnit(), c.unchecked()));
                    }
                    return out.iterator();
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        Map<Integer, Long> histogram = new TreeMap<>();
        rows.filter(r -> r.unit().equals(r.keptUnit())).map(Tasks.ClusterRow::size).countByValue()
                .forEach((size, n) -> histogram.put(size, n));
        stats.clusters(driverStage.name(), histogram, linked);
        // Step 5: documents joined with their unit's cluster.
        return docs.cogroup(rows.mapToPair(r -> new Tuple2<>(r.unit(), r)), partitions)
                .mapPartitions(it -> Tasks.decide(plan, index, it));
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
