package dev.codemill.io.packed;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.ColumnNamingStrategy;
import com.jerolba.carpet.annotation.NotNull;
import dev.codemill.io.parquet.FooterOrder;
import dev.codemill.io.tokenize.TokenFormat;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.model.Document;
import dev.codemill.run.ShardWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Output format {@code packed}: the kept documents tokenized and packed into fixed-length
 * sequences ({@link SequencePacker}, which documents the packing policy), in one Parquet file
 * {@code OUT/tokens/packed-00000.parquet} (zstd, written with carpet-record like the
 * {@code parquet} format; its own folder keeps it out of {@code data/}, whose rows are documents).
 *
 * <p>Columns, one row per sequence: {@code input_ids} (list of int32, {@code seq_length} ids,
 * the last row shorter), {@code doc_starts} (list of int32: where each document piece starts in
 * the row), {@code doc_offsets} (list of int32: the piece's first token within its document; 0
 * where the document begins) and {@code doc_ids} (list of string). Documents in output order,
 * each followed by the tokenizer's EOS id; the ids are those the document carries from the
 * {@code tokens} stage when they match this tokenizer ({@link dev.codemill.tokenize.SentinelEncoder#ids}). One file per run: a part boundary would cut a
 * sequence short in the middle of the data. Holds no ledger.
 */
public final class PackedFormat extends TokenFormat {
    /** Rows per row group: 1,024 rows of 4,096 int32 are 16 MiB before compression. */
    static final int ROW_GROUP_ROWS = 1024;

    /** One Parquet row; component names become snake_case columns. */
    public record PackedRecord(@NotNull List<Integer> inputIds, @NotNull List<Integer> docStarts,
                               @NotNull List<Integer> docOffsets, @NotNull List<String> docIds) {
    }

    private final int seqLength;

    /**
     * @param tokenizer tokenizer of the ids (recipe {@code output.tokenizer})
     * @param seqLength tokens per row (recipe {@code output.seq_length}, default 4096)
     */
    public PackedFormat(Tokenizer tokenizer, int seqLength) {
        super(tokenizer);
        if (seqLength < 1) {
            throw new IllegalArgumentException("seq_length must be at least 1: " + seqLength);
        }
        this.seqLength = seqLength;
    }

    @Override
    public String name() {
        return "packed";
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = super.describe();
        m.put("seq_length", seqLength);
        m.put("last_row", "shorter, not padded");
        return m;
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        CarpetWriter<PackedRecord> w = new CarpetWriter.Builder<>(new LocalOutputFile(file), PackedRecord.class)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withColumnNamingStrategy(ColumnNamingStrategy.SNAKE_CASE)
                .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
                .build();
        return new Writer(file, w, tokenizer, seqLength);
    }

    static PackedRecord record(SequencePacker.Row r) {
        return new PackedRecord(boxed(r.inputIds()), boxed(r.docStarts()), boxed(r.docOffsets()), r.docIds());
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    private static final class Writer extends TokenWriter {
        private final Path file;
        private final CarpetWriter<PackedRecord> out;
        private final Tokenizer tokenizer;
        private final SequencePacker packer;
        private boolean closed;

        Writer(Path file, CarpetWriter<PackedRecord> out, Tokenizer tokenizer, int seqLength) {
            this.file = file;
            this.out = out;
            this.tokenizer = tokenizer;
            this.packer = new SequencePacker(seqLength, tokenizer.eosId(), row -> {
                try {
                    out.write(record(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void writeDocument(Document doc) throws IOException {
            try {
                packer.add(doc.id().value(), dev.codemill.tokenize.SentinelEncoder.ids(tokenizer, doc));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public long tokensWritten() {
            return packer.tokens();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                packer.finish();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.close();
            FooterOrder.sortEncodings(file);
        }
    }
}
