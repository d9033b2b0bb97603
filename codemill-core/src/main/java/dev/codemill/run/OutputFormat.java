package dev.codemill.run;

import java.io.IOException;
import java.nio.file.Path;

/** A file format for data and ledger parts ({@code parquet}, {@code jsonl}). */
public interface OutputFormat {
    /** The recipe name of the format. */
    String name();

    /** File name suffix, e.g. {@code .parquet} or {@code .jsonl.zst}. */
    String extension();

    /** Opens a writer for kept documents at {@code file} (the runner renames it into place). */
    ShardWriter openData(Path file) throws IOException;

    /** Opens a writer for ledger rows at {@code file}. */
    ShardWriter openLedger(Path file) throws IOException;
}
