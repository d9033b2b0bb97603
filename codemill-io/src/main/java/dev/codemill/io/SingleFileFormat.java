package dev.codemill.io;

import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.nio.file.Path;

/**
 * A format written as one data file per run, {@code FOLDER/NAME-00000EXT} ({@link OutputFormat#folder()}), holding no ledger
 * (the token formats and {@code review}; the ledger lives in the parquet/jsonl parts).
 */
public abstract class SingleFileFormat implements OutputFormat {
    @Override
    public String partName(int part) {
        return String.format("%s-%05d%s", name(), part, extension());
    }

    @Override
    public boolean writesLedger() {
        return false;
    }

    /** One file for the whole run. */
    @Override
    public boolean singleFile() {
        return true;
    }

    @Override
    public ShardWriter openLedger(Path file) {
        throw new UnsupportedOperationException("the " + name() + " format holds no ledger");
    }
}
