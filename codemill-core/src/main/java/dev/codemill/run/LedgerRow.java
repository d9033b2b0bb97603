package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.stage.Verdict;
import java.util.List;

/**
 * One row of the ledger: a document a stage dropped, quarantined, changed, consumed or derived, and why.
 * Ledger files are sorted by {@code (id, stageIndex)}.
 *
 * @param id         document id
 * @param repoName   repository
 * @param path       path inside the repository
 * @param stageIndex position of the stage in the recipe (-1 for {@code ingest}); orders rows of one document
 * @param stage      stage name ({@code ingest} for readers)
 * @param rule       rule name
 * @param action     {@code drop}, {@code quarantine}, {@code modify}, {@code consume} (used up as the
 *                   material of derived documents) or {@code derive} (a document a stage made)
 * @param detail     human sentence
 * @param value      measured value
 * @param limit      threshold
 * @param keptId     for duplicates, the kept copy's id
 * @param sources    for {@code derive}, the ids of the documents it was derived from (in the
 *                   stage's order); empty otherwise
 */
public record LedgerRow(String id, String repoName, String path, int stageIndex, String stage, String rule,
                        String action, String detail, String value, String limit, String keptId, List<String> sources)
        implements Comparable<LedgerRow> {

    public LedgerRow {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A row without sources (every action but {@code derive}). */
    public LedgerRow(String id, String repoName, String path, int stageIndex, String stage, String rule,
                     String action, String detail, String value, String limit, String keptId) {
        this(id, repoName, path, stageIndex, stage, rule, action, detail, value, limit, keptId, List.of());
    }

    public static final String DROP = "drop";
    public static final String QUARANTINE = "quarantine";
    public static final String MODIFY = "modify";
    /** A document a stage made from others ({@code Emitter.emit}); the row names them in {@link #sources}. */
    public static final String DERIVE = "derive";
    /** A document used up as the material of derived documents ({@code Emitter.consume}). */
    public static final String CONSUME = "consume";

    public static LedgerRow of(Document doc, int stageIndex, String stage, String action, Verdict v) {
        return new LedgerRow(doc.id().value(), doc.source().repoName(), doc.source().path(), stageIndex, stage,
                v.rule(), action, v.detail(), v.value(), v.limit(), v.keptId());
    }

    private static final java.util.Comparator<LedgerRow> TIES = java.util.Comparator
            .comparing((LedgerRow r) -> nz(r.rule)).thenComparing(r -> nz(r.repoName)).thenComparing(r -> nz(r.path))
            .thenComparing(r -> nz(r.action)).thenComparing(r -> nz(r.detail)).thenComparing(r -> nz(r.value))
            .thenComparing(r -> nz(r.limit)).thenComparing(r -> nz(r.keptId))
            .thenComparing(r -> String.join("\n", r.sources));

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public int compareTo(LedgerRow o) {
        int c = id.compareTo(o.id);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(stageIndex, o.stageIndex);
        if (c != 0) {
            return c;
        }
        // Ids need not be unique (a dump's blob_id, the same file given twice): a total order over
        // every column keeps the ledger's bytes independent of the order rows were spilled in.
        return TIES.compare(this, o);
    }
}
