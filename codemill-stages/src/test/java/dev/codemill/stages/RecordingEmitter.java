package dev.codemill.stages;

import dev.codemill.model.Document;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Test emitter: records every outcome, in order. */
public final class RecordingEmitter implements Emitter {
    /**
     * One call: {@code keep}, {@code drop}, {@code quarantine}, {@code modify}, {@code derive} or {@code consume}; {@code verdict} is
     * the first (for {@code modify}) or only verdict, {@code verdicts} all of them (one per ledger row).
     */
    public record Outcome(String action, Document doc, Verdict verdict, List<Verdict> verdicts) {
        public Outcome(String action, Document doc, Verdict verdict) {
            this(action, doc, verdict, verdict == null ? List.of() : List.of(verdict));
        }
    }

    /** Counters sent through {@link #count}, summed per metric, in name order. */
    public final java.util.SortedMap<String, Long> counts = new java.util.TreeMap<>();

    public final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public void keep(Document doc) {
        outcomes.add(new Outcome("keep", doc, null));
    }

    @Override
    public void drop(Document doc, Verdict why) {
        outcomes.add(new Outcome("drop", doc, why));
    }

    @Override
    public void quarantine(Document doc, Verdict why) {
        outcomes.add(new Outcome("quarantine", doc, why));
    }

    @Override
    public void modified(Document changed, List<Verdict> whys) {
        outcomes.add(new Outcome("modify", changed, whys.get(0), List.copyOf(whys)));
    }

    /** {@code derive}: {@code doc} is the derived document; its sources are in {@link #sources}. */
    @Override
    public void emit(Document derived, List<dev.codemill.model.DocId> from, Verdict why) {
        outcomes.add(new Outcome("derive", derived, why));
        sources.put(derived.id(), List.copyOf(from));
    }

    @Override
    public void consume(Document doc, Verdict why) {
        outcomes.add(new Outcome("consume", doc, why));
    }

    /** The sources of every derived document, by its id. */
    public final java.util.Map<dev.codemill.model.DocId, List<dev.codemill.model.DocId>> sources = new java.util.LinkedHashMap<>();

    @Override
    public void count(String metric, long delta) {
        counts.merge(metric, delta, Long::sum);
    }

    /** The single outcome; fails when there is not exactly one. */
    public Outcome only() {
        if (outcomes.size() != 1) {
            throw new AssertionError("expected exactly one outcome, got " + outcomes);
        }
        return outcomes.get(0);
    }

    /** Documents that went on (kept or modified), in order. */
    public List<Document> kept() {
        return outcomes.stream().filter(o -> o.action().equals("keep") || o.action().equals("modify"))
                .map(Outcome::doc).toList();
    }

    /** Verdicts of the calls with {@code action}, in order. */
    public List<Verdict> verdicts(String action) {
        return outcomes.stream().filter(o -> o.action().equals(action)).map(Outcome::verdict).toList();
    }
}
