package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Where a step's documents are kept: {@code spark.codemill.stepStorage}, on disk by default. */
class StepStorageTest {
    @Test
    void stepDocumentsAreOnDiskUnlessTheConfSaysOtherwise() {
        assertThat(SparkRunner.documents(new SparkConf(false))).isEqualTo(StorageLevel.DISK_ONLY());
        assertThat(SparkRunner.documents(new SparkConf(false).set("spark.codemill.stepStorage", "MEMORY_AND_DISK_SER")))
                .isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
        assertThat(SparkRunner.documents(new SparkConf(false).set("spark.codemill.stepStorage", "MEMORY_AND_DISK")))
                .isEqualTo(StorageLevel.MEMORY_AND_DISK());
    }

    @Test
    void anUnknownLevelStopsTheRun() {
        assertThatThrownBy(() -> SparkRunner.documents(new SparkConf(false).set("spark.codemill.stepStorage", "ON_TAPE")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
