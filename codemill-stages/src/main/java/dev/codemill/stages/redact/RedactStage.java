package dev.codemill.stages.redact;

import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Key;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Redacts PII and secrets in decoded text with {@link Redactor} (BigCode's PII pipeline:
 * {@code <EMAIL>}, {@code <KEY>}, {@code <PASSWORD>}, IPs replaced by documentation-range
 * addresses; Allal et al. 2023, "SantaCoder", §3 and bigcode-dataset/pii).
 *
 * <p>A document without findings is kept unchanged (no annotations added). A changed document
 * goes on once through {@link Emitter#modified(Document, List)} with one ledger row per replaced
 * span, in text order:
 * <ul>
 *   <li>rule {@code redact_<type>} ({@link #RULE_PREFIX} + a {@link Redactor#TYPES} name, e.g.
 *       {@code redact_email}, {@code redact_ipv4}, {@code redact_aws_access_key});</li>
 *   <li>value {@code start-end}: the span's UTF-16 char offsets in the ORIGINAL text (the text
 *       the stage received), start inclusive, end exclusive, e.g. {@code 10-27};</li>
 *   <li>limit empty; detail the replacement written instead, e.g. {@code <EMAIL>},
 *       {@code 192.0.2.17} (never the secret itself).</li>
 * </ul>
 * Every replaced span gets a row, including the uncounted continuation spans of a private key
 * split over several string literals. Run statistics count the document once per rule. Per type
 * it adds {@code count("spans.<type>", n)} (n = replaced spans of that type, i.e. its ledger rows),
 * written under {@code metrics.redact} in stats.json. The annotations {@link Keys#REDACTIONS}
 * (Long: counted redactions, where a split private key counts once) and
 * {@link Keys#REDACTION_TYPES} (sorted type names) are set. A document without text (not
 * decoded) is kept unchanged. The text annotations of a git commit change
 * ({@link #TEXT_ANNOTATIONS}: the file before the commit, the subject and body) are redacted
 * the same way, their rows after the text's.
 */
public final class RedactStage implements DocStage, Explainable {
    /** Recipe type. */
    public static final String NAME = "redact";
    /** Prefix of the ledger rule of a redacted span: {@code redact_} + detector type. */
    public static final String RULE_PREFIX = "redact_";
    /** Prefix of the per-type span counters ({@code spans.email}). */
    public static final String METRIC_PREFIX = "spans.";

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

    /**
     * Text annotations redacted besides the text: the two sides of a git commit change and its
     * message ({@link HistoryKeys}); a secret that a commit removed must not survive in the file
     * before it. Their ledger rows' value is {@code KEY:start-end}, e.g. {@code old_content:10-27}.
     */
    public static final List<Key<String>> TEXT_ANNOTATIONS = List.of(HistoryKeys.OLD_CONTENT, HistoryKeys.SUBJECT, HistoryKeys.BODY);

    @Override
    public void process(Document doc, Emitter out) {
        String text = doc.text();
        if (text == null) {
            out.keep(doc);
            return;
        }
        Redactor.Result r = redactor.redact(text);
        Document changed = r.findings().isEmpty() ? doc : doc.withText(r.text());
        List<Verdict> rows = new ArrayList<>();
        Map<String, Long> spans = new TreeMap<>();
        TreeSet<String> types = new TreeSet<>(r.counts().keySet());
        long total = r.total();
        add(r, "", rows, spans);
        for (Key<String> k : TEXT_ANNOTATIONS) {
            String side = doc.get(k);
            if (side == null || side.isEmpty()) {
                continue;
            }
            Redactor.Result a = redactor.redact(side);
            if (!a.findings().isEmpty()) {
                changed = changed.with(k, a.text());
                types.addAll(a.counts().keySet());
                total += a.total();
                add(a, k.name() + ":", rows, spans);
            }
        }
        if (rows.isEmpty()) {
            out.keep(doc);
            return;
        }
        changed = changed.with(Keys.REDACTIONS, total).with(Keys.REDACTION_TYPES, List.copyOf(types));
        spans.forEach((type, n) -> out.count(METRIC_PREFIX + type, n));
        out.modified(changed, rows);
    }

    private static void add(Redactor.Result r, String where, List<Verdict> rows, Map<String, Long> spans) {
        for (Finding f : r.findings()) {
            rows.add(new Verdict(RULE_PREFIX + f.type(), f.replacement(), where + f.start() + "-" + f.end(), "", ""));
            spans.merge(f.type(), 1L, Long::sum);
        }
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
