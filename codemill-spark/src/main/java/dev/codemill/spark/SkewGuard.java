package dev.codemill.spark;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.run.DocOrder;
import dev.codemill.run.Segment;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * The skew guard of the group stages: a group larger than {@code sliceBytes} (a repository of a
 * million files for {@code license} or {@code repo_tests}; every document without a repository
 * name, which all share the key {@code ""}) is not one task's list but {@link #slices} slices.
 * Only stages that declare their group context ({@link GroupStage#sliceContext}) are sliced: a
 * document goes to slice {@link #sliceOf} of its id, a context document to every slice, and each
 * slice runs the stage on its own documents plus the group's context documents, keeping only its
 * own documents' outcomes ({@link SliceStage}). The stage's promise makes those the outcomes of
 * the unsliced group, so the output does not change; a group at or under {@code sliceBytes}
 * (every group on a corpus of ordinary repositories) takes the unsliced path.
 *
 * <p>Group sizes are the bytes of the documents' {@code DocumentCodec} form, summed per key in the
 * job that materialises the stage's input ({@link #materialise}), so finding the giants costs a
 * shuffle of one (key, bytes) pair per key and map task, not another pass over the documents.
 * What stays one task's memory: the context documents of a giant group (its licence files and
 * READMEs; its test files), sent to each of its slices.
 */
final class SkewGuard {
    /** Separates a giant group's key from its slice number in the shuffle key (a key holding it itself is marked {@link #UNSLICED}). */
    static final char SLICE = '\u0000';
    /** Suffix (after {@link #SLICE}) of an unsliced group key that holds the separator itself. */
    static final char UNSLICED = '-';
    /** Default group size above which a sliceable group is cut: 128 MiB of encoded documents. */
    static final String DEFAULT_SLICE_BYTES = "128m";
    /** Spark configuration key of the slice size ({@code --conf spark.codemill.groupSliceBytes=64m}). */
    static final String CONF = "spark.codemill.groupSliceBytes";
    /** Most slices of one group: a 512 GiB repository at the default size. */
    static final int MAX_SLICES = 4096;

    /** Giant groups found on this driver JVM so far (tests check that slicing happened). */
    static final java.util.concurrent.atomic.AtomicLong SLICED_GROUPS = new java.util.concurrent.atomic.AtomicLong();

    private SkewGuard() {
    }

    /** Slices of a group of {@code groupBytes}: {@code ceil(groupBytes / sliceBytes)}, 1 when it fits, at most {@link #MAX_SLICES}. */
    static int slices(long groupBytes, long sliceBytes) {
        if (sliceBytes <= 0) {
            throw new IllegalArgumentException("slice bytes must be positive: " + sliceBytes);
        }
        long n = groupBytes <= sliceBytes ? 1 : (groupBytes - 1) / sliceBytes + 1;
        return (int) Math.min(MAX_SLICES, n);
    }

    /**
     * The slice of a document id among {@code n}: the id's {@code String.hashCode} mixed by the
     * murmur3 finaliser (so that slices do not line up with the write partitions, which use the
     * unmixed hash), modulo {@code n}. Depends on the id only: the same on every run and executor.
     */
    static int sliceOf(String id, int n) {
        int h = id.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, n);
    }

    /**
     * Materialises {@code current} (persisted by the caller) and {@code side} (its records other
     * than documents, persisted too) and returns the giant groups of the segment that follows it,
     * key to slice count: with a sliceable group stage at its boundary, first a job that sums the
     * documents' bytes per group key; then a {@code count} of {@code side}, which computes
     * {@code current} if that job did not.
     */
    static HashMap<String, Integer> materialise(JavaRDD<Rec> current, JavaRDD<Rec> side, Segment seg, long sliceBytes,
                                                int partitions) {
        GroupStage g = seg.group();
        HashMap<String, Integer> giants = new HashMap<>();
        if (g != null && g.sliceContext() != null) {
            current.filter(r -> r.kind == Rec.DOC)
                    .mapToPair(r -> new Tuple2<>(r.key, (long) r.data.length))
                    .reduceByKey(Long::sum, partitions)
                    .filter(t -> t._2() > sliceBytes)
                    .collectAsMap()
                    .forEach((k, bytes) -> giants.put(k, slices(bytes, sliceBytes)));
            SLICED_GROUPS.addAndGet(giants.size());
        }
        side.count();
        return giants;
    }

    /**
     * The shuffle records of one document (key, encoded form) before a sliced group stage: itself
     * when its group is not a giant; else under {@code key NUL slice}, to its own slice, or to every
     * slice when {@code context} accepts it.
     */
    static Iterator<Tuple2<String, byte[]>> route(Tuple2<String, byte[]> doc, Map<String, Integer> giants,
                                                  Predicate<Document> context) {
        Integer n = giants.get(doc._1());
        if (n == null) {
            // a key holding the separator itself (a repository name with a NUL) is marked unsliced, so it
            // can never read as a slice of another group ("G" NUL "1" vs slice 1 of "G")
            return List.of(doc._1().indexOf(SLICE) < 0 ? doc : new Tuple2<>(doc._1() + SLICE + UNSLICED, doc._2()))
                    .iterator();
        }
        Document d = Rec.decode(doc._2());
        List<Tuple2<String, byte[]>> out = new ArrayList<>();
        if (context.test(d)) {
            for (int i = 0; i < n; i++) {
                out.add(new Tuple2<>(doc._1() + SLICE + i, doc._2()));
            }
        } else {
            out.add(new Tuple2<>(doc._1() + SLICE + sliceOf(d.id().value(), n), doc._2()));
        }
        return out.iterator();
    }

    /** A shuffle key split into the group key and its slice ({@code slice} -1: an unsliced group). */
    record Key(String group, int slice, int slices) {
        static Key parse(String shuffleKey, Map<String, Integer> giants) {
            if (shuffleKey.endsWith("" + SLICE + UNSLICED)) {
                return new Key(shuffleKey.substring(0, shuffleKey.length() - 2), -1, 1);
            }
            int at = shuffleKey.lastIndexOf(SLICE);
            if (at >= 0) {
                String group = shuffleKey.substring(0, at);
                Integer n = giants.get(group);
                if (n != null) {
                    return new Key(group, Integer.parseInt(shuffleKey.substring(at + 1)), n);
                }
            }
            return new Key(shuffleKey, -1, 1);
        }
    }

    /**
     * A group stage run on one slice: {@link #processGroup} gets the slice's own documents (those
     * the runner counts in and out), adds the group's context documents of the other slices, runs
     * the stage on all of them in the local order, and passes on only the own documents' outcomes.
     */
    static final class SliceStage implements GroupStage {
        private final GroupStage inner;
        private final List<Document> context;

        SliceStage(GroupStage inner, List<Document> otherSlicesContext) {
            this.inner = inner;
            this.context = otherSlicesContext;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String key(Document doc) {
            return inner.key(doc);
        }

        @Override
        public void processGroup(String key, List<Document> own, Emitter out) {
            List<Document> all = new ArrayList<>(own.size() + context.size());
            all.addAll(own);
            all.addAll(context);
            all.sort(DocOrder.ORDER);
            Set<DocId> ids = new HashSet<>();
            own.forEach(d -> ids.add(d.id()));
            inner.processGroup(key, all, new OwnOutcomes(out, ids, inner.name()));
        }
    }

    /** Passes on the outcomes of the slice's own documents; a derived document or a counter is refused (the stage's promise). */
    private record OwnOutcomes(Emitter out, Set<DocId> own, String stage) implements Emitter {
        @Override
        public void keep(Document doc) {
            if (own.contains(doc.id())) {
                out.keep(doc);
            }
        }

        @Override
        public void drop(Document doc, Verdict why) {
            if (own.contains(doc.id())) {
                out.drop(doc, why);
            }
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            if (own.contains(doc.id())) {
                out.quarantine(doc, why);
            }
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            if (own.contains(changed.id())) {
                out.modified(changed, whys);
            }
        }

        @Override
        public void consume(Document doc, Verdict why) {
            if (own.contains(doc.id())) {
                out.consume(doc, why);
            }
        }

        @Override
        public void emit(Document derived, List<DocId> from, Verdict why) {
            throw new IllegalStateException("stage " + stage + " declares a slice context but emitted a document");
        }

        @Override
        public void count(String metric, long delta) {
            throw new IllegalStateException("stage " + stage + " declares a slice context but counted " + metric);
        }
    }
}
