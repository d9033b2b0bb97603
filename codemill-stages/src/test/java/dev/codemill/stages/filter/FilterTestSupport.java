package dev.codemill.stages.filter;

import dev.codemill.testkit.SharedData;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Helpers shared by the filter tests. */
final class FilterTestSupport {
    private FilterTestSupport() {
    }

    static Path shared() {
        return SharedData.path(".");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static Document doc(String path, String text, String language, String type) {
        Annotations a = Annotations.EMPTY;
        if (language != null) {
            a = a.with(Keys.LANGUAGE, language);
        }
        if (type != null) {
            a = a.with(Keys.LANGUAGE_TYPE, type);
        }
        return Document.ofText(DocId.of("test/" + path), new SourceRef("test", "test", path), text, a);
    }

    static BasicFiltersStage stage(Map<String, Object> params) {
        Params p = new Params("basic_filters", params, 0L);
        BasicFiltersStage s = (BasicFiltersStage) new BasicFiltersStageFactory().create(p);
        p.rejectUnknown();
        return s;
    }

    /** What a stage did with one document. */
    record Outcome(String action, Verdict verdict) {
        boolean kept() {
            return action.equals("keep");
        }

        String rule() {
            return verdict == null ? "kept" : verdict.rule();
        }
    }

    static Outcome run(BasicFiltersStage stage, Document d) {
        Outcome[] out = new Outcome[1];
        int[] calls = new int[1];
        stage.process(d, new Emitter() {
            @Override
            public void keep(Document doc) {
                calls[0]++;
                out[0] = new Outcome("keep", null);
            }

            @Override
            public void drop(Document doc, Verdict why) {
                calls[0]++;
                out[0] = new Outcome("drop", why);
            }

            @Override
            public void quarantine(Document doc, Verdict why) {
                calls[0]++;
                out[0] = new Outcome("quarantine", why);
            }

            @Override
            public void modified(Document changed, java.util.List<Verdict> whys) {
                Verdict why = whys.get(0);
                calls[0]++;
                out[0] = new Outcome("modified", why);
            }
        });
        if (calls[0] != 1) {
            throw new AssertionError("stage called the emitter " + calls[0] + " times");
        }
        return out[0];
    }
}
