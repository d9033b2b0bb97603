package dev.codemill.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A run's work folder {@code OUT/.codemill-work}: spills hold raw, unredacted content, so the
 * folder is owner-only ({@code rwx------} where the file system is POSIX) and is removed on every
 * orderly exit: at {@link #close()} (success or exception) and, through a shutdown hook, on
 * SIGTERM or Ctrl-C. Only kill -9 can leave it behind; the next run deletes it before starting.
 */
public final class WorkDir implements AutoCloseable {
    /** Name of the work folder inside OUT. */
    public static final String NAME = ".codemill-work";

    private final Path path;
    private final Thread hook;

    private WorkDir(Path path) {
        this.path = path;
        this.hook = new Thread(() -> {
            try {
                OutFiles.deleteTree(path);
            } catch (IOException | RuntimeException e) {
                // exiting: nothing more to do
            }
        }, "codemill-work-cleanup");
    }

    /** Deletes a left-over {@code outDir/.codemill-work} and creates it anew, owner-only. */
    public static WorkDir create(Path outDir) throws IOException {
        Path p = outDir.resolve(NAME);
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
            OutFiles.deleteTree(path);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
