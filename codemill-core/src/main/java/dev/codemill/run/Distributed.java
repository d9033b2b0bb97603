package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.plan.Recipe;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What a runner outside this package (the Spark runner) needs to give exactly the local runner's
 * answer: the same stage semantics per document and per group ({@link Chain}, a wrapper of the
 * local runner's stage chain), the same orders and keys ({@link #DOC_ORDER},
 * {@link #KEEP_ORDER}, {@link #unitKey}, {@link #partitions}, {@link #partitionOf}) and the
 * same writers ({@link #write}). Nothing here runs work in parallel; callers bring their own
 * engine.
 */
public final class Distributed {
    private Distributed() {
    }

    /** Order of documents in a group and in a data partition (see {@code LocalRunner.DOC_ORDER}). */
    public static final Comparator<Document> DOC_ORDER = LocalRunner.DOC_ORDER;

    /** Membership of a merged cluster unit: unit, rank (smallest of its documents') and merged payload. */
    public record Unit(String unit, String rank, byte[] payload) implements java.io.Serializable {
    }

    /** Units of a cluster in keep order: smallest rank first, then unit ({@link ClusterStage} step 4). */
    public static final Comparator<Unit> KEEP_ORDER = Comparator.comparing(Unit::rank).thenComparing(Unit::unit);

    /**
     * The local runner's hash partitions for an input of {@code totalBytes} (-1: unknown):
     * {@code fixed} when positive, else one per 32 MB of input, at least 16, at most 1024. The
     * data and ledger parts are written partition by partition, so a runner that wants the local
     * runner's bytes uses the same count.
     */
    public static int partitions(long totalBytes, int fixed) {
        return fixed > 0 ? fixed : (int) Math.min(1024, Math.max(16, Math.max(0, totalBytes) / (32L << 20)));
    }

    /** The total of the splits' sizes, -1 when one is unknown (what the local runner computes). */
    public static long totalBytes(List<Split> splits) {
        long total = 0;
        for (Split s : splits) {
            total = s.sizeBytes() < 0 || total < 0 ? -1 : total + s.sizeBytes();
        }
        return total;
    }

    /** The partition of a string key (a document id): {@code floorMod(key.hashCode(), partitions)}. */
    public static int partitionOf(String key, int partitions) {
        return Math.floorMod(key.hashCode(), partitions);
    }

    /** The 64-bit key of a cluster unit, as in the local union-find ({@code ClusterPhase.key}). */
    public static long unitKey(String unit) {
        return ClusterPhase.key(unit);
    }

    /**
     * Merges one unit's memberships as the local runner does: sorted by (rank, payload), rank the
     * smallest, payloads folded by {@link ClusterStage#merge} in that order.
     *
     * @param entries at least one membership, all of the same unit (sorted in place)
     */
    public static Unit mergeUnit(ClusterStage stage, List<Unit> entries) {
        entries.sort(Comparator.comparing(Unit::unit).thenComparing(Unit::rank)
                .thenComparing(Unit::payload, java.util.Arrays::compare));
        Unit first = entries.get(0);
        byte[] payload = first.payload();
        for (int i = 1; i < entries.size(); i++) {
            payload = stage.merge(payload, entries.get(i).payload());
        }
        return new Unit(first.unit(), first.rank(), payload);
    }

    /** One unit's entry of its cluster (step 4's result, joined to the unit's documents in step 5). */
    public record Decided(String unit, ClusterStage.Cluster cluster) {
    }

    /**
     * Step 4 of {@link ClusterStage} for one cluster, as both runners do it. The first member is
     * kept; every other member is compared with it and, unless it {@linkplain ClusterStage#duplicates
     * duplicates} it, with the earlier survivors: first those sharing a bucket with it
     * ({@link ClusterStage#buckets}, the candidate rule of the whole stage), then the others, each
     * in keep order, at most {@link ClusterStage#survivorComparisons()} in all; it duplicates the
     * first one it matches, else it survives. While a cluster has at most that many survivors,
     * they are pairwise not duplicates; beyond, survivors sharing a bucket are compared first and
     * those left out are counted ({@code Cluster.unchecked}). Cost: at most
     * {@code n × (1 + survivorComparisons)} comparisons, plus the bucket keys of the survivors.
     *
     * @param members all units of one connected component (≥ 2), sorted by {@link #KEEP_ORDER}
     * @return one entry per member, in the order of {@code members}
     */
    public static List<Decided> decideCluster(ClusterStage stage, List<Unit> members) {
        int size = members.size();
        Unit kept = members.get(0);
        int limit = Math.max(0, stage.survivorComparisons());
        List<Decided> out = new ArrayList<>(size);
        out.add(new Decided(kept.unit(), new ClusterStage.Cluster(kept.unit(), size, "", kept.unit(), 0)));
        List<Unit> survivors = new ArrayList<>();          // survivors after the kept unit, in keep order
        Map<Long, List<Integer>> byBucket = new HashMap<>(); // bucket key → indices into survivors, ascending
        for (int i = 1; i < size; i++) {
            Unit u = members.get(i);
            String comparison = stage.compare(kept.payload(), u.payload());
            String against = kept.unit();
            boolean duplicate = stage.duplicates(comparison);
            int unchecked = 0;
            long[] buckets = limit > 0 && !duplicate ? stage.buckets(u.payload()) : new long[0];
            if (!duplicate && limit > 0) {
                // the first `limit` of each bucket's ascending list hold the smallest `limit` of their union
                java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
                int longest = 0;
                for (long b : buckets) {
                    List<Integer> l = byBucket.get(b);
                    if (l != null) {
                        candidates.addAll(l.size() <= limit ? l : l.subList(0, limit));
                        longest = Math.max(longest, l.size());
                    }
                }
                // survivors sharing a bucket first, then the others, each in keep order, at most limit in all
                int compared = 0;
                int comparedCandidates = 0;
                java.util.Iterator<Integer> others = java.util.stream.IntStream.range(0, survivors.size())
                        .filter(x -> !candidates.contains(x)).iterator();
                java.util.Iterator<Integer> first = candidates.iterator();
                while (compared < limit && !duplicate && (first.hasNext() || others.hasNext())) {
                    boolean candidate = first.hasNext();
                    Unit v = survivors.get(candidate ? first.next() : others.next());
                    compared++;
                    comparedCandidates += candidate ? 1 : 0;
                    String c = stage.compare(v.payload(), u.payload());
                    if (stage.duplicates(c)) {
                        duplicate = true;
                        comparison = c;
                        against = v.unit();
                    }
                }
                unchecked = duplicate ? 0 : Math.max(candidates.size(), longest) - comparedCandidates; // at least
            }
            out.add(new Decided(u.unit(), new ClusterStage.Cluster(kept.unit(), size, comparison, against, unchecked)));
            if (!duplicate && limit > 0) {
                int index = survivors.size();
                survivors.add(u);
                for (long b : buckets) {
                    List<Integer> l = byBucket.computeIfAbsent(b, k -> new ArrayList<>(2));
                    if (l.isEmpty() || l.get(l.size() - 1) != index) {
                        l.add(index);
                    }
                }
            }
        }
        return out;
    }

    /**
     * One task's view of the stage chain: the local runner's semantics (exactly one outcome per
     * document, {@code internal_error} quarantine, one stats count per distinct rule of a change),
     * with ledger rows and counts kept in this object for the task to hand back.
     */
    public static final class Chain {
        private final RunStats stats = new RunStats();
        private final List<LedgerRow> ledger = new ArrayList<>();
        private final StageChain chain = new StageChain(stats, ledger::add);

        /** The consumer that runs {@code stages} (recipe positions {@code firstIndex…}) then {@code sink}. */
        public Consumer<Document> build(List<DocStage> stages, int firstIndex, Consumer<Document> sink) {
            return chain.build(stages, firstIndex, sink);
        }

        /** The emitter a split reads into: counts documents in, ledgers refused entries, keeps to {@code head}. */
        public Emitter ingest(Consumer<Document> head) {
            return chain.ingest(new Progress(), head);
        }

        /** Runs one group (documents sorted by {@link #DOC_ORDER}) through a group stage. */
        public void runGroup(GroupStage stage, int index, String key, List<Document> docs, Consumer<Document> after) {
            chain.runGroup(stage, index, key, docs, after);
        }

        /** Decides about one document of a cluster stage ({@code cluster} null: its unit is in none). */
        public void runCluster(ClusterStage stage, int index, Document doc, ClusterStage.Cluster cluster,
                               Consumer<Document> after) {
            chain.runCluster(stage, index, doc, cluster, after);
        }

        /** The ledger rows written since the last call, in emission order. */
        public List<LedgerRow> drainLedger() {
            List<LedgerRow> out = new ArrayList<>(ledger);
            ledger.clear();
            return out;
        }

        /** This task's counts, to be merged into the run's with {@link RunStats#merge}. */
        public RunStats stats() {
            return stats;
        }
    }

    /**
     * Writes a run's outputs exactly as the local runner does: kept documents and ledger rows
     * (any order) are filed into {@code partitions} hash partitions by id on local disk under
     * {@code OUT/.codemill-work}, then written partition by partition, each sorted, through the
     * local runner's writers; then {@code manifest.json} and, last, {@code stats.json}.
     * {@code stats} receives the kept-document counts.
     *
     * @param threads      recorded in stats.json ({@code run.threads})
     * @param phaseSeconds recorded in stats.json ({@code run.phase_seconds}), followed by {@code writing}
     * @param startNanos   {@link System#nanoTime()} at the start of the run, for the wall time
     */
    public static RunResult write(Iterator<Document> kept, Iterator<LedgerRow> ledgerRows, int partitions,
                                  List<OutputFormat> formats, long partBytes, Recipe recipe, Path outDir,
                                  RunStats stats, int threads, Map<String, Double> phaseSeconds, long startNanos)
            throws IOException {
        long writeStart = System.nanoTime();
        Files.createDirectories(outDir);
        try (WorkDir workDir = WorkDir.create(outDir)) {
            return write(kept, ledgerRows, partitions, formats, partBytes, recipe, outDir, stats, threads, phaseSeconds,
                    startNanos, writeStart, workDir.path());
        }
    }

    private static RunResult write(Iterator<Document> kept, Iterator<LedgerRow> ledgerRows, int partitions,
                                   List<OutputFormat> formats, long partBytes, Recipe recipe, Path outDir,
                                   RunStats stats, int threads, Map<String, Double> phaseSeconds, long startNanos,
                                   long writeStart, Path work) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, formats.size() + 1), r -> {
            Thread t = new Thread(r, "codemill-writer");
            t.setDaemon(true);
            return t;
        });
        try (SpillStore<Document> docs = new SpillStore<>(work.resolve("kept"), partitions, SpillStore.DOCUMENTS);
             SpillStore<LedgerRow> ledger = new SpillStore<>(work.resolve("ledger"), partitions, SpillStore.LEDGER)) {
            while (kept.hasNext()) {
                Document d = kept.next();
                docs.append(d.id().value(), d);
            }
            while (ledgerRows.hasNext()) {
                LedgerRow r = ledgerRows.next();
                ledger.append(r.id(), r);
            }
            docs.close();
            ledger.close();
            Path staged = work.resolve("out");
            RunOutput output = new RunOutput(formats, partBytes);
            output.writeData(docs, partitions, staged, stats, pool);
            output.writeLedger(ledger, partitions, staged.resolve("ledger"));
            output.writeManifest(staged, recipe);
            Map<String, Double> phases = new java.util.LinkedHashMap<>(phaseSeconds);
            phases.put("writing", (System.nanoTime() - writeStart) / 1e9);
            double wall = (System.nanoTime() - startNanos) / 1e9;
            RunOutput.checkConservation(stats);
            RunOutput.publish(staged, outDir, output.statsJson(stats, wall, threads, phases));
            return new RunResult(stats, wall, outDir);
        } finally {
            LocalRunner.stop(pool);
        }
    }
}
