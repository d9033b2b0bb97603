package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a run: the conservation gate, then the swap of the staged outputs into OUT,
 * the dataset card and, last, {@code stats.json}, whose presence marks a complete output.
 */
final class Publisher {
    private Publisher() {
    }

    /** File name of the report's gallery examples next to stats.json. */
    static final String EXAMPLES = "examples.json";

    /** The HTML report's file name (written by the CLI's report module after publishing). */
    static final String REPORT = "report.html";

    static final String STATS = "stats.json";

    /**
     * The folders a run replaces in OUT: {@code data/}, {@code ledger/} and the folders of the
     * formats that write elsewhere ({@code tokens/}, {@code review/}); a folder the new run does
     * not write is removed, so no output of an earlier run is left beside the new one.
     */
    static final List<String> FOLDERS = List.of(OutputFormat.DATA, OutputFormat.LEDGER, "tokens", "review");

    /**
     * Refuses to publish a run whose counts break {@code documents_in = kept + dropped + quarantined}
     * (documents lost or counted twice, e.g. spill files removed under the run): its output
     * cannot be trusted, so the previous OUT stays as it was.
     *
     * @throws IllegalStateException when the law does not hold (the CLI exits 4)
     */
    static void checkConservation(RunStats stats) {
        if (!stats.conservationHolds()) {
            throw new IllegalStateException("conservation law broken: " + stats.conservationReport()
                    + "; the output was not published");
        }
    }

    /**
     * Moves {@code staged/data}, {@code staged/ledger}, the other {@link #FOLDERS}, the
     * {@code branches} folders (replacing old ones; the branch folders an earlier run listed in its
     * manifest and this run does not write are removed: {@link BranchOutputs}; a branch folder holding
     * files Codemill did not write is refused first: {@link BranchFolders}), {@code staged/manifest.json} and {@code staged/examples.json}
     * (when written) into OUT, replacing old ones, then writes the dataset card {@code README.md}
     * ({@link DatasetCard}, one config per branch) and, last, stats.json.
     *
     * @throws OutputClaim.RefusedException when a branch folder to replace holds foreign files (nothing moved)
     */
    static void publish(Path staged, Path outDir, List<String> branches, byte[] statsJson) throws IOException {
        // The branch folders of the earlier run are read from its manifest before that goes.
        List<String> folders = new ArrayList<>(FOLDERS);
        for (String b : BranchOutputs.previous(outDir)) {
            if (!folders.contains(b)) {
                folders.add(b);
            }
        }
        for (String b : branches) {
            if (!folders.contains(b)) {
                folders.add(b);
            }
        }
        BranchFolders.checkReplaceable(outDir, branches);
        for (String b : branches) {
            if (Files.isDirectory(staged.resolve(b))) {
                BranchFolders.mark(staged.resolve(b));
            }
        }
        // stats.json marks a complete output: remove the old one first, so a run killed while
        // swapping data/ and ledger/ never leaves new data next to old stats (or the reverse).
        // The old report goes too: a run killed after the swap leaves no report of another run
        // (`codemill report OUT` rebuilds it from the new files).
        for (String file : List.of(STATS, REPORT, Manifest.FILE, EXAMPLES, DatasetCard.FILE)) {
            Files.deleteIfExists(outDir.resolve(file));
        }
        for (String name : folders) {
            Path target = outDir.resolve(name);
            Path old = outDir.resolve(WorkDir.NAME).resolve("old-" + name);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(staged.resolve(name))) {
                Files.move(staged.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (String file : List.of(Manifest.FILE, EXAMPLES)) {
            if (Files.exists(staged.resolve(file))) {
                Files.move(staged.resolve(file), outDir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        DatasetCard.write(outDir, statsJson, branches);
        OutFiles.writeAtomically(outDir.resolve(STATS), statsJson);
    }
}
