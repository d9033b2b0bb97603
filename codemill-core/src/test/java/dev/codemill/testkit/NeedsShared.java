package dev.codemill.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that reads the shared folder (see {@link SharedData}): skipped with
 * a message where the folder is absent, failed there when {@code codemill.requireShared=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsSharedExtension.class)
public @interface NeedsShared {
    /** What the test reads in the shared folder, e.g. {@code "cases/C17_pii_false_positives"}. */
    String value();
}
