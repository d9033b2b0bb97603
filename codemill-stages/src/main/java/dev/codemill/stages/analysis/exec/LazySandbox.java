package dev.codemill.stages.analysis.exec;

import java.io.IOException;

/**
 * A bubblewrap sandbox made on first use and shared by the threads of one stage: a stage that never
 * runs corpus code never needs bwrap, and one that does stops with {@link Sandbox#bubblewrap()}'s reason
 * where bwrap cannot run (corpus code never runs outside the sandbox).
 */
public final class LazySandbox {
    private volatile Sandbox sandbox;

    /** The sandbox, made on the first call. */
    public Sandbox get() throws IOException {
        Sandbox s = sandbox;
        if (s == null) {
            synchronized (this) {
                if (sandbox == null) {
                    sandbox = Sandbox.bubblewrap();
                }
                s = sandbox;
            }
        }
        return s;
    }
}
