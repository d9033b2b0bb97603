package dev.codemill.stage;

/**
 * A step of a recipe. The two shapes map once per runner: a {@link DocStage} is a pure
 * function of one document (a {@code mapPartitions} on Spark); a {@link GroupStage} sees all
 * documents that share a key (a {@code groupBy}).
 */
public sealed interface Stage permits DocStage, GroupStage {
    /** The recipe {@code type} of this stage, used in ledger rows and stats. */
    String name();
}
