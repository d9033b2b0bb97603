package dev.codemill.stages.analysis.exec;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test when bubblewrap cannot run here, saying why; with {@code -Dcodemill.requireSandbox=true}
 * (CI sets it once it has installed bubblewrap) the test fails instead.
 */
public final class SandboxAssume {
    public static final String REQUIRE = "codemill.requireSandbox";

    private SandboxAssume() {
    }

    public static Sandbox sandbox() throws SandboxUnavailableException {
        Optional<String> why = Sandbox.unavailableReason();
        if (why.isPresent()) {
            String msg = "sandbox unavailable, test skipped: " + why.get();
            if (Boolean.getBoolean(REQUIRE)) {
                Assertions.fail(msg + ", but " + REQUIRE + "=true");
            }
            Assumptions.abort(msg);
        }
        return Sandbox.bubblewrap();
    }
}
