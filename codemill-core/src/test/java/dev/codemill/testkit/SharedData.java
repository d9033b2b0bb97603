package dev.codemill.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's shared folder ({@code ../shared} beside the repository: benchmark data, the
 * corpus assembler {@code tools/real-corpus.py}, the {@code cases} other tools got wrong), found
 * through the system property {@code codemill.shared} that the build sets.
 *
 * <p>A bare clone has no shared folder. Tests that need it are marked {@link NeedsShared}: where
 * the folder is absent they are skipped with a message naming what is missing, unless the system
 * property {@code codemill.requireShared} is {@code true} (CI sets it in {@code .ci/run}), in which
 * case they fail.
 */
public final class SharedData {
    /** System property naming the shared folder. */
    public static final String PROPERTY = "codemill.shared";
    /** System property that turns a missing shared folder from a skip into a failure. */
    public static final String REQUIRE = "codemill.requireShared";

    private SharedData() {}

    /**
     * A path under the shared folder, without checking that it exists (safe in static initialisers).
     *
     * @param first first path element below the shared folder, e.g. {@code "cases"}
     */
    public static Path path(String first, String... more) {
        String root = System.getProperty(PROPERTY);
        Path base = root == null || root.isBlank() ? Path.of("..", "shared") : Path.of(root);
        return base.resolve(Path.of(first, more));
    }

    /** True when the shared folder exists. */
    public static boolean present() {
        return Files.isDirectory(path("."));
    }

    /**
     * Checks that the shared folder exists: skips the calling test when it does not, or fails it
     * when {@value #REQUIRE} is true.
     *
     * @param what what the test reads there, for the message
     */
    public static void require(String what) {
        if (present()) {
            return;
        }
        String msg = absentMessage(what);
        if (Boolean.getBoolean(REQUIRE)) {
            Assertions.fail(msg + ", but " + REQUIRE + "=true");
        }
        Assumptions.abort(msg + " (CI runs it with -D" + REQUIRE + "=true)");
    }

    /** The message of a test not run for want of the shared folder. */
    static String absentMessage(String what) {
        return "shared folder absent (" + path(".").toAbsolutePath().normalize() + "): " + what + " not run";
    }

    /**
     * A path under the shared folder that must exist, after {@link #require(String)}.
     */
    public static Path existing(String first, String... more) {
        require(String.join("/", first, String.join("/", more)));
        Path p = path(first, more);
        Assertions.assertTrue(Files.exists(p), () -> "missing in the shared folder: " + p);
        return p;
    }
}
