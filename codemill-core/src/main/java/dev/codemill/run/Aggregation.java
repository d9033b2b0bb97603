package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.stage.AggregateStage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How runners compute an {@link AggregateStage}: one summary per worker, merged once at the end.
 * The local runner summarizes each partition of its kept spill after the chain
 * ({@link #decide(AggregateStage, SpillStore, java.util.concurrent.ExecutorService)}); a distributed runner {@link #summarize summarizes} each partition where it lies and
 * {@link #decide decides} from the encoded summaries on the driver.
 */
public final class Aggregation {
    private Aggregation() {
    }

    /** One partition's summary, encoded: {@code zero}, then {@code add} of each document. */
    public static <S> byte[] summarize(AggregateStage<S> stage, Iterator<Document> docs) {
        S s = stage.zero();
        while (docs.hasNext()) {
            s = stage.add(s, docs.next());
        }
        return stage.encode(s);
    }

    /** The decision from encoded partition summaries (merged in the given order). */
    public static <S> AggregateStage.Decision decide(AggregateStage<S> stage, List<byte[]> summaries) {
        S merged = stage.zero();
        for (byte[] b : summaries) {
            merged = stage.merge(merged, stage.decode(b));
        }
        return stage.finish(merged);
    }

    /**
     * The decision over the kept documents in {@code kept} (closed): one summary per partition,
     * each over the partition sorted by {@link DocOrder#ORDER}, merged in partition order, as a
     * distributed runner does. The spill is read, not deleted (the write tail reads it next), so
     * the decision never depends on thread timing or, after {@code --resume}, on an attempt.
     */
    static <S> AggregateStage.Decision decide(AggregateStage<S> stage, SpillStore<Document> kept,
                                              java.util.concurrent.ExecutorService pool) throws java.io.IOException {
        List<java.util.concurrent.Future<byte[]>> parts = new ArrayList<>();
        for (int p = 0; p < kept.partitions(); p++) {
            int part = p;
            parts.add(pool.submit(() -> {
                List<Document> docs = kept.read(part, false);
                docs.sort(DocOrder.ORDER);
                return summarize(stage, docs.iterator());
            }));
        }
        List<byte[]> summaries = new ArrayList<>();
        for (java.util.concurrent.Future<byte[]> f : parts) {
            summaries.add(Futures.get(f));
        }
        return decide(stage, summaries);
    }
}
