package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.model.Annotations;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code language} stage: sets {@link Keys#LANGUAGE}, {@link Keys#LANGUAGE_EVIDENCE},
 * {@link Keys#LANGUAGE_TYPE} (absent for unknown files) and {@link Keys#SUBTYPE} (when a rule
 * names one) with a {@link LanguageDetector}. It never drops: every document leaves through
 * {@link Emitter#keep}; dropping by language is a filter's job. Unknown files get language
 * {@value LanguageTable#UNKNOWN} and evidence {@code none}.
 *
 * <p>A document that already has evidence {@value #NOTEBOOK_EVIDENCE} (set by the
 * {@code notebook} stage, whose text is now the extracted code) is kept unchanged.
 */
public final class LanguageStage implements DocStage, Explainable {
    /** Evidence value the notebook stage sets. */
    public static final String NOTEBOOK_EVIDENCE = "notebook";

    private final LanguageDetector detector;

    public LanguageStage(LanguageDetector detector) {
        this.detector = detector;
    }

    /** False: annotates only. */
    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public String name() {
        return LanguageStageFactory.NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (!doc.isDecoded() || NOTEBOOK_EVIDENCE.equals(doc.get(Keys.LANGUAGE_EVIDENCE))) {
            out.keep(doc);
            return;
        }
        LanguageDetector.Detection d = detector.detect(doc.source().path(), doc.text());
        Annotations a = doc.annotations()
                .with(Keys.LANGUAGE, d.language())
                .with(Keys.LANGUAGE_EVIDENCE, d.evidence())
                .with(Keys.LANGUAGE_TYPE, d.type());
        if (d.subtype() != null) {
            a = a.with(Keys.SUBTYPE, d.subtype());
        }
        out.keep(doc.withAnnotations(a));
    }

    /**
     * One check per strategy tried, in order, then {@code language} with the verdict. The stage never
     * drops, so every check passes; a strategy that found nothing has value {@code none}.
     */
    @Override
    public List<Check> explain(Document doc) {
        List<Check> checks = new ArrayList<>();
        if (!doc.isDecoded()) {
            checks.add(Check.pass("language", "", "decoded text", "document is not decoded: kept without a language, as "
                    + "process does (run decode first)"));
            return checks;
        }
        if (NOTEBOOK_EVIDENCE.equals(doc.get(Keys.LANGUAGE_EVIDENCE))) {
            checks.add(Check.pass("language", doc.get(Keys.LANGUAGE), "", "set by the notebook stage; left as is"));
            return checks;
        }
        for (LanguageDetector.Step s : detector.trace(doc.source().path(), doc.text())) {
            if (s.strategy().equals("result")) {
                checks.add(Check.pass("language", s.language(), "", "evidence " + s.value()));
            } else {
                String detail = s.language() == null
                        ? s.strategy() + " '" + s.value() + "' names no language"
                        : s.strategy() + " '" + s.value() + "' -> " + s.language();
                checks.add(Check.pass(s.strategy(), s.language() == null ? "none" : s.language(), "", detail));
            }
        }
        return checks;
    }
}
