package dev.codemill.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ownership of the branch folders under OUT ({@code OUT/fim}, {@code OUT/debug_pairs}, ...).
 *
 * <p>A run replaces the folder of each branch it writes and removes the folders of branches an
 * earlier run listed in its manifest. A folder of that name may since hold a user's files: it is
 * replaced only when it carries the marker {@value OutputClaim#MARKER} (written into every branch
 * folder Codemill publishes) or holds nothing but the entries Codemill writes into a branch folder
 * (folders written before the marker existed). Otherwise the run is refused before anything moves.
 */
public final class BranchFolders {
    private BranchFolders() {
    }

    /** The entries Codemill writes into a branch folder. */
    static final Set<String> OWN = Set.of("data", "ledger", "tokens", "review", Publisher.STATS, Publisher.REPORT,
            Manifest.FILE, Publisher.EXAMPLES, DatasetCard.FILE, OutputClaim.MARKER);

    /**
     * Refuses when a folder a run into {@code out} would replace or remove — the given
     * {@code branches} and those of the earlier run's manifest — holds files Codemill did not write.
     *
     * @throws OutputClaim.RefusedException naming the folder and up to five foreign entries
     */
    public static void checkReplaceable(Path out, List<String> branches) throws IOException {
        Set<String> names = new LinkedHashSet<>(BranchOutputs.previous(out));
        names.addAll(branches);
        for (String name : names) {
            Path dir = out.resolve(name);
            if (!Files.exists(dir) || Files.exists(dir.resolve(OutputClaim.MARKER))) {
                continue;
            }
            List<String> foreign = foreign(dir);
            if (!foreign.isEmpty()) {
                throw new OutputClaim.RefusedException("branch folder " + dir + " holds files Codemill did not write ("
                        + String.join(", ", foreign) + "); the run would replace that folder: move those files, "
                        + "or name the branch differently");
            }
        }
    }

    /** Writes the marker into a staged branch folder before it is published. */
    static void mark(Path branchDir) throws IOException {
        Files.writeString(branchDir.resolve(OutputClaim.MARKER), "This folder is a branch output written by Codemill; "
                + "a run into the folder above replaces or removes it.\n", StandardCharsets.UTF_8);
    }

    /** Up to five entries of {@code dir} that Codemill does not write (sorted), "…" when more; {@code dir} itself when it is a file. */
    private static List<String> foreign(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            out.add(dir.getFileName() + " is a file");
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!OWN.contains(n)) {
                    out.add(n + (Files.isDirectory(p) ? "/" : ""));
                }
            }
        }
        out.sort(null);
        if (out.size() > 5) {
            out = new ArrayList<>(out.subList(0, 5));
            out.add("…");
        }
        return out;
    }
}
