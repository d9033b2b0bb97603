package dev.codemill.stage;

import dev.codemill.model.Document;

/**
 * Where a stage (or a reader) sends its result. Every document that enters a stage leaves it
 * through exactly one of {@link #keep}, {@link #drop} or {@link #quarantine}; {@link #modified}
 * adds a ledger row for a change and keeps the changed document.
 */
public interface Emitter {
    /** The document goes on to the next stage. */
    void keep(Document doc);

    /** The document is removed by a rule; a ledger row with action {@code drop} is written. */
    void drop(Document doc, Verdict why);

    /** The document could not be processed (bad input); ledger action {@code quarantine}. */
    void quarantine(Document doc, Verdict why);

    /** The document was changed and goes on; ledger action {@code modify}. */
    void modified(Document changed, Verdict why);
}
