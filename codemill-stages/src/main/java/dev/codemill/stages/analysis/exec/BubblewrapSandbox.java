package dev.codemill.stages.analysis.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Sandbox} on bubblewrap; see {@link BwrapCommand} for the isolation and docs/sandbox.md for figures. */
final class BubblewrapSandbox implements Sandbox {

    /** First of the unprivileged uids runs get as root (one per run, so process counts are not shared). */
    private static final int UID_BASE = 2_100_000;
    private static final AtomicInteger NEXT_UID = new AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 1000);

    /** Room on stderr for the wrapper's CPU trailer ({@link CpuTimes}) beyond the program's cap. */
    private static final int TRAILER_BYTES = 256;

    private final BwrapProbe probe;

    BubblewrapSandbox(BwrapProbe probe) {
        this.probe = probe;
    }

    @Override
    public ExecResult run(List<String> command, Map<String, String> files, List<Path> readOnly, String stdin,
                          SandboxLimits limits) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Path program = HostTools.resolve(command.get(0))
                .orElseThrow(() -> new IOException("program not found on this host: " + command.get(0)));
        Path input = files.isEmpty() ? null : writeInputs(files);
        try {
            int uid = UID_BASE + Math.floorMod(NEXT_UID.getAndIncrement(), 1_000_000);
            List<String> argv = BwrapCommand.build(probe, program, command.subList(1, command.size()), readOnly,
                    input, uid, limits);
            return execute(argv, stdin == null ? "" : stdin, limits);
        } finally {
            if (input != null) {
                deleteTree(input);
            }
        }
    }

    private ExecResult execute(List<String> argv, String stdin, SandboxLimits limits) throws IOException {
        long start = System.nanoTime();
        Process proc = new ProcessBuilder(argv).start();
        AtomicBoolean overCap = new AtomicBoolean();
        AtomicLong cpuAtKill = new AtomicLong();
        CappedReader out = new CappedReader(proc.getInputStream(), limits.maxOutputBytes(), overCap, proc, cpuAtKill);
        // stderr may hold the CPU trailer of the wrapper shell beyond the program's own cap
        CappedReader err = new CappedReader(proc.getErrorStream(), limits.maxOutputBytes() + TRAILER_BYTES, overCap, proc,
                cpuAtKill);
        Thread tOut = start(out, "sandbox-stdout");
        Thread tErr = start(err, "sandbox-stderr");
        Thread tIn = start(() -> feed(proc.getOutputStream(), stdin), "sandbox-stdin");
        boolean finished;
        try {
            finished = proc.waitFor(limits.wall().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(proc, cpuAtKill);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the sandbox", e);
        }
        boolean timedOut = !finished;
        if (timedOut) {
            killTree(proc, cpuAtKill);
        }
        try {
            proc.waitFor(10, TimeUnit.SECONDS);
            tOut.join(10_000);
            tErr.join(10_000);
            tIn.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        boolean killed = timedOut || overCap.get();
        CpuTimes.Split split = CpuTimes.split(err.text());
        String stderr = split.stderr();
        boolean truncated = out.truncated() || err.truncated();
        if (stderr.getBytes(StandardCharsets.UTF_8).length > limits.maxOutputBytes()) {
            // the program's own stderr passed the cap (the trailer's allowance let it through): cut it and
            // report the run as stopped at the cap, as when the cap kills it, so no judge reads a cut
            // message as the program's last word
            stderr = new String(java.util.Arrays.copyOf(stderr.getBytes(StandardCharsets.UTF_8), limits.maxOutputBytes()),
                    StandardCharsets.UTF_8);
            truncated = true;
            killed = true;
        }
        int exit = killed ? -1 : proc.exitValue();
        Duration cpu = split.cpu() != null ? split.cpu() : Duration.ofNanos(cpuAtKill.get());
        return new ExecResult(exit, timedOut, killed, out.text(), stderr, truncated, wall, cpu);
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void feed(OutputStream os, String stdin) {
        try (os) {
            os.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the program closed its stdin or ended: what it did not read is not an error of the sandbox
        }
    }

    /** Kills bwrap's whole tree after noting the CPU its live processes have used (the first kill's sample is kept). */
    static void killTree(Process proc, AtomicLong cpuAtKill) {
        if (proc.isAlive()) {
            cpuAtKill.compareAndSet(0, CpuTimes.live(proc).toNanos());
        }
        killTree(proc);
    }

    /** Kills bwrap's whole tree: every descendant first (the PID namespace's init takes the rest with it), then bwrap. */
    static void killTree(Process proc) {
        proc.descendants().forEach(ProcessHandle::destroyForcibly);
        proc.destroyForcibly();
    }

    private static Path writeInputs(Map<String, String> files) throws IOException {
        Path dir = Files.createTempDirectory("codemill-sbx");
        try {
            // the program runs as another uid (root mode): it must be able to read its own files
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path rel = Path.of(e.getKey()).normalize();
                if (rel.isAbsolute() || rel.toString().isEmpty() || rel.startsWith("..")) {
                    throw new IOException("file name must stay inside the working folder: " + e.getKey());
                }
                Path target = dir.resolve(rel);
                for (Path d = target.getParent(); d != null && !d.equals(dir); d = d.getParent()) {
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Reads one stream, keeping at most {@code cap} bytes; past the cap it flags the run and kills it. */
    private static final class CappedReader implements Runnable {
        private final InputStream in;
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        private final int cap;
        private final AtomicBoolean overCap;
        private final Process proc;
        private final AtomicLong cpuAtKill;
        private volatile boolean truncated;

        CappedReader(InputStream in, int cap, AtomicBoolean overCap, Process proc, AtomicLong cpuAtKill) {
            this.in = in;
            this.cap = cap;
            this.overCap = overCap;
            this.proc = proc;
            this.cpuAtKill = cpuAtKill;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    int keep = Math.min(n, cap - buf.size());
                    buf.write(chunk, 0, keep);
                    if (keep < n) {
                        truncated = true;
                        overCap.set(true);
                        killTree(proc, cpuAtKill);
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the stream closed because the run was killed
            }
        }

        synchronized String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }

        boolean truncated() {
            return truncated;
        }
    }
}
