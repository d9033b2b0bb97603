package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Python harness scripts Codemill writes into a sandbox, read from the class path. */
public final class HarnessScripts {
    private HarnessScripts() {
    }

    /** The line a harness holds where {@link #HASHSEED_GUARD} goes. */
    static final String GUARD_MARKER = "# @codemill:hashseed-guard";

    /**
     * The hash-seed guard every Python harness starts with ({@code hashseed_guard.py}): it imports
     * {@code os as _os, sys as _sys} and re-executes the script once with {@code PYTHONHASHSEED=0}
     * where string hashing is still randomised, so set and dict order do not change between runs.
     */
    static final String HASHSEED_GUARD = resource("/dev/codemill/stages/analysis/exec/hashseed_guard.py");

    /**
     * The UTF-8 text of a harness script, its {@link #GUARD_MARKER} line (if any) replaced by
     * {@link #HASHSEED_GUARD}.
     *
     * @param resource absolute resource name, e.g. {@code /dev/codemill/stages/exec/call_harness.py}
     * @throws IllegalStateException when the jar lacks it (a broken build)
     */
    public static String load(String resource) {
        String text = resource(resource);
        int at = text.indexOf(GUARD_MARKER);
        if (at < 0) {
            return text;
        }
        int end = text.indexOf('\n', at);
        return text.substring(0, at) + HASHSEED_GUARD + (end < 0 ? "" : text.substring(end + 1));
    }

    private static String resource(String resource) {
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
