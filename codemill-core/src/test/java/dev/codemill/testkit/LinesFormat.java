package dev.codemill.testkit;

import dev.codemill.model.Document;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A plain-text output format for runner tests: one line per document and per ledger row, enough
 * to compare outputs byte for byte; the ledger rows written are also collected in {@link #rows}.
 */
public final class LinesFormat implements OutputFormat {
    /** Every ledger row written, in write order across shards. */
    public final List<LedgerRow> rows = Collections.synchronizedList(new ArrayList<>());
    private final Function<Document, String> line;

    private LinesFormat(Function<Document, String> line) {
        this.line = line;
    }

    /** Documents as {@code id \t path \t text (newlines as \n) \t annotations}. */
    public static LinesFormat full() {
        return new LinesFormat(d -> d.id() + "\t" + d.source().path() + "\t" + d.text().replace("\n", "\\n") + "\t"
                + d.annotations());
    }

    /** Documents as {@code id \t path}. */
    public static LinesFormat idAndPath() {
        return new LinesFormat(d -> d.id() + "\t" + d.source().path());
    }

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public String extension() {
        return ".txt";
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        return open(file);
    }

    @Override
    public ShardWriter openLedger(Path file) throws IOException {
        return open(file);
    }

    private ShardWriter open(Path file) throws IOException {
        var w = Files.newBufferedWriter(file);
        return new ShardWriter() {
            @Override
            public void writeDocument(Document doc) throws IOException {
                w.write(line.apply(doc) + "\n");
            }

            @Override
            public void writeLedger(LedgerRow row) throws IOException {
                rows.add(row);
                w.write(row + "\n");
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }
}
