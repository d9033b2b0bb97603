package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The bwrap argument list of one run: namespaces, the read-only root, the tmpfs, rlimits and the command. */
final class BwrapCommand {

    /** Working folder inside the sandbox (on the private tmpfs). */
    static final String WORK = "/tmp/w";
    /** Where the host's input folder is bound read-only; the wrapper copies it into {@link #WORK}. */
    static final String INPUT = "/in";

    private static final List<String> TOP_LEVEL = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    private BwrapCommand() {
    }

    /** The namespace part: no network, own PID/IPC/UTS (and mount), killed with its parent. */
    static List<String> namespaceArgs(BwrapProbe probe) {
        List<String> a = new ArrayList<>();
        a.add(probe.bwrap().toString());
        if (probe.privileged()) {
            // as root: no user namespace (the unprivileged uid set by setpriv must be a real one for RLIMIT_NPROC)
            a.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                    "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
        } else {
            a.addAll(List.of("--unshare-user", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                    "--unshare-cgroup-try"));
        }
        // --as-pid-1: the wrapper shell is the namespace's init, so bwrap waits for it and the host's
        // child accounting (getrusage RUSAGE_CHILDREN of the JVM) includes the whole sandboxed tree
        a.addAll(List.of("--as-pid-1", "--die-with-parent", "--new-session"));
        return a;
    }

    /** The read-only system part of the root: /usr, /etc and the top-level links or folders (/bin, /lib, …). */
    static List<String> systemArgs() throws IOException {
        List<String> a = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
        for (String top : TOP_LEVEL) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", top, top));
            }
        }
        return a;
    }

    /**
     * The whole command line.
     *
     * @param inputDir host folder with the run's files, or null when there are none
     * @param uid      the unprivileged uid the program runs as (privileged mode only)
     */
    static List<String> build(BwrapProbe probe, Path program, List<String> args, Collection<Path> readOnly,
                              Path inputDir, int uid, SandboxLimits limits) throws IOException {
        List<String> a = namespaceArgs(probe);
        a.addAll(List.of("--hostname", "sandbox", "--clearenv"));
        a.addAll(systemArgs());
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // the tmpfs first: read-only binds under /tmp (a test's folder) are mounted on top of it
        a.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--perms", "1777", "--tmpfs", "/tmp"));
        Set<Path> binds = new TreeSet<>(HostTools.prefixesFor(program));
        for (Path p : readOnly) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new IOException("read-only path does not exist: " + abs);
            }
            if (!HostTools.underSystem(abs)) {
                binds.add(abs);
            }
        }
        List<Path> kept = new ArrayList<>();
        for (Path b : binds) {
            if (kept.stream().noneMatch(b::startsWith)) {
                kept.add(b);
            }
        }
        Set<Path> made = new HashSet<>();
        for (Path b : kept) {
            for (int i = 1; i < b.getNameCount(); i++) {
                Path anc = b.getRoot().resolve(b.subpath(0, i));
                if (!HostTools.underSystem(anc) && !anc.toString().equals("/tmp") && !TOP_LEVEL.contains(anc.toString()) && made.add(anc)) {
                    a.addAll(List.of("--perms", "0755", "--dir", anc.toString()));
                }
            }
            a.addAll(List.of("--ro-bind", b.toRealPath().toString(), b.toString()));
        }
        if (inputDir != null) {
            a.addAll(List.of("--ro-bind", inputDir.toString(), INPUT));
        }
        a.addAll(List.of("--remount-ro", "/", "--chdir", "/tmp"));
        String pathVar = "/usr/local/bin:/usr/bin:/bin";
        if (program.getParent() != null && !HostTools.underSystem(program)) {
            pathVar = program.getParent() + ":" + pathVar;
        }
        a.addAll(List.of("--setenv", "PATH", pathVar, "--setenv", "HOME", WORK, "--setenv", "TMPDIR", "/tmp",
                "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONHASHSEED", "0",
                "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONIOENCODING", "utf-8"));
        a.add("--");
        if (probe.privileged()) {
            a.addAll(List.of(probe.setpriv().toString(), "--reuid", Integer.toString(uid), "--regid", Integer.toString(uid),
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        long cpuSeconds = Math.max(1, (limits.cpu().toMillis() + 999) / 1000);
        a.addAll(List.of(probe.prlimit().toString(),
                "--cpu=" + cpuSeconds + ":" + (cpuSeconds + 1),
                "--as=" + limits.addressSpaceBytes(),
                "--nproc=" + limits.maxProcesses(),
                "--fsize=" + limits.maxFileBytes(),
                "--core=0", "--"));
        String copy = inputDir == null ? "" : "cp -R " + INPUT + "/. " + WORK + "/ || exit 125; ";
        // the shell waits for the program (and reaps, as init, orphans that end before it), then prints its CPU
        // times after a marker line on stderr; CpuTimes takes them off again
        a.addAll(List.of("/bin/sh", "-c", "mkdir -p " + WORK + " || exit 125; " + copy + "cd " + WORK + " || exit 125; "
                + "\"$@\"; rc=$?; printf '\\n%s\\n' '" + CpuTimes.MARKER + "' >&2; times >&2; exit $rc", "sh"));
        a.add(program.toString());
        a.addAll(args);
        return a;
    }
}
