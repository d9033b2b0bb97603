package dev.codemill.run;

import dev.codemill.model.Document;
import java.io.Closeable;
import java.io.IOException;

/** Writes kept documents or ledger rows into one part file. Not thread-safe. */
public interface ShardWriter extends Closeable {
    void writeDocument(Document doc) throws IOException;

    void writeLedger(LedgerRow row) throws IOException;
}
