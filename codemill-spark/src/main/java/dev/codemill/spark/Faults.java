package dev.codemill.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Fault injection for the tests of the write commit: {@code spark.codemill.test.failWriteOnce}
 * = a write partition number, or {@code *} for every one, makes the <em>first</em> attempt of
 * that write task fail after it has written (and, for a remote OUT, uploaded) its parts, so that
 * Spark retries it and the driver gets the second attempt's result ({@code SparkRetryTest}).
 * {@code spark.codemill.test.failAfterCheckpoint} = a phase number makes the driver fail right
 * after it has written that phase's checkpoint marker ({@link PhaseCheckpoints}; {@code SparkResumeTest}).
 * Unset (the default) they do nothing.
 */
final class Faults {
    static final String FAIL_WRITE_ONCE = "spark.codemill.test.failWriteOnce";
    static final String FAIL_AFTER_CHECKPOINT = "spark.codemill.test.failAfterCheckpoint";

    private Faults() {
    }

    /** @throws IllegalStateException on the first attempt of write partition {@code p} when the setting names it */
    static void afterWrite(int p, TaskContext task) {
        SparkEnv env = SparkEnv.get();
        if (task == null || task.attemptNumber() > 0 || env == null) {
            return;
        }
        String v = env.conf().get(FAIL_WRITE_ONCE, "");
        if (v.equals("*") || v.equals(Integer.toString(p))) {
            throw new IllegalStateException("injected fault (" + FAIL_WRITE_ONCE + "): the first attempt of write partition "
                    + p + " fails after writing its parts");
        }
    }

    /** @throws IllegalStateException when the setting names {@code phase}: the driver stops after that phase's marker */
    static void afterCheckpoint(SparkConf conf, int phase) {
        if (conf.get(FAIL_AFTER_CHECKPOINT, "").equals(Integer.toString(phase))) {
            throw new IllegalStateException("injected fault (" + FAIL_AFTER_CHECKPOINT + "): the driver stops after "
                    + "checkpoint " + phase);
        }
    }
}
