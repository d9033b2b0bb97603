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
    private final java.util.Set<String> tokenizers;

    /** @param tokenizers the tokenizers whose ids the folder's formats write: other documents' carried ids are dropped */
    OutputFolder(String name, Path work, int partitions, java.util.Set<String> tokenizers) throws IOException {
        this.name = name;
        this.tokenizers = java.util.Set.copyOf(tokenizers);
        String spill = name.isEmpty() ? "main" : "branch-" + name;
        this.kept = new SpillStore<>(work.resolve(spill + "-kept"), partitions, SpillStore.DOCUMENTS);
        this.ledger = new SpillStore<>(work.resolve(spill + "-ledger"), partitions, SpillStore.LEDGER);
    }

    /** The folder's name under OUT; empty for the main output (OUT itself). */
    public String name() {
        return name;
    }

    /**
     * Files a kept document of this folder. Token ids it carries ({@link Document#tokens}) stay
     * only when a format of the folder writes that tokenizer's ids; otherwise they would only
     * grow the spill.
     */
    public void keep(Document d) {
        if (d.tokens() != null && !tokenizers.contains(d.tokens().tokenizer())) {
            d = d.withTokens(null);
        }
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
