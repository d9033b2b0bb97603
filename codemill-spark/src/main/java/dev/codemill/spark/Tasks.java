package dev.codemill.spark;

import dev.codemill.model.Document;
import dev.codemill.run.DocOrder;
import dev.codemill.run.TaskChain;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.PartitionWrite;
import dev.codemill.spark.storage.PartTarget;
import java.nio.file.Path;
import org.apache.spark.TaskContext;
import dev.codemill.run.Segment;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.spark.storage.SplitRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import scala.Tuple2;

/**
 * The work of one Spark task, on an executor: stages come from the {@link Plan} (built once per
 * JVM), and each task runs its inputs through the local runner's stage semantics
 * ({@link TaskChain}). Output is produced lazily, one input element (a split, a group,
 * a unit) at a time, and ends with the task's counts as one {@link Rec#STATS} record: counts are
 * data of the task's result, so a retried or speculative task is never counted twice.
 */
final class Tasks {
    private Tasks() {
    }

    /** Steps over the inputs of one task, buffering each step's records. */
    abstract static class Pump<I> implements Iterator<Rec> {
        private final Iterator<I> in;
        final ArrayDeque<Rec> out = new ArrayDeque<>();
        final TaskChain chain = new TaskChain();
        private boolean done;

        Pump(Iterator<I> in) {
            this.in = in;
        }

        abstract void step(I input) throws IOException;

        @Override
        public boolean hasNext() {
            while (out.isEmpty() && !done) {
                if (in.hasNext()) {
                    try {
                        step(in.next());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    for (LedgerRow r : chain.drainLedger()) {
                        out.add(Rec.ledger(r));
                    }
                } else {
                    out.add(Rec.stats(chain.stats()));
                    done = true;
                }
            }
            return !out.isEmpty();
        }

        @Override
        public Rec next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.poll();
        }

        /**
         * Where documents leaving segment {@code s} go: filed under the key of the segment's
         * boundary (group key; cluster unit, with the membership; id after the last stage).
         */
        Consumer<Document> sink(Segment seg) {
            GroupStage g = seg.group();
            ClusterStage c = seg.cluster();
            if (g != null) {
                return d -> out.add(Rec.doc(g.key(d), d));
            }
            if (c != null) {
                return d -> {
                    String unit = c.unit(d);
                    out.add(Rec.doc(unit, d));
                    ClusterStage.Membership m = c.membership(d);
                    if (m != null) {
                        out.add(Rec.member(unit, m));
                    }
                };
            }
            return d -> out.add(Rec.doc(d.id().value(), d));
        }

        /**
         * The doc stages of segment {@code s}, then its sink; after each stage that feeds a
         * branch ({@link #tap}), the local runner's {@code BranchTee.build}.
         */
        Consumer<Document> head(Plan plan, int s) {
            return docStages(plan, s, sink(plan.segments().get(s)));
        }

        /** The doc stages of segment {@code s} (with their branch taps), then {@code next}. */
        Consumer<Document> docStages(Plan plan, int s, Consumer<Document> next) {
            chain.note(plan.segments()); // where redact runs in the whole chain (removal snippets)
            Segment seg = plan.segments().get(s);
            List<DocStage> stages = seg.docStages();
            for (int i = stages.size() - 1; i >= 0; i--) {
                int index = seg.firstIndex() + i;
                next = chain.build(List.of(stages.get(i)), index, tap(plan, index, next));
            }
            return next;
        }

        /**
         * {@code next}, after a {@link Rec#BRANCH} copy of each document for every branch fed at
         * main-chain position {@code index} (the end, -1, is fed from the kept documents instead).
         */
        Consumer<Document> tap(Plan plan, int index, Consumer<Document> next) {
            List<String> fed = plan.fedAt(index);
            if (fed.isEmpty()) {
                return next;
            }
            return d -> {
                for (String b : fed) {
                    out.add(Rec.branch(b, d));
                }
                next.accept(d);
            };
        }
    }

    /**
     * The runs of equal keys of a stream sorted by key (a {@code repartitionAndSortWithinPartitions}
     * partition), each as one group: the shape {@code groupByKey} gave, one group in memory at a time
     * (the current one; the next record is read ahead). A group's list is bounded as before: by the
     * skew guard's slices for sliceable stages, else by the largest group (one repository, one content
     * hash), which {@code groupByKey} held in one task's memory too.
     */
    static <V> Iterator<Tuple2<String, Iterable<V>>> runs(Iterator<Tuple2<String, V>> sorted) {
        return new Iterator<>() {
            private Tuple2<String, V> ahead = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public Tuple2<String, Iterable<V>> next() {
                if (ahead == null) {
                    throw new NoSuchElementException();
                }
                String key = ahead._1();
                List<V> values = new ArrayList<>();
                values.add(ahead._2());
                ahead = null;
                while (sorted.hasNext()) {
                    Tuple2<String, V> t = sorted.next();
                    if (!t._1().equals(key)) {
                        ahead = t;
                        break;
                    }
                    values.add(t._2());
                }
                return new Tuple2<>(key, values);
            }
        };
    }

