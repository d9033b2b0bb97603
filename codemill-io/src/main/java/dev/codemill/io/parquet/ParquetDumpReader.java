package dev.codemill.io.parquet;

import dev.codemill.io.FileSplit;
import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CloseableIterator;
import dev.codemill.io.DumpFields;
import dev.codemill.io.IngestRules;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads Parquet dumps in The Stack's layout ({@code content}, {@code path},
 * {@code repo_name}, {@code blob_id}, metadata columns; names from {@link IngestOptions}) row by
 * row with carpet-record's {@code Map} reader; rows become documents as in {@link DumpFields},
 * the record number being the 1-based row number. A file that cannot be opened or breaks off
 * gives one {@code corrupt_input} document ({@code FILE:ROW: message}); rows read before stay.
 * One split per file (splitting by row group is later work).
 */
public final class ParquetDumpReader {
    private ParquetDumpReader() {
    }

    /** One split reading the whole file. */
    public static Split split(Path file, IngestOptions opts) {
        return new FileSplit(file, (f, out) -> readFile(f, opts, out));
    }

    /** Reads every row of {@code file}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void readFile(Path file, IngestOptions opts, Emitter out) {
        String fileName = file.getFileName().toString();
        String origin = file.toString();
        long row = 0;
        try (CloseableIterator<Map> it = new CarpetReader<>(new LocalInputFile(file), Map.class).iterator()) {
            while (it.hasNext()) {
                Map<String, Object> rec = it.next();
                row++;
                DumpFields.emit(rec, fileName, row, origin, opts, out);
            }
        } catch (Exception e) {
            out.quarantine(Document.ofBytes(DocId.of(fileName + ":" + (row + 1)), new SourceRef(origin, "", ""),
                    new byte[0], Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L)),
                    Verdict.of(IngestRules.CORRUPT_INPUT, fileName + ":" + (row + 1) + ": "
                            + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
