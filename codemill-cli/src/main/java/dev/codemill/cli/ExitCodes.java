package dev.codemill.cli;

import dev.codemill.run.OutputClaim;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Maps failures to the documented exit codes. */
final class ExitCodes {
    private ExitCodes() {
    }

    /** Thrown for bad usage that picocli does not see (e.g. a missing input path). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static int of(Throwable ex) {
        if (diskFull(ex) != null || outOfMemory(ex)) {
            return Main.BAD_DATA;
        }
        if (ex instanceof RecipeException || ex instanceof UsageException || ex instanceof NoSuchFileException
                || ex instanceof OutputClaim.RefusedException || ex instanceof dev.codemill.run.ExternalRunner.UsageError) {
            return Main.USAGE;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            return Main.BAD_DATA;
        }
        return Main.INTERNAL;
    }

    static String message(Throwable ex) {
        if (outOfMemory(ex)) {
            return outOfMemoryMessage();
        }
        IOException full = diskFull(ex);
        if (full != null) {
            return "no space left on the disk holding " + (full instanceof FileSystemException f && f.getFile() != null
                    ? f.getFile() : "the output folder") + " (" + full.getMessage() + "); free space or choose another "
                    + "output folder: the previous output is unchanged and the work folder was removed";
        }
        if (ex instanceof NoSuchFileException nsf) {
            return "no such input: " + nsf.getFile();
        }
        if (ex instanceof UncheckedIOException u) {
            return u.getMessage() + ": " + u.getCause().getMessage();
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    /** True when {@code ex} or a cause is an {@link OutOfMemoryError}. */
    static boolean outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line for a run that ran out of Java heap (issue 14 §5): no stack trace (the place it
     * struck is rarely the cause), the heap limit, and what to change. The work folder is
     * removed by then (the runner's try-with-resources) and OUT's previous output unchanged.
     */
    static String outOfMemoryMessage() {
        long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "out of memory: the Java heap (at most " + max + " MB) cannot hold this run's largest documents "
                + "while they are processed (tokenizer and language tables take about 60 MB); give Java more memory (CODEMILL_JAVA_OPTS=-Xmx2g ./codemill ..., or "
                + "java -Xmx2g -jar codemill.jar ...), use fewer --threads, or lower ingest.max_file_bytes; the previous "
                + "output is unchanged and the work folder was removed";
    }

    /**
     * The "no space left on device" error (ENOSPC) anywhere in {@code ex}'s cause chain, or null:
     * a full disk is not a fault of the document being written when it struck, nor an internal
     * error, whatever exception a worker wrapped it in.
     */
    static IOException diskFull(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io && io.getMessage() != null && io.getMessage().contains("No space left on device")) {
                return io;
            }
        }
        return null;
    }
}
