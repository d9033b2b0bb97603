package dev.codemill.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's hold on its output folder OUT, from before the first byte is written until the last.
 *
 * <p><b>Ownership.</b> A folder Codemill writes carries the marker file {@value #MARKER}. A run
 * refuses an OUT that exists, holds anything, and has no marker: its {@code data/} or
 * {@code ledger/} would be replaced, and Codemill deletes nothing it did not write. The
 * {@code overwrite} flag (CLI {@code --overwrite}) claims such a folder anyway.
 *
 * <p><b>Exclusion.</b> The run holds an exclusive OS lock ({@link FileChannel#tryLock()}) on
 * {@value #LOCK} for its whole length; a second run into the same OUT, in this JVM or another
 * process, is refused at once rather than deleting the first run's spill files. The lock file is
 * never deleted (deleting it would let two runs lock two different files).
 */
public final class OutputClaim implements AutoCloseable {
    /** Marker file of a folder written by Codemill. */
    public static final String MARKER = ".codemill";
    /** Lock file held by a running run. */
    public static final String LOCK = ".codemill.lock";

    /** Raised when OUT cannot be claimed: another run holds it, or it holds files Codemill did not write. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private OutputClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code out}, creating it when missing.
     *
     * @param overwrite claim a non-empty folder without the marker anyway
     * @throws RefusedException when another run holds {@code out}, or it holds foreign files and
     *                          {@code overwrite} is false (nothing is created in it then)
     */
    public static OutputClaim acquire(Path out, boolean overwrite) throws IOException {
        if (out.toString().isEmpty()) {
            throw new RefusedException("the output folder is an empty path; name a folder (it would be the current one)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new RefusedException("output " + out + " exists and is not a folder");
        }
        boolean marked = Files.exists(out.resolve(MARKER));
        if (!marked && !overwrite) {
            List<String> foreign = entries(out);
            if (!foreign.isEmpty()) {
                throw new RefusedException("output folder " + out + " holds files Codemill did not write ("
                        + String.join(", ", foreign) + "); choose a new or empty folder, or pass --overwrite to "
                        + "let Codemill replace its own outputs there (data/, ledger/, manifest.json, stats.json, ...)");
            }
        }
        Files.createDirectories(out);
        FileChannel ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new RefusedException("another codemill run is writing " + out + " (it holds " + out.resolve(LOCK)
                    + "); wait for it or choose another output folder");
        }
        if (!marked) {
            Files.writeString(out.resolve(MARKER), "This folder is written by Codemill; a run replaces its data/, ledger/, "
                    + "manifest.json, stats.json, examples.json, README.md, report.html and output folders.\n", StandardCharsets.UTF_8);
        }
        return new OutputClaim(ch, l);
    }

    /** Up to five entry names of {@code dir} but the lock file (sorted), with "…" when there are more; empty when absent or empty. */
    private static List<String> entries(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (p.getFileName().toString().equals(LOCK)) {
                    continue; // ours: a run stopped between taking the lock and writing the marker
                }
                names.add(p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""));
            }
        }
        names.sort(null);
        if (names.size() > 5) {
            names = new ArrayList<>(names.subList(0, 5));
            names.add("…");
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
