package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Python harness scripts Codemill writes into a sandbox, read from the class path. */
public final class HarnessScripts {
    private HarnessScripts() {
    }

    /**
     * The UTF-8 text of a class-path resource.
     *
     * @param resource absolute resource name, e.g. {@code /dev/codemill/stages/exec/call_harness.py}
     * @throws IllegalStateException when the jar lacks it (a broken build)
     */
    public static String load(String resource) {
        try (InputStream in = HarnessScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
