package dev.codemill.stages.analysis.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of one sandboxed run.
 *
 * @param cpu               CPU time (RLIMIT_CPU, rounded up to whole seconds); the kernel sends SIGXCPU at the limit, SIGKILL one second later
 * @param wall              wall-clock time; at the limit the whole sandbox (its PID namespace) is killed
 * @param addressSpaceBytes virtual address space per process (RLIMIT_AS), in bytes
 * @param maxProcesses      processes and threads of the sandbox's user (RLIMIT_NPROC)
 * @param maxFileBytes      largest file a process may write (RLIMIT_FSIZE), in bytes; the private
 *                          tmpfs is sized at four times this (at least 16 MiB)
 * @param maxOutputBytes    bytes kept of stdout and of stderr each; more output kills the run
 */
public record SandboxLimits(Duration cpu, Duration wall, long addressSpaceBytes, int maxProcesses,
                            long maxFileBytes, int maxOutputBytes) {

    public SandboxLimits {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(wall, "wall");
        if (cpu.isNegative() || cpu.isZero() || wall.isNegative() || wall.isZero()) {
            throw new IllegalArgumentException("cpu and wall limits must be positive: " + cpu + ", " + wall);
        }
        if (addressSpaceBytes < (1L << 20) || maxProcesses < 1 || maxFileBytes < 1 || maxOutputBytes < 1) {
            throw new IllegalArgumentException("limits out of range: as=" + addressSpaceBytes + " procs=" + maxProcesses
                    + " fsize=" + maxFileBytes + " output=" + maxOutputBytes);
        }
    }

    /** 10 s CPU, 20 s wall, 1 GiB address space, 64 processes, 16 MiB files, 1 MiB output per stream. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 1L << 30, 64, 16L << 20, 1 << 20);
    }

    public SandboxLimits withCpu(Duration v) { return new SandboxLimits(v, wall, addressSpaceBytes, maxProcesses, maxFileBytes, maxOutputBytes); }
    public SandboxLimits withWall(Duration v) { return new SandboxLimits(cpu, v, addressSpaceBytes, maxProcesses, maxFileBytes, maxOutputBytes); }
    public SandboxLimits withAddressSpaceBytes(long v) { return new SandboxLimits(cpu, wall, v, maxProcesses, maxFileBytes, maxOutputBytes); }
    public SandboxLimits withMaxProcesses(int v) { return new SandboxLimits(cpu, wall, addressSpaceBytes, v, maxFileBytes, maxOutputBytes); }
    public SandboxLimits withMaxFileBytes(long v) { return new SandboxLimits(cpu, wall, addressSpaceBytes, maxProcesses, v, maxOutputBytes); }
    public SandboxLimits withMaxOutputBytes(int v) { return new SandboxLimits(cpu, wall, addressSpaceBytes, maxProcesses, maxFileBytes, v); }

    /** Bytes of the private tmpfs: four times the file-size limit, at least 16 MiB. */
    public long tmpfsBytes() {
        long four = maxFileBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : maxFileBytes * 4;
        return Math.max(16L << 20, four);
    }
}
