package dev.codemill.io;

import dev.codemill.model.Document;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test emitter: records kept documents and refusals in order. */
public final class Recorder implements Emitter {
    public record Refusal(Document doc, Verdict verdict) {
    }

    public final List<Document> kept = new ArrayList<>();
    public final List<Refusal> refused = new ArrayList<>();

    public static Recorder readAll(List<Split> splits) throws IOException {
        Recorder r = new Recorder();
        for (Split s : splits) {
            s.read(r);
        }
        return r;
    }

    /** path → rule of every refusal, in order. */
    public Map<String, String> rulesByPath() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Refusal f : refused) {
            m.put(f.doc().source().path(), f.verdict().rule());
        }
        return m;
    }

    public List<String> keptPaths() {
        List<String> out = new ArrayList<>();
        for (Document d : kept) {
            out.add(d.source().repoName() + "|" + d.source().path());
        }
        return out;
    }

    @Override
    public void keep(Document doc) {
        kept.add(doc);
    }

    @Override
    public void drop(Document doc, Verdict why) {
        throw new AssertionError("readers never drop: " + doc + " " + why);
    }

    @Override
    public void quarantine(Document doc, Verdict why) {
        refused.add(new Refusal(doc, why));
    }

    @Override
    public void modified(Document changed, java.util.List<Verdict> whys) {
        throw new AssertionError("readers never modify: " + changed + " " + whys);
    }
}
