package dev.codemill.stages.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * The unified diff of one file change (JGit's histogram diff, git's {@code --histogram}; 3 lines
 * of context, git's default), with its added and removed line counts.
 *
 * @param diff    {@code --- a/OLD}, {@code +++ b/NEW} and the hunks; {@code /dev/null} for an absent side
 * @param added   lines only in the new file
 * @param removed lines only in the old file
 */
public record ChangeDiff(String diff, long added, long removed) {
    /** Lines of context around each hunk (git's default). */
    public static final int CONTEXT = 3;

    /** Diffs {@code before} (at {@code oldPath}, "" when added) against {@code after} (at {@code path}). */
    public static ChangeDiff of(String oldPath, String before, String path, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        long added = 0;
        long removed = 0;
        for (Edit e : edits) {
            added += e.getLengthB();
            removed += e.getLengthA();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(CONTEXT);
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String header = "--- " + (before.isEmpty() && oldPath.isEmpty() ? "/dev/null" : "a/" + oldPath) + "\n+++ "
                + (after.isEmpty() ? "/dev/null" : "b/" + path) + "\n";
        return new ChangeDiff(header + out.toString(StandardCharsets.UTF_8), added, removed);
    }

    /**
     * The exact-dedup key of a pair: SHA-256 hex of the old and new content (CRLF as LF) joined by
     * NUL, so two pairs are copies only when both sides are.
     */
    public static String pairHash(String before, String after) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(before.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(after.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