    /**
     * A cluster stage's documents ({@code byte[]}) and cluster rows ({@link ClusterRow}) of one
     * stream sorted by unit, as per unit (documents, rows): the shape {@code cogroup} gave, one unit
     * in memory at a time.
     */
    static Iterator<Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<ClusterRow>>>> units(
            Iterator<Tuple2<String, Object>> sorted) {
        Iterator<Tuple2<String, Iterable<Object>>> runs = runs(sorted);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return runs.hasNext();
            }

            @Override
            public Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<ClusterRow>>> next() {
                Tuple2<String, Iterable<Object>> unit = runs.next();
                List<byte[]> docs = new ArrayList<>();
                List<ClusterRow> rows = new ArrayList<>();
                for (Object o : unit._2()) {
                    if (o instanceof byte[] b) {
                        docs.add(b);
                    } else {
                        rows.add((ClusterRow) o);
                    }
                }
                return new Tuple2<>(unit._1(), new Tuple2<>(docs, rows));
            }
        };
    }

    /** Reads splits (the driver's listing as data, no listing here) through the first segment. */
    static Iterator<Rec> read(Plan plan, Iterator<SplitRef> splits) {
        return new Pump<SplitRef>(splits) {
            private final Consumer<Document> head = head(plan, 0);

            @Override
            void step(SplitRef ref) throws IOException {
                plan.split(ref).read(chain.ingest(head));
            }
        };
    }

    /**
     * Feeds a branch's documents (its copies, {@link Rec#BRANCH} data) into the first segment of
     * the branch's plan as inputs: the local runner reads its branch spill the same way.
     */
    static Iterator<Rec> feed(Plan plan, Iterator<byte[]> docs) {
        return new Pump<byte[]>(docs) {
            private final Emitter in = chain.ingest(head(plan, 0));

            @Override
            void step(byte[] doc) {
                in.keep(Rec.decode(doc));
            }
        };
    }

    /**
     * Runs the groups of segment {@code s}'s group stage, then segment {@code s + 1}; a slice of a
     * giant group ({@code giants}: group key to slices, {@link SkewGuard}) runs its own documents
     * with the context documents of the other slices. With {@code last > s} the group stages of
     * segments {@code s…last} (consecutive, the same key field: {@link dev.codemill.run.Segment#fusedAfter}) run in this one
     * task per group, as the local runner's {@code GroupRound} does: what stage {@code s} keeps of
     * group K goes through the doc stages of segment {@code s + 1} into a list, which, sorted by
     * {@link DocOrder#ORDER}, is group K of the next stage; then segment {@code last + 1}. No giant
     * group may be sliced in a fused run (the caller fuses only when there is none).
     */
    static Iterator<Rec> groups(Plan plan, int s, int last, Iterator<Tuple2<String, Iterable<byte[]>>> groups,
                                Map<String, Integer> giants) {
        if (last > s && !giants.isEmpty()) {
            throw new IllegalArgumentException("a sliced group cannot run fused stages");
        }
        List<Segment> segments = plan.segments();
        Segment seg = segments.get(s);
        GroupStage stage = seg.group();
        return new Pump<Tuple2<String, Iterable<byte[]>>>(groups) {
            private final Consumer<Document> after = tap(plan, segments.get(last).boundaryIndex(), head(plan, last + 1));
            /** Per fused level after the first: the group being collected for it, and its key. */
            private final List<List<Document>> collected = new ArrayList<>();
            private final String[] collecting = new String[last - s + 1];
            /** Per level before the last: its outcomes through the next segment's doc stages into {@link #collected}. */
            private final List<Consumer<Document>> into = new ArrayList<>();

            {
                for (int level = s; level < last; level++) {
                    int l = level - s + 1;
                    GroupStage nextStage = segments.get(level + 1).group();
                    String name = segments.get(level).group().name();
                    collected.add(new ArrayList<>());
                    Consumer<Document> collect = d -> {
                        String k = nextStage.key(d);
                        if (!k.equals(collecting[l])) {
                            throw new IllegalStateException("stages '" + name + "' and '" + nextStage.name()
                                    + "' share a task (both group by " + nextStage.keyField() + "), but " + d
                                    + " left group '" + collecting[l] + "' with key '" + k
                                    + "': a doc stage between them changed the key");
                        }
                        collected.get(l - 1).add(d);
                    };
                    into.add(tap(plan, segments.get(level).boundaryIndex(), docStages(plan, level + 1, collect)));
                }
            }

            @Override
            void step(Tuple2<String, Iterable<byte[]>> group) {
                SkewGuard.Key key = giants.isEmpty() ? new SkewGuard.Key(group._1(), -1, 1)
                        : SkewGuard.Key.parse(group._1(), giants);
                List<Document> docs = new ArrayList<>();
                List<Document> context = new ArrayList<>();
                for (byte[] b : group._2()) {
                    Document d = Rec.decode(b);
                    (key.slice() < 0 || SkewGuard.sliceOf(d.id().value(), key.slices()) == key.slice() ? docs : context).add(d);
                }
                docs.sort(DocOrder.ORDER);
                if (key.slice() >= 0) {
                    chain.runGroup(new SkewGuard.SliceStage(stage, context), seg.boundaryIndex(), key.group(), docs, after);
                } else {
                    run(s, key.group(), docs);
                }
            }

            private void run(int level, String key, List<Document> docs) {
                Segment at = segments.get(level);
                if (level == last) {
                    chain.runGroup(at.group(), at.boundaryIndex(), key, docs, after);
                    return;
                }
                int l = level - s + 1;
                List<Document> next = collected.get(l - 1);
                next.clear();
                collecting[l] = key;
                chain.runGroup(at.group(), at.boundaryIndex(), key, docs, into.get(level - s));
                if (!next.isEmpty()) {
                    List<Document> group = new ArrayList<>(next);
                    next.clear();
                    group.sort(DocOrder.ORDER);
                    run(level + 1, key, group);
                }
            }
        };
    }

    /** Decides about the documents of each unit of segment {@code s}'s cluster stage, then segment {@code s + 1}. */
    static Iterator<Rec> decide(Plan plan, int s,
                                Iterator<Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<ClusterRow>>>> units) {
        Segment seg = plan.segments().get(s);
        ClusterStage stage = seg.cluster();
        return new Pump<Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<ClusterRow>>>>(units) {
            private final Consumer<Document> after = tap(plan, seg.boundaryIndex(), head(plan, s + 1));

            @Override
            void step(Tuple2<String, Tuple2<Iterable<byte[]>, Iterable<ClusterRow>>> unit) {
                ClusterStage.Cluster cluster = null;
                for (ClusterRow c : unit._2()._2()) {
                    cluster = new ClusterStage.Cluster(c.keptUnit(), c.size(), c.comparison(), c.comparedUnit(), c.unchecked());
                }
                List<Document> docs = new ArrayList<>();
                unit._2()._1().forEach(b -> docs.add(Rec.decode(b)));
                docs.sort(DocOrder.ORDER);
                for (Document d : docs) {
                    chain.runCluster(stage, seg.boundaryIndex(), d, cluster, after);
                }
            }
        };
    }

    /**
     * Writes hash partition {@code p} of the kept documents and ledger rows ({@link Rec#DOC} and
     * {@link Rec#LEDGER} records under their id) into this task attempt's own folder
     * {@code partsDir/p-PPPPP-aATTEMPT} ({@link PartitionWrite}); the driver commits the
     * attempts whose results it got. Decisions of the aggregate stages come from their
     * summaries, decided here as on the driver. With a {@code target} (OUT on a Hadoop file system)
     * the folder is written locally under the driver's view path and then uploaded to OUT's work
     * folder ({@link PartTarget#upload}).
     */
    static Iterator<PartitionWrite.Written> write(Plan plan, String partsDir, PartTarget target, int p,
                                                  Iterator<Tuple2<String, Rec>> recs,
                                                  List<List<byte[]>> summaries, boolean observe) throws IOException {
        List<Document> docs = new ArrayList<>();
        List<LedgerRow> ledger = new ArrayList<>();
        while (recs.hasNext()) {
            Rec r = recs.next()._2();
            if (r.kind == Rec.DOC) {
                docs.add(r.document());
            } else if (r.kind == Rec.LEDGER) {
                ledger.add(r.ledgerRow());
            } else {
                throw new IllegalStateException("a record of kind " + (char) r.kind + " in the write of partition " + p);
            }
        }
        TaskContext task = TaskContext.get();
        long attempt = task == null ? 0 : task.taskAttemptId();
        Path dir = Path.of(partsDir, String.format("p-%05d-a%d", p, attempt));
        PartitionWrite.Written written = PartitionWrite.write(plan.formats(), plan.partBytes, dir, p, docs, ledger,
                plan.decisions(summaries), observe);
        if (target != null) {
            target.upload(dir);
        }
        Faults.afterWrite(p, task);
        return List.of(written).iterator();
    }

    /** A clustered unit's cluster: the kept unit, the cluster's size in units, the comparison, the unit it is against, unchecked survivors. */
    record ClusterRow(String unit, String keptUnit, int size, String comparison, String comparedUnit, int unchecked)
            implements java.io.Serializable {
    }
}
