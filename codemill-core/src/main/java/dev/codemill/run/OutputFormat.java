package dev.codemill.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A file format for data and ledger parts ({@code parquet}, {@code jsonl}), or a data-only
 * training format ({@code megatron}, {@code packed}) that writes token ids rather than text.
 */
public interface OutputFormat {
    /** The recipe name of the format. */
    String name();

    /** File name suffix, e.g. {@code .parquet} or {@code .jsonl.zst}. */
    String extension();

    /** Opens a writer for kept documents at {@code file} (the runner renames it into place). */
    ShardWriter openData(Path file) throws IOException;

    /** Opens a writer for ledger rows at {@code file}. */
    ShardWriter openLedger(Path file) throws IOException;

    /** Whether the format also holds the ledger; {@code false} for token formats (no ledger parts are written). */
    default boolean writesLedger() {
        return true;
    }

    /**
     * Whether all kept documents go to one part ({@code part} 0) instead of rolling over every
     * {@code part_bytes} content bytes: token formats whose state spans documents (packing).
     */
    default boolean singleFile() {
        return false;
    }

    /**
     * The folder under OUT that holds this format's data files: {@value #DATA} for the document
     * formats, so that {@code data/} only ever holds rows of one schema; token and other derived
     * formats name their own (e.g. {@code tokens}, {@code review}). The ledger is always in
     * {@code ledger/}.
     */
    default String folder() {
        return DATA;
    }

    /** Folder of the document formats' data parts. */
    String DATA = "data";

    /** Folder of the ledger parts. */
    String LEDGER = "ledger";

    /** The file name of part {@code part}: {@code part-NNNNN} plus {@link #extension()}. */
    default String partName(int part) {
        return String.format("part-%05d%s", part, extension());
    }

    /** The files a part opened at {@code file} consists of (Megatron: {@code .bin} and {@code .idx}). */
    default List<Path> partFiles(Path file) {
        return List.of(file);
    }

    /** Format facts recorded in {@code manifest.json} (tokenizer, EOS id, dtype, sequence length); empty by default. */
    default Map<String, Object> describe() {
        return Map.of();
    }

    /** The tokenizer whose ids the format writes, or {@code null} for text formats. */
    default String tokenizer() {
        return null;
    }

    /**
     * Implemented by data {@link ShardWriter}s that tokenize: the number of tokens (EOS included)
     * written so far, read after each document to count tokens per document, language and
     * repository for {@code manifest.json}.
     */
    interface TokenCounter {
        long tokensWritten();
    }
}
