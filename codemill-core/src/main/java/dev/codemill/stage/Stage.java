package dev.codemill.stage;

import java.util.List;

/**
 * A step of a recipe. The shapes map once per runner: a {@link DocStage} is a pure function of
 * one document (a {@code mapPartitions} on Spark); a {@link GroupStage} sees all documents that
 * share a key (a {@code groupBy}); a {@link ClusterStage} links documents that share any of
 * several bucket keys into connected components and decides about each document knowing its
 * cluster (near-duplicate removal); an {@link AggregateStage} folds every document into a
 * mergeable summary and decides once for the run (the mixture's token budget).
 */
public sealed interface Stage permits DocStage, GroupStage, ClusterStage, AggregateStage {
    /** The recipe {@code type} of this stage, used in ledger rows and stats. */
    String name();

    /**
     * Warnings about how this stage was configured, known once it is built (e.g. a stage that
     * will skip every document because an input it needs was not given). A runner records them
     * at the start of a run ({@code warnings} in {@code stats.json}) and the CLI prints them.
     * Default: none.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * Whether this stage, as configured, may drop or quarantine a decoded text document (a filter,
     * dedup, a licence filter with a {@code keep} list). Default true: a stage must say that it
     * never does. Stages that only annotate or transform, or drop only what is not text (binary
     * files, notebooks without code), say false.
     */
    default boolean mayDropDocuments() {
        return true;
    }

    /**
     * Whether this stage must see every text document of the input (licence detection reads
     * LICENSE files, manifests and READMEs that later filters drop for being short or having long
     * lines). {@link dev.codemill.plan.PlanValidator} refuses a recipe that puts a stage
     * that {@link #mayDropDocuments() may drop documents} before such a stage. Default false.
     */
    default boolean needsEveryDocument() {
        return false;
    }

    /**
     * Reads the data this stage needs besides its parameters (benchmark files, indexes), once.
     * A {@link StageFactory} only checks parameters (a path exists and is readable) and reads no
     * data, so that {@code codemill validate} reads none; whoever runs documents calls this first
     * (the CLI before the run, so that a bad data file stops the run before any work). A stage
     * whose data is not loaded yet loads it on first use, so calling this is never needed for
     * correct results. Thread-safe; idempotent. Default: nothing to load.
     *
     * @throws RecipeException when the data cannot be read or is not usable
     */
    default void loadData() {
    }
}
