package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One task's view of the stage chain: the local runner's semantics (exactly one outcome per
 * document, {@code internal_error} quarantine, one stats count per distinct rule of a change),
 * with ledger rows and counts kept in this object for the task to hand back.
 */
public final class TaskChain {
    private final RunStats stats = new RunStats();
    private final List<LedgerRow> ledger = new ArrayList<>();
    private final StageChain chain = new StageChain(stats, ledger::add);

    /** The consumer that runs {@code stages} (recipe positions {@code firstIndex…}) then {@code sink}. */
    public Consumer<Document> build(List<DocStage> stages, int firstIndex, Consumer<Document> sink) {
        return chain.build(stages, firstIndex, sink);
    }

    /**
     * Notes where the plan's {@code segments} put the first redact stage, as the local runner's
     * chain knows it: a removal after it gets a redacted snippet in examples.json even when this
     * task's chain runs only later stages.
     */
    public void note(List<Segment> segments) {
        for (Segment seg : segments) {
            chain.note(seg.docStages(), seg.firstIndex());
        }
    }

    /** The emitter a split reads into: counts documents in, ledgers refused entries, keeps to {@code head}. */
    public Emitter ingest(Consumer<Document> head) {
        return chain.ingest(new Progress(), head);
    }

    /** Runs one group (documents sorted by {@link DocOrder#ORDER}) through a group stage. */
    public void runGroup(GroupStage stage, int index, String key, List<Document> docs, Consumer<Document> after) {
        chain.runGroup(stage, index, key, docs, after);
    }

    /** Decides about one document of a cluster stage ({@code cluster} null: its unit is in none). */
    public void runCluster(ClusterStage stage, int index, Document doc, ClusterStage.Cluster cluster,
                           Consumer<Document> after) {
        chain.runCluster(stage, index, doc, cluster, after);
    }

    /** The ledger rows written since the last call, in emission order. */
    public List<LedgerRow> drainLedger() {
        List<LedgerRow> out = new ArrayList<>(ledger);
        ledger.clear();
        return out;
    }

    /** This task's counts, to be merged into the run's with {@link RunStats#merge}. */
    public RunStats stats() {
        return stats;
    }
}
