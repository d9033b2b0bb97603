package dev.codemill.stage;

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
}
