package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes a run's outputs: data and ledger part files in every format, and the atomic publish of
 * {@code data/}, {@code ledger/} and {@code stats.json} into OUT.
 */
final class RunOutput {
    /** Ledger part files roll over after this many rows. */
    static final int LEDGER_ROWS_PER_PART = 1_000_000;

    private final List<OutputFormat> formats;
    private final long partBytes;

    RunOutput(List<OutputFormat> formats, long partBytes) {
        this.formats = List.copyOf(formats);
        this.partBytes = partBytes;
    }

    /**
     * Writes the kept documents: partitions in order, each sorted by id. While one partition is
     * written (one task per format, in parallel), the next one is read and sorted.
     */
    void writeData(SpillStore<Document> spill, int partitions, Path dir, RunStats stats, ExecutorService pool)
            throws IOException {
        Files.createDirectories(dir);
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : formats) {
            writers.add(new PartWriter(dir, f, true));
        }
        Future<List<Document>> next = pool.submit(() -> sortedPartition(spill, 0));
        for (int p = 0; p < partitions; p++) {
            List<Document> docs = LocalRunner.get(next);
            if (p + 1 < partitions) {
                int following = p + 1;
                next = pool.submit(() -> sortedPartition(spill, following));
            }
            docs.forEach(stats::keptDocument);
            List<Future<?>> writes = new ArrayList<>();
            for (PartWriter w : writers) {
                writes.add(pool.submit(() -> {
                    for (Document d : docs) {
                        w.write(d);
                    }
                    return null;
                }));
            }
            LocalRunner.await(writes);
        }
        for (PartWriter w : writers) {
            w.close();
        }
    }

    private static List<Document> sortedPartition(SpillStore<Document> spill, int p) throws IOException {
        List<Document> docs = spill.read(p);
        docs.sort(LocalRunner.DOC_ORDER);
        return docs;
    }

    void writeLedger(SpillStore<LedgerRow> ledger, int partitions, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<PartWriter> writers = new ArrayList<>();
        for (OutputFormat f : formats) {
            writers.add(new PartWriter(dir, f, false));
        }
        for (int p = 0; p < partitions; p++) {
            List<LedgerRow> part = ledger.read(p);
            part.sort(null);
            for (LedgerRow r : part) {
                for (PartWriter w : writers) {
                    w.write(r);
                }
            }
        }
        for (PartWriter w : writers) {
            w.close();
        }
    }

    /**
     * The part files of one format: {@code part-00000}, {@code part-00001}, … A data part rolls
     * over once it holds {@code partBytes} content chars, a ledger part after
     * {@link #LEDGER_ROWS_PER_PART} rows; the rule depends only on the rows, so every format
     * splits at the same rows.
     */
    private final class PartWriter {
        private final Path dir;
        private final OutputFormat format;
        private final boolean data;
        private ShardWriter open;
        private int part = -1;
        private long filled;

        PartWriter(Path dir, OutputFormat format, boolean data) throws IOException {
            this.dir = dir;
            this.format = format;
            this.data = data;
            roll();
        }

        private void roll() throws IOException {
            if (open != null) {
                open.close();
            }
            part++;
            filled = 0;
            Path file = dir.resolve(String.format("part-%05d%s", part, format.extension()));
            open = data ? format.openData(file) : format.openLedger(file);
        }

        void write(Document d) throws IOException {
            if (filled >= partBytes) {
                roll();
            }
            open.writeDocument(d);
            filled += d.isDecoded() ? d.text().length() : d.bytes().length;
        }

        void write(LedgerRow r) throws IOException {
            if (filled == LEDGER_ROWS_PER_PART) {
                roll();
            }
            open.writeLedger(r);
            filled++;
        }

        void close() throws IOException {
            open.close();
        }
    }

    /** Moves {@code staged/data} and {@code staged/ledger} into OUT, replacing old ones, then writes stats.json. */
    static void publish(Path staged, Path outDir, byte[] statsJson) throws IOException {
        // stats.json marks a complete output: remove the old one first, so a run killed while
        // swapping data/ and ledger/ never leaves new data next to old stats (or the reverse).
        Files.deleteIfExists(outDir.resolve("stats.json"));
        for (String name : List.of("data", "ledger")) {
            Path target = outDir.resolve(name);
            Path old = outDir.resolve(".codemill-work").resolve("old-" + name);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staged.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
        }
        writeAtomically(outDir.resolve("stats.json"), statsJson);
    }

    /** Writes a file through a temporary sibling and an atomic rename. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}
