package dev.codemill.stages.detect;

import dev.codemill.model.Document;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Test emitter: records every outcome. */
final class RecordingEmitter implements Emitter {
    record Outcome(String action, Document doc, Verdict verdict) {
    }

    final List<Outcome> outcomes = new ArrayList<>();

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
    public void modified(Document changed, Verdict why) {
        outcomes.add(new Outcome("modify", changed, why));
    }

    /** The single outcome; fails when there is not exactly one. */
    Outcome only() {
        if (outcomes.size() != 1) {
            throw new AssertionError("expected exactly one outcome, got " + outcomes);
        }
        return outcomes.get(0);
    }
}
