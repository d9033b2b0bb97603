package dev.codemill.cli;

import dev.codemill.run.OutputClaim;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        if (ex instanceof NoSuchFileException nsf) {
            return "no such input: " + nsf.getFile();
        }
        if (ex instanceof UncheckedIOException u) {
            return u.getMessage() + ": " + u.getCause().getMessage();
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }
}
