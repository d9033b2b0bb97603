package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.AggregateStage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one hash partition ({@link Partitioning#partitionOf} of the id) of one output folder
 * into its own part files: the same code on every runner, on the local runner's worker threads
 * and in a Spark task on an executor. Documents are sorted by {@link DocOrder#ORDER}, ledger
 * rows by (id, stage); data parts roll over every {@code partBytes} content chars, ledger parts
 * every {@value PartWriter#LEDGER_ROWS_PER_PART} rows, token formats keep one file per
 * partition. The files go into {@code dir} (a task attempt's own folder): nothing there is
 * final until {@link PartCommit} renames the parts of every partition, in partition order, to
 * {@code part-00000}, {@code part-00001}, … So a retried or speculative task never adds rows,
 * and the names and bytes do not depend on which task ran where or when.
 *
 * <p>With aggregate decisions, token formats get the documents with at least one copy, then for
 * e = 1 … max copies − 1 one more pass over the partition with the documents that have more
 * than e copies: the copies of a document are one epoch apart within the partition's file.
 */
public final class PartitionWrite {
    private PartitionWrite() {
    }

    /**
     * One partition's result, plain data: per format its {@link Parts} (data, then ledger for
     * the formats that hold it), and, when observed (the main output), the kept-document counts
     * of stats.json ({@link RunStats#keptDocument} and the report metrics) with the candidates
     * for examples.json, in {@link DocumentCodec} form.
     */
    public record Written(int partition, ArrayList<Parts> data, ArrayList<Parts> ledger, RunStats kept,
                          ArrayList<byte[]> samples) implements Serializable {
    }

    /**
     * @param formats   the plan's formats ({@link RunPlan#formats()})
     * @param partBytes content chars after which a data part rolls over
     * @param dir       an empty folder of this attempt; format {@code f}'s data parts go to {@code dir/f.folder()}, ledger parts to {@code dir/ledger}
     * @param docs      the partition's kept documents, any order (sorted here)
     * @param ledger    the partition's ledger rows, any order (sorted here)
     * @param decisions the aggregate stages' decisions (none: every document once)
     * @param observe   count kept documents and pick report samples (the main output only)
     */
    public static Written write(List<OutputFormat> formats, long partBytes, Path dir, int partition, List<Document> docs,
                                List<LedgerRow> ledger, List<AggregateStage.Decision> decisions, boolean observe)
            throws IOException {
        docs.sort(DocOrder.ORDER);
        RunStats stats = observe ? new RunStats() : null;
        ArrayList<byte[]> samples = new ArrayList<>();
        if (observe) {
            ReportSamples report = new ReportSamples(stats);
            for (Document d : docs) {
                stats.keptDocument(d);
                report.add(d);
            }
            for (Document d : report.candidates()) {
                samples.add(encode(d));
            }
        }
        ArrayList<Parts> data = new ArrayList<>();
        int[] copies = copies(docs, decisions);
        int maxCopies = 1;
        for (AggregateStage.Decision d : decisions) {
            maxCopies *= d.maxCopies();
        }
        for (int i = 0; i < formats.size(); i++) {
            OutputFormat f = formats.get(i);
            // try-with-resources: a failed write's exception stays the one thrown (closing a half-written
            // Parquet part fails too, and that failure used to hide the cause, issue 18)
            PartWriter w = new PartWriter(dir.resolve(f.folder()), i, f, true, partBytes);
            boolean copied = !decisions.isEmpty() && w.tokenizing();
            try (w) {
                for (int e = 0; e < (copied ? maxCopies : 1); e++) {
                    for (int k = 0; k < docs.size(); k++) {
                        if (!copied || copies[k] > e) {
                            w.write(docs.get(k));
                        }
                    }
                }
            }
            data.add(w.parts);
        }
        ledger.sort(null);
        ArrayList<Parts> ledgerParts = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            OutputFormat f = formats.get(i);
            if (!f.writesLedger()) {
                continue;
            }
            PartWriter w = new PartWriter(dir.resolve(OutputFormat.LEDGER), i, f, false, partBytes);
            try (w) {
                for (LedgerRow r : ledger) {
                    w.write(r);
                }
            }
            ledgerParts.add(w.parts);
        }
        return new Written(partition, data, ledgerParts, stats, samples);
    }

    private static int[] copies(List<Document> docs, List<AggregateStage.Decision> decisions) {
        int[] c = new int[docs.size()];
        for (int i = 0; i < c.length; i++) {
            int n = 1;
            for (AggregateStage.Decision d : decisions) {
                n *= d.copies(docs.get(i));
            }
            c[i] = n;
        }
        return c;
    }

    private static byte[] encode(Document d) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            DocumentCodec.write(d, out);
        }
        return bytes.toByteArray();
    }
}
