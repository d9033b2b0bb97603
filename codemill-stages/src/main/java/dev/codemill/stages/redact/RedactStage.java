package dev.codemill.stages.redact;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Redacts PII and secrets in decoded text with {@link Redactor} (BigCode's PII pipeline:
 * {@code <EMAIL>}, {@code <KEY>}, {@code <PASSWORD>}, IPs replaced by documentation-range
 * addresses; Allal et al. 2023, "SantaCoder", §3 and bigcode-dataset/pii).
 *
 * <p>A document without findings is kept unchanged (no annotations added). A changed document
 * goes on through {@link Emitter#modified} with rule {@value #RULE}, detail the counts per type
 * ({@code email=2 ipv4=1 github_token=1}), value the number of redactions, and the annotations
 * {@link Keys#REDACTIONS} (Long) and {@link Keys#REDACTION_TYPES} (sorted type names). A
 * document without text (not decoded) is kept unchanged.
 */
public final class RedactStage implements DocStage, Explainable {
    /** Recipe type. */
    public static final String NAME = "redact";
    /** Ledger rule of a changed document. */
    public static final String RULE = "pii_redacted";

    private final Redactor redactor;

    public RedactStage(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public String name() {
        return NAME;
    }

    public Redactor redactor() {
        return redactor;
    }

    @Override
    public void process(Document doc, Emitter out) {
        String text = doc.text();
        if (text == null) {
            out.keep(doc);
            return;
        }
        Redactor.Result r = redactor.redact(text);
        if (r.findings().isEmpty()) {
            out.keep(doc);
            return;
        }
        Document changed = doc.withText(r.text())
                .with(Keys.REDACTIONS, (long) r.total())
                .with(Keys.REDACTION_TYPES, List.copyOf(r.counts().keySet()));
        out.modified(changed, new Verdict(RULE, r.detail(), Long.toString(r.total()), "", ""));
    }

    /** One check per enabled detector type: value = spans it would replace, passed when 0. */
    @Override
    public List<Check> explain(Document doc) {
        List<Check> checks = new ArrayList<>();
        Map<String, Integer> counts = doc.text() == null ? Map.of() : redactor.redact(doc.text()).counts();
        for (String type : Redactor.TYPES) {
            if (!redactor.options().types().contains(type)) {
                continue;
            }
            int c = counts.getOrDefault(type, 0);
            checks.add(new Check(type, c == 0, Integer.toString(c), "0",
                    c == 0 ? "nothing to redact" : c + " span(s) redacted"));
        }
        return checks;
    }
}
