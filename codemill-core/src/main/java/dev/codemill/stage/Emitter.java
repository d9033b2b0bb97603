package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.List;

/**
 * Where a stage (or a reader) sends its result. Every document that enters a stage leaves it
 * through exactly one of {@link #keep}, {@link #drop}, {@link #quarantine} or one of the
 * {@code modified} methods; {@code modified} adds ledger rows for a change and keeps the changed
 * document.
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
