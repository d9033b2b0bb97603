package dev.codemill.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A run's work folder {@code OUT/.codemill-work}: spills hold documents as read (metadata
 * redacted, content not yet, unless a {@code redact} stage ran before the spill), so the folder
 * is owner-only ({@code rwx------} where the file system is POSIX, its spill files
 * {@code rw-------}) and is removed on every orderly exit: at {@link #close()} (success or
 * exception) and, through a shutdown hook, on SIGTERM or Ctrl-C. Only a crash (kill -9, the
 * OOM killer, a power cut) leaves it behind: the next run deletes it before starting, or,
 * with {@code --resume}, goes on from its {@link Checkpoint} markers.
 */
public final class WorkDir implements AutoCloseable {
    /** Name of the work folder inside OUT. */
    public static final String NAME = ".codemill-work";

    /**
     * Name of the Spark runner's phase checkpoint folder inside OUT ({@code spark/PhaseCheckpoints}):
     * raw documents kept after a failed application, deleted by the next run that publishes into OUT.
     */
    public static final String CHECKPOINTS = ".codemill-checkpoints";

    /**
     * The names Codemill writes at the top of {@link #CHECKPOINTS}: {@code phase-NNNN} (a saved
     * step), {@code phase-NNNN.marker}, its temporary {@code .phase-NNNN.marker.tmp}, and the
     * {@code .crc} files of Hadoop's local file system beside each.
     */
    public static final java.util.regex.Pattern CHECKPOINT_ENTRY =
            java.util.regex.Pattern.compile("\\.{0,2}phase-[0-9]{4,9}(\\.marker)?(\\.tmp)?(\\.crc)?");

    /**
     * Deletes {@code outDir/}{@value #CHECKPOINTS} when Codemill wrote it (every entry a
     * {@link #CHECKPOINT_ENTRY}); a folder of that name holding anything else is left as it is.
     */
    public static void deleteCheckpoints(Path outDir) throws IOException {
        Path dir = outDir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            if (!list.allMatch(e -> CHECKPOINT_ENTRY.matcher(e.getFileName().toString()).matches())) {
                return;
            }
        }
        OutFiles.deleteTree(dir);
    }

    /** The {@link Checkpoint} marker log's name inside the work folder. */
    static final String MARKERS = "resume.log";

    private final Path path;
    private final Thread hook;

    private WorkDir(Path path) {
        this.path = path;
        this.hook = new Thread(() -> delete(path, 40), "codemill-work-cleanup");
    }

    /**
     * Deletes {@code dir} on exit: the marker log first (a folder half deleted is never resumed),
     * then the rest, tried again while worker threads, still running during shutdown, add files.
     */
    private static void delete(Path dir, int tries) {
        for (int i = 0; i < tries; i++) {
            try {
                Files.deleteIfExists(dir.resolve(MARKERS));
                OutFiles.deleteTree(dir);
                return;
            } catch (IOException | RuntimeException e) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Deletes a left-over {@code outDir/.codemill-work} and creates it anew, owner-only. */
    public static WorkDir create(Path outDir) throws IOException {
        return open(outDir, false);
    }

    /**
     * The work folder of a run into {@code outDir}: with {@code resume}, a left-over one is kept
     * (made owner-only again) for {@link Checkpoint} to go on from; otherwise it is deleted and
     * created anew, owner-only.
     */
    public static WorkDir open(Path outDir, boolean resume) throws IOException {
        Path p = outDir.resolve(NAME);
        if (resume && Files.isDirectory(p)) {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
            WorkDir w = new WorkDir(p);
            Runtime.getRuntime().addShutdownHook(w.hook);
            return w;
        }
        Files.deleteIfExists(p.resolve(MARKERS));
        OutFiles.deleteTree(p);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(p);
        }
        WorkDir w = new WorkDir(p);
        Runtime.getRuntime().addShutdownHook(w.hook);
        return w;
    }

    /** True when {@code dir} lies in a work folder that has a marker log (its spills are kept after reading). */
    static boolean checkpointed(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            Path name = p.getFileName();
            if (name != null && name.toString().equals(NAME)) {
                return Files.exists(p.resolve(MARKERS));
            }
        }
        return false;
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Deletes the folder and its contents, and drops the shutdown hook. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook deletes the folder
        }
        try {
            Files.deleteIfExists(path.resolve(MARKERS));
            OutFiles.deleteTree(path);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
