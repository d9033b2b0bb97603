package dev.codemill.io;

import dev.codemill.io.jsonl.JsonlZstFormat;
import dev.codemill.io.parquet.ParquetFormat;
import dev.codemill.run.OutputFormat;
import java.util.List;

/** Output formats by recipe name: {@code parquet} ({@link ParquetFormat}) and {@code jsonl} ({@link JsonlZstFormat}). */
public final class Formats {
    private Formats() {
    }

    /** Known format names. */
    public static final List<String> NAMES = List.of("parquet", "jsonl");

    /** The format called {@code name}; an unknown name is an {@link IllegalArgumentException} that lists the known ones. */
    public static OutputFormat byName(String name) {
        return switch (name) {
            case "parquet" -> new ParquetFormat();
            case "jsonl" -> new JsonlZstFormat();
            default -> throw new IllegalArgumentException("unknown output format '" + name + "'; known formats: " + NAMES);
        };
    }
}
