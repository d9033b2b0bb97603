package dev.codemill.stages.quality;

import java.util.Set;

/**
 * Measures one principle on one file. Implementations are stateless and thread-safe, and must
 * not throw on any text (random, empty, huge, unparsable).
 */
public interface Checker {
    /** Name used in the constitution's {@code checker} field. */
    String name();

    /** Threshold names a principle using this checker must define. */
    Set<String> thresholds();

    /** Critique kinds a principle using this checker must give a message for. */
    Set<String> messages();

    CheckResult check(FileContext file, Principle principle);
}
