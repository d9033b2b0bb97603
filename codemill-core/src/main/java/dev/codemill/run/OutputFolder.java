package dev.codemill.run;

import dev.codemill.model.Document;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One output folder of a run while it runs: the kept documents and ledger rows that go to it,
 * filed by id into hash partitions on local disk. The main output is OUT itself
 * ({@code data/}, {@code ledger/}, {@code manifest.json}); a branch is {@code OUT/<name>/} with
 * the same layout. {@link WriteTail} writes every folder the same way, partition by partition,
 * each sorted, so the bytes do not depend on the order of {@link #keep} and {@link #ledger}
 * calls. Both are thread-safe.
 */
public final class OutputFolder {
    private final String name;
    final SpillStore<Document> kept;
    final SpillStore<LedgerRow> ledger;

    OutputFolder(String name, Path work, int partitions) throws IOException {
        this.name = name;
        String spill = name.isEmpty() ? "main" : "branch-" + name;
        this.kept = new SpillStore<>(work.resolve(spill + "-kept"), partitions, SpillStore.DOCUMENTS);
        this.ledger = new SpillStore<>(work.resolve(spill + "-ledger"), partitions, SpillStore.LEDGER);
    }

    /** The folder's name under OUT; empty for the main output (OUT itself). */
    public String name() {
        return name;
    }

    /** Files a kept document of this folder. */
    public void keep(Document d) {
        kept.append(d.id().value(), d);
    }

    /** Files a ledger row of this folder. */
    public void ledger(LedgerRow row) {
        ledger.append(row.id(), row);
    }

    void close() throws IOException {
        kept.close();
        ledger.close();
    }
}
