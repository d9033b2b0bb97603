package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.exec.Sandbox;
import dev.codemill.stages.analysis.exec.SandboxLimits;
import dev.codemill.stages.analysis.exec.SandboxUnavailableException;
import java.time.Duration;

/** The one sandbox of the JVM for the debug stages, opened on first use; null with the reason when it cannot run. */
final class SandboxHolder {
    private static Sandbox sandbox;
    private static String missing;
    private static boolean probed;

    private SandboxHolder() {
    }

    static synchronized Sandbox sandbox() {
        if (!probed) {
            probed = true;
            try {
                sandbox = Sandbox.bubblewrap();
            } catch (SandboxUnavailableException e) {
                missing = e.getMessage();
            }
        }
        return sandbox;
    }

    static synchronized String missing() {
        sandbox();
        return missing;
    }

    static SandboxLimits limits(long seconds) {
        return SandboxLimits.defaults().withCpu(Duration.ofSeconds(seconds)).withWall(Duration.ofSeconds(seconds * 2));
    }

    static Judges judges(boolean execute, long seconds) {
        return new Judges(sandbox(), missing(), execute, limits(seconds), execute ? stdlib() : null);
    }

    private static Stdlib stdlib;
    private static boolean stdlibProbed;

    /** The running python3's standard library with its test suite, or null (no sandbox, no python3, no Lib/test). */
    static synchronized Stdlib stdlib() {
        if (!stdlibProbed) {
            stdlibProbed = true;
            Sandbox s = sandbox();
            java.util.Optional<java.nio.file.Path> root = s == null ? java.util.Optional.empty() : Stdlib.locate();
            if (root.isPresent()) {
                try {
                    stdlib = new Stdlib(root.get(), Stdlib.harnessModules(s, limits(30)));
                } catch (java.io.IOException e) {
                    stdlib = null;
                }
            }
        }
        return stdlib;
    }
}
