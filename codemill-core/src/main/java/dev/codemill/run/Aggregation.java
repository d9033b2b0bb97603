package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.stage.AggregateStage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * How runners compute an {@link AggregateStage}: one summary per worker, merged once at the end.
 * The local runner {@link #tap taps} the documents its threads keep (one summary per thread);
 * a distributed runner {@link #summarize summarizes} each partition where it lies and
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

    /** A thread-safe consumer that keeps one summary per calling thread, and decides from their merge. */
    static <S> Tap<S> tap(AggregateStage<S> stage) {
        return new Tap<>(stage);
    }

    /** The local runner's view: {@link #accept} from any thread, {@link #decide()} once they are done. */
    static final class Tap<S> implements Consumer<Document> {
        private final AggregateStage<S> stage;
        private final List<Slot<S>> slots = new ArrayList<>();
        private final ThreadLocal<Slot<S>> mine = new ThreadLocal<>();

        private Tap(AggregateStage<S> stage) {
            this.stage = stage;
        }

        /** One thread's summary. */
        private static final class Slot<S> {
            S summary;
        }

        @Override
        public void accept(Document d) {
            Slot<S> slot = mine.get();
            if (slot == null) {
                slot = new Slot<>();
                slot.summary = stage.zero();
                mine.set(slot);
                synchronized (slots) {
                    slots.add(slot);
                }
            }
            slot.summary = stage.add(slot.summary, d);
        }

        /** The decision from every thread's summary; call after all threads have finished adding. */
        AggregateStage.Decision decide() {
            S merged = stage.zero();
            synchronized (slots) {
                for (Slot<S> s : slots) {
                    merged = stage.merge(merged, s.summary);
                }
            }
            return stage.finish(merged);
        }
    }
}
