package dev.codemill.stage;

import java.util.List;

/**
 * A step of a recipe. The shapes map once per runner: a {@link DocStage} is a pure function of
 * one document (a {@code mapPartitions} on Spark); a {@link GroupStage} sees all documents that
 * share a key (a {@code groupBy}); a {@link ClusterStage} links documents that share any of
 * several bucket keys into connected components and decides about each document knowing its
 * cluster (near-duplicate removal).
 */
public sealed interface Stage permits DocStage, GroupStage, ClusterStage {
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
}
