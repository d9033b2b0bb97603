package dev.codemill.stages.history;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Keys;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.lang.Languages;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Branch stage {@code commit_pairs}: CommitPackFT-style (old, new, message) pairs from the
 * commit-change records of git history ({@code docs/history.md}).
 *
 * <p>Each record passes the {@link CommitFilters} in order; the first rule it fails drops it
 * (ledger action {@code drop}, the rule's name). A record passing all is {@code consume}d (rule
 * {@value #CONSUMED}) and one pair is {@code emit}ted (rule {@value #DERIVED}), id
 * {@code DocId.of("commit_pairs/" + record id)}: its text the unified diff of the change
 * ({@link ChangeDiff}), annotations {@code old_content} and {@code new_content} (the file before
 * and after), {@code subject}, {@code body}, {@code commit}, {@code parents},
 * {@code author_time}, {@code change}, {@code old_path}, {@code lines_added},
 * {@code lines_removed}, {@code language} (from the extension, when the record has none),
 * {@code bug_fix}, and {@code content_hash} = SHA-256 of both sides
 * ({@link ChangeDiff#pairHash}), which {@code exact_dedup} after this stage uses as its key, so
 * copies are copies on both sides; {@code near_dedup} after it compares the diffs, so the same
 * change made in two places is a near copy, while two successive changes of one file (whose new
 * contents are nearly the same) are not. A document that is not a record (a snapshot file: a branch is
 * fed everything leaving its point) is dropped with rule {@value HistoryRecords#SNAPSHOT_FILE}.
 *
 * <p>Bug-fix tag: the subject or body names a fault ({@link #BUG_WORDS}) and the change touches at
 * most {@code bug_fix_max_lines} lines (added + removed). Counters: {@code pairs},
 * {@code bug_fix}.
 */
public final class CommitPairsStage implements DocStage {
    /** Recipe type. */
    public static final String NAME = "commit_pairs";
    /** Ledger rule of a record made into a pair. */
    public static final String CONSUMED = "paired";
    /** Ledger rule of an emitted pair. */
    public static final String DERIVED = "commit_pair";
    /** Words of a message that names a fault (whole words, any case). */
    public static final Pattern BUG_WORDS = Pattern.compile(
            "(?i)\\b(fix(e[sd]|ing)?|bug(s|fix(es)?)?|hotfix|error(s)?|crash(es|ed|ing)?|leak(s|ing)?|fault(s|y)?|defect(s)?|"
                    + "exception(s)?|segfault|overflow|underflow|regression|incorrect(ly)?|wrong(ly)?|broken|npe|race)\\b");

    private final CommitFilters filters;
    private final long bugFixMaxLines;

    /**
     * @param filters        the filters, in order
     * @param bugFixMaxLines most changed lines (added + removed) of a change tagged as a bug fix
     */
    public CommitPairsStage(CommitFilters filters, long bugFixMaxLines) {
        this.filters = filters;
        this.bugFixMaxLines = bugFixMaxLines;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (HistoryRecords.droppedUnlessChange(doc, out, NAME, "makes pairs of commit changes only")) {
            return;
        }
        Verdict failed = filters.firstFailing(doc);
        if (failed != null) {
            out.drop(doc, failed);
            return;
        }
        String before = doc.get(HistoryKeys.OLD_CONTENT);
        String oldPath = doc.get(HistoryKeys.OLD_PATH) == null ? "" : doc.get(HistoryKeys.OLD_PATH);
        ChangeDiff d = ChangeDiff.of(oldPath, before, doc.source().path(), doc.text());
        String message = doc.get(HistoryKeys.SUBJECT) + "\n" + (doc.get(HistoryKeys.BODY) == null ? "" : doc.get(HistoryKeys.BODY));
        boolean bugFix = BUG_WORDS.matcher(message).find() && d.added() + d.removed() <= bugFixMaxLines;
        String language = doc.get(Keys.LANGUAGE) != null ? doc.get(Keys.LANGUAGE) : Languages.byExtension(doc.source().path());
        Document pair = Document.ofText(DocId.of(HistoryRecords.derivedId(NAME, doc)), doc.source(), d.diff(),
                doc.annotations().with(HistoryKeys.RECORD, "commit_pair")
                        .with(PairKeys.NEW_CONTENT, doc.text())
                        .with(PairKeys.LINES_ADDED, d.added())
                        .with(PairKeys.LINES_REMOVED, d.removed())
                        .with(PairKeys.BUG_FIX, bugFix)
                        .with(Keys.LANGUAGE, language)
                        .with(Keys.CONTENT_HASH, ChangeDiff.pairHash(before, doc.text())));
        out.count("pairs", 1);
        if (bugFix) {
            out.count("bug_fix", 1);
        }
        out.emit(pair, List.of(doc.id()), Verdict.of(DERIVED, (bugFix ? "bug-fix " : "") + "commit pair of "
                + doc.get(HistoryKeys.COMMIT) + ":" + doc.source().path(), d.added() + d.removed(), ""));
        out.consume(doc, Verdict.of(CONSUMED, "made into a commit pair"));
    }
}
