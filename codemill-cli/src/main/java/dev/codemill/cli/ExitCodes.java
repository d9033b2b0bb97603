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
        if (diskFull(ex) != null) {
            return Main.BAD_DATA;
        }
        if (ex instanceof RecipeException || ex instanceof UsageException || ex instanceof NoSuchFileException
                || ex instanceof OutputClaim.RefusedException) {
            return Main.USAGE;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            return Main.BAD_DATA;
        }
        return Main.INTERNAL;
    }

    static String message(Throwable ex) {
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
