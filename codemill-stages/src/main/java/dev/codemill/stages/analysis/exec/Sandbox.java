package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs untrusted code in its own process, isolated. Corpus code never runs outside a sandbox.
 *
 * <p>The one implementation, {@link #bubblewrap()}, uses Debian's {@code bubblewrap} (bwrap ≥ 0.5): new
 * network (no interface but loopback), PID, IPC, UTS and mount namespaces; a read-only root holding only
 * {@code /usr}, {@code /etc}, the interpreter's own prefix and the paths asked for; a private tmpfs at
 * {@code /tmp} as the only writable place; rlimits on CPU time, address space, processes and file size;
 * the wall-clock limit and the output cap kill the whole PID namespace. See docs/sandbox.md.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Runs command inside the sandbox; files (relative path -&gt; content) are written into the private
     * tmpfs working folder first (it is the working directory); readOnly are host paths bound read-only at
     * the same path (e.g. a CPython Lib/ folder) in addition to the interpreter. Never throws for the
     * program's failure.
     *
     * @param command the program and its arguments; a bare first word is looked up on the host's PATH
     *                ({@code python3}/{@code python} resolve to the real interpreter behind any shim)
     * @throws IOException when the sandbox itself could not be started or a file name leaves the folder
     */
    ExecResult run(List<String> command, Map<String, String> files, List<Path> readOnly, String stdin,
                   SandboxLimits limits) throws IOException;

    /** Same as {@link #run} without stdin and with {@link SandboxLimits#defaults()}. */
    default ExecResult run(List<String> command, Map<String, String> files) throws IOException {
        return run(command, files, List.of(), "", SandboxLimits.defaults());
    }

    /** The bubblewrap sandbox; throws SandboxUnavailableException (with the reason) when bwrap cannot run here. */
    static Sandbox bubblewrap() throws SandboxUnavailableException {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new SandboxUnavailableException(why.get());
        }
        return new BubblewrapSandbox(BwrapProbe.result());
    }

    /** Why the sandbox cannot run here (bwrap missing, namespaces refused), or empty when it can. Probed once. */
    static Optional<String> unavailableReason() {
        return BwrapProbe.result().unavailableReason();
    }

    @Override
    default void close() {
    }
}
