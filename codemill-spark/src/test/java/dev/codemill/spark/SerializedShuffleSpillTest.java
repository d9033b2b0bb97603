package dev.codemill.spark;

/**
 * {@link SortedShuffleSpillTest} on Spark's serialized shuffle ({@code UnsafeShuffleWriter}: each
 * record serialised on its own into a buffer, relocated and merged as bytes), which a shuffle of
 * more than {@code spark.shuffle.sort.bypassMergeThreshold} (200) partitions takes, a large run's
 * group shuffles among them; the test and the medium corpus' few partitions take the bypass writer.
 */
class SerializedShuffleSpillTest extends SortedShuffleSpillTest {
    @Override
    String bypassMergeThreshold() {
        return "1";
    }
}
