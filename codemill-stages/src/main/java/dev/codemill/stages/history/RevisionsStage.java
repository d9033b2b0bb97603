package dev.codemill.stages.history;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Keys;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.critique.Critic;
import dev.codemill.stages.analysis.lang.Languages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Branch stage {@code revisions}: constitution revisions from git history — a change after which
 * critiques of the quality constitution that the file had before are gone (a function got its
 * docstring, a bare {@code except} got a type, a long function was split): the seed's
 * "principles → critiques → revisions" as self-correction data ({@code docs/history.md}).
 *
 * <p>Critiques come from {@link Critic} (the {@code quality} family's scorer). A critique is
 * resolved when its id ({@code PRINCIPLE:KIND}) occurs fewer times after the change than before
 * (multiset difference, so moved lines do not count). Outcomes of a commit-change record:
 * <ul>
 *   <li>a modified or renamed text file with at least one resolved critique: {@code consume}d
 *       (rule {@value #CONSUMED}) and one revision {@code emit}ted (rule {@value #DERIVED}), id
 *       {@code DocId.of("revisions/" + record id)}, text the file after, {@code old_content} the file
 *       before, {@code critiques_resolved} (ids, sorted, with repeats), {@code critiques} (their
 *       messages before the change, in line order), and the commit's annotations; counters
 *       {@code revisions} and {@code resolved.PRINCIPLE};</li>
 *   <li>drop {@value #NO_BEFORE}: added or deleted (no before or no after to compare);</li>
 *   <li>drop {@value #NOT_CODE}: no language known for its extension;</li>
 *   <li>drop {@value #NONE_RESOLVED}: no critique disappeared.</li>
 * </ul>
 * Not a record: drop {@value HistoryRecords#SNAPSHOT_FILE}.
 */
public final class RevisionsStage implements DocStage {
    /** Recipe type. */
    public static final String NAME = "revisions";
    public static final String CONSUMED = "revised";
    public static final String DERIVED = "revision";
    public static final String NO_BEFORE = "not_a_revision";
    public static final String NOT_CODE = "no_language";
    public static final String NONE_RESOLVED = "no_resolved_critique";

    private final Critic critic;

    public RevisionsStage(Critic critic) {
        this.critic = critic;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (HistoryRecords.droppedUnlessChange(doc, out, NAME, "reads commit changes only")) {
            return;
        }
        String change = doc.get(HistoryKeys.CHANGE);
        if (!"modified".equals(change) && !"renamed".equals(change)) {
            out.drop(doc, Verdict.of(NO_BEFORE, "change is '" + change + "': a revision needs the file before and after"));
            return;
        }
        String language = doc.get(Keys.LANGUAGE) != null ? doc.get(Keys.LANGUAGE) : Languages.byExtension(doc.source().path());
        if (language == null) {
            out.drop(doc, Verdict.of(NOT_CODE, "no language for " + doc.source().path()));
            return;
        }
        String before = doc.get(HistoryKeys.OLD_CONTENT);
        List<Critic.Finding> was = critic.critiques(before, doc.get(HistoryKeys.OLD_PATH), language);
        List<Critic.Finding> now = critic.critiques(doc.text(), doc.source().path(), language);
        List<Critic.Finding> resolved = resolved(was, now);
        if (resolved.isEmpty()) {
            out.drop(doc, Verdict.of(NONE_RESOLVED, "no critique of the constitution disappeared ("
                    + was.size() + " before, " + now.size() + " after)", was.size() - now.size(), 1));
            return;
        }
        List<String> ids = resolved.stream().map(Critic.Finding::id).sorted().toList();
        Document revision = Document.ofText(DocId.of(HistoryRecords.derivedId(NAME, doc)), doc.source(), doc.text(),
                doc.annotations().with(HistoryKeys.RECORD, "revision")
                        .with(Keys.LANGUAGE, language)
                        .with(PairKeys.CRITIQUES_RESOLVED, ids)
                        .with(PairKeys.CRITIQUES, resolved.stream().map(f -> "line " + f.line() + ": " + f.message()).toList()));
        out.count("revisions", 1);
        for (String principle : new TreeSet<>(ids.stream().map(i -> i.substring(0, i.indexOf(':'))).toList())) {
            out.count("resolved." + principle, ids.stream().filter(i -> i.startsWith(principle + ":")).count());
        }
        out.emit(revision, List.of(doc.id()), Verdict.of(DERIVED, "resolves " + String.join(", ", new TreeSet<>(ids)),
                ids.size(), ""));
        out.consume(doc, Verdict.of(CONSUMED, "made into a constitution revision"));
    }

    /** The findings of {@code before} whose id occurs fewer times in {@code after}: the last surplus ones of each id, in line order. */
    static List<Critic.Finding> resolved(List<Critic.Finding> before, List<Critic.Finding> after) {
        Map<String, Integer> left = new HashMap<>();
        for (Critic.Finding f : after) {
            left.merge(f.id(), 1, Integer::sum);
        }
        List<Critic.Finding> out = new ArrayList<>();
        for (Critic.Finding f : before) {
            int n = left.getOrDefault(f.id(), 0);
            if (n > 0) {
                left.put(f.id(), n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
