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
    public static final Set<String> OWN = Set.of("data", "ledger", "tokens", "review", Publisher.STATS, Publisher.REPORT,
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
            String why = Files.isDirectory(dir) ? refusal(dir.toString(), entries(dir))
                    : "branch folder " + dir + " is a file Codemill did not write; the run would replace it: move it, "
                            + "or name the branch differently";
            if (why != null) {
                throw new OutputClaim.RefusedException(why);
            }
        }
    }

    /**
     * Why a branch folder without the marker may not be replaced, or null when it may: its
     * {@code entries} (names, a folder's with a trailing "/") hold something Codemill does not write
     * there. Shared by the local publish and the Spark runner's remote OUT.
     */
    public static String refusal(String dir, List<String> entries) {
        List<String> foreign = new ArrayList<>();
        for (String e : entries) {
            if (!OWN.contains(e.endsWith("/") ? e.substring(0, e.length() - 1) : e)) {
                foreign.add(e);
            }
        }
        if (foreign.isEmpty()) {
            return null;
        }
        foreign.sort(null);
        if (foreign.size() > 5) {
            foreign = new ArrayList<>(foreign.subList(0, 5));
            foreign.add("…");
        }
        return "branch folder " + dir + " holds files Codemill did not write (" + String.join(", ", foreign)
                + "); the run would replace that folder: move those files, or name the branch differently";
    }

    /** Writes the marker into a staged branch folder before it is published. */
    static void mark(Path branchDir) throws IOException {
        Files.writeString(branchDir.resolve(OutputClaim.MARKER), "This folder is a branch output written by Codemill; "
                + "a run into the folder above replaces or removes it.\n", StandardCharsets.UTF_8);
    }

    /** The entries of {@code dir}, a folder's name with a trailing "/". */
    private static List<String> entries(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p.getFileName() + (Files.isDirectory(p) ? "/" : ""));
            }
        }
        return out;
    }
}
