package dev.codemill.io;

import dev.codemill.io.jsonl.JsonlZstFormat;
import dev.codemill.io.megatron.MegatronFormat;
import dev.codemill.io.packed.PackedFormat;
import dev.codemill.io.parquet.ParquetFormat;
import dev.codemill.io.review.ReviewFormat;
import dev.codemill.tokenize.Tokenizers;
import dev.codemill.plan.OutputSpec;
import dev.codemill.run.OutputFormat;
import java.util.List;

/**
 * Output formats by recipe name: {@code parquet} ({@link ParquetFormat}), {@code jsonl}
 * ({@link JsonlZstFormat}), {@code megatron} ({@link MegatronFormat}) and {@code packed}
 * ({@link PackedFormat}) and {@code review} ({@link ReviewFormat}: code-review pairs from the
 * quality critiques); the token formats take the recipe's {@code output.tokenizer} and
 * {@code output.seq_length}.
 */
public final class Formats {
    private Formats() {
    }

    /** Known format names. */
    public static final List<String> NAMES = List.of("parquet", "jsonl", "megatron", "packed", "review");

    /** The format called {@code name} with the default tokenizer ({@code cl100k_base}) and sequence length (4096). */
    public static OutputFormat byName(String name) {
        return byName(name, new OutputSpec(List.of(name), 1, 0));
    }

    /**
     * The format called {@code name}, token formats configured from {@code output}; an unknown
     * name is an {@link IllegalArgumentException} that lists the known ones.
     */
    public static OutputFormat byName(String name, OutputSpec output) {
        return switch (name) {
            case "parquet" -> new ParquetFormat();
            case "jsonl" -> new JsonlZstFormat();
            case "megatron" -> new MegatronFormat(Tokenizers.byName(output.tokenizer(), output.eosToken()));
            case "packed" -> new PackedFormat(Tokenizers.byName(output.tokenizer(), output.eosToken()), output.seqLength());
            case "review" -> new ReviewFormat();
            default -> throw new IllegalArgumentException("unknown output format '" + name + "'; known formats: " + NAMES);
        };
    }
}
