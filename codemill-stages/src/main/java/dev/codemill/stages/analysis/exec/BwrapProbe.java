package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds bwrap, prlimit and setpriv and checks once, with a real {@code bwrap … true}, that namespaces can
 * be made here. As root bwrap runs privileged and the program drops to an unprivileged user id with
 * setpriv (RLIMIT_NPROC does not bind uid 0); as another user bwrap makes a user namespace.
 */
record BwrapProbe(Path bwrap, Path prlimit, Path setpriv, boolean privileged, Optional<String> unavailableReason) {

    private static volatile BwrapProbe cached;

    static BwrapProbe result() {
        BwrapProbe p = cached;
        if (p == null) {
            synchronized (BwrapProbe.class) {
                if (cached == null) {
                    cached = probe();
                }
                p = cached;
            }
        }
        return p;
    }

    private static BwrapProbe probe() {
        Optional<Path> bwrap = HostTools.onPath("bwrap");
        Optional<Path> prlimit = HostTools.onPath("prlimit");
        boolean root = HostTools.isRoot();
        Optional<Path> setpriv = HostTools.onPath("setpriv");
        if (bwrap.isEmpty()) {
            return unavailable("bubblewrap (bwrap) is not on PATH; install the Debian package 'bubblewrap'");
        }
        if (prlimit.isEmpty()) {
            return unavailable("prlimit (util-linux) is not on PATH; the sandbox needs it to set rlimits");
        }
        if (root && setpriv.isEmpty()) {
            return unavailable("setpriv (util-linux) is not on PATH; as root the sandbox needs it to drop to an unprivileged uid");
        }
        BwrapProbe candidate = new BwrapProbe(bwrap.get(), prlimit.get(), setpriv.orElse(null), root, Optional.empty());
        List<String> cmd = new ArrayList<>(BwrapCommand.namespaceArgs(candidate));
        try {
            cmd.addAll(BwrapCommand.systemArgs());
            cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--", "/bin/true"));
            Path err = Files.createTempFile("codemill-bwrap-probe", ".txt");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return unavailable("bwrap did not finish a trivial run in 20 s");
                }
                if (p.exitValue() != 0) {
                    String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
                    return unavailable("bwrap cannot create namespaces here (exit " + p.exitValue() + "): " + msg
                            + (root ? "" : " (as a non-root user bwrap needs unprivileged user namespaces)"));
                }
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return unavailable("bwrap could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while probing bwrap");
        }
        return candidate;
    }

    private static BwrapProbe unavailable(String why) {
        return new BwrapProbe(null, null, null, false, Optional.of(why));
    }
}
