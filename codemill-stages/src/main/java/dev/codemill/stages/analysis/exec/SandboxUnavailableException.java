package dev.codemill.stages.analysis.exec;

import java.io.IOException;

/** The sandbox cannot run on this machine; the message says why (bwrap missing, namespaces refused, …). */
public class SandboxUnavailableException extends IOException {
    public SandboxUnavailableException(String reason) {
        super(reason);
    }
}
