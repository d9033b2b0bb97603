package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.List;

/**
 * Where a stage (or a reader) sends its result. Every document that enters a stage leaves it
 * through exactly one of {@link #keep}, {@link #drop}, {@link #quarantine}, {@link #consume} or
 * one of the {@code modified} methods; {@code modified} adds ledger rows for a change and keeps
 * the changed document. Besides these outcomes a stage may {@link #emit} new documents derived
 * from its inputs (any number; an emit is not an outcome of any input).
 */
public interface Emitter {
    /** The document goes on to the next stage. */
    void keep(Document doc);

    /** The document is removed by a rule; a ledger row with action {@code drop} is written. */
    void drop(Document doc, Verdict why);

    /** The document could not be processed (bad input); ledger action {@code quarantine}. */
    void quarantine(Document doc, Verdict why);

    /**
     * The document was changed and goes on once; one ledger row with action {@code modify} is
     * written per verdict, in list order (e.g. one row per redacted span). Run statistics count
     * the document once per distinct rule of {@code whys}, not once per row.
     *
     * @param changed the document after the change
     * @param whys    at least one verdict
     * @throws IllegalArgumentException when {@code whys} is empty
     */
    void modified(Document changed, List<Verdict> whys);

    /**
     * A new document, derived from {@code from} (e.g. a repository sample from its files, a
     * completion task from a target file and its context files), goes on to the next stage like a
     * kept one; the runner writes one ledger row with action {@code derive} under the derived
     * document's id, naming {@code from} in its {@code sources} column, and sets the annotation
     * {@link dev.codemill.model.Keys#DERIVED_BY} to this stage's type. It is not an outcome:
     * every input still takes exactly one of the outcome calls. The derived id must be
     * deterministic (a hash of the stage, its sources and an index, never a counter or a random
     * draw), so that runners and thread counts agree.
     *
     * @param derived the new document
     * @param from    ids of the documents it was made from, at least one, in the stage's order
     * @param why     its ledger row's rule, detail, value and limit
     * @throws IllegalArgumentException when {@code from} is empty
     * @throws UnsupportedOperationException from emitters that take no derived documents (readers)
     */
    default void emit(Document derived, List<dev.codemill.model.DocId> from, Verdict why) {
        throw new UnsupportedOperationException(getClass().getName() + " takes no derived documents (" + derived + ")");
    }

    /**
     * The document ends here because the stage used it as material of documents it
     * {@linkplain #emit emitted} (a file packed into a repository sample, a file read for
     * completion tasks); it is neither kept nor removed by a rule. Ledger action {@code consume},
     * counted as {@code consumed} in the run statistics (the conservation law is
     * {@code in = kept + dropped + quarantined + consumed}).
     *
     * @throws UnsupportedOperationException from emitters that take no derived documents (readers)
     */
    default void consume(Document doc, Verdict why) {
        throw new UnsupportedOperationException(getClass().getName() + " does not consume documents (" + doc + ")");
    }

    /** The document was changed and goes on; one ledger row with action {@code modify}. */
    default void modified(Document changed, Verdict why) {
        modified(changed, List.of(why));
    }

    /**
     * Adds {@code delta} to a stage's named counter (e.g. {@code spans.email}); a run writes the
     * sums under {@code metrics.STAGE.METRIC} in {@code stats.json}. Counters are independent of
     * the document outcome: call this before the one outcome call. The default ignores it (test
     * emitters, readers outside a run).
     *
     * @param metric counter name, non-empty
     * @param delta  amount to add (may be 0 or negative)
     */
    default void count(String metric, long delta) {
    }

    /**
     * Readers: the fields of one dump file ({@code input}: its path as given) with their types
     * (Parquet: physical type and annotation, e.g. {@code binary (STRING)}; JSONL: the JSON types
     * seen, e.g. {@code string}, {@code number|null}). A run compares the files of a run and warns
     * about schema drift (stats.json {@code warnings}, stage {@code ingest}). May be called several
     * times per file (once per split); the types are merged. The default ignores it.
     */
    default void inputSchema(String input, java.util.Map<String, String> fieldTypes) {
    }
}
