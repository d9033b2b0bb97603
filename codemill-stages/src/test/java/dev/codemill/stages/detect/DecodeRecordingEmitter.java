package dev.codemill.stages.detect;

import dev.codemill.model.Document;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Test emitter for the decode tests: records every call. */
final class DecodeRecordingEmitter implements Emitter {
    final List<Document> kept = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<Verdict> verdicts = new ArrayList<>();
    final List<Document> removed = new ArrayList<>();

    @Override
    public void keep(Document doc) {
        actions.add("keep");
        kept.add(doc);
    }

    @Override
    public void drop(Document doc, Verdict why) {
        actions.add("drop");
        verdicts.add(why);
        removed.add(doc);
    }

    @Override
    public void quarantine(Document doc, Verdict why) {
        actions.add("quarantine");
        verdicts.add(why);
        removed.add(doc);
    }

    @Override
    public void modified(Document changed, java.util.List<Verdict> whys) {
        Verdict why = whys.get(0);
        actions.add("modify");
        verdicts.add(why);
        kept.add(changed);
    }
}
