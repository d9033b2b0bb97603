package dev.codemill.plan;

import java.util.List;

/**
 * The recipe's {@code output} section.
 *
 * @param formats   {@code parquet} and/or {@code jsonl} (JSONL compressed with zstd)
 * @param partBytes a data part file is closed once it holds this many content bytes
 * @param spillPartitions how many hash partitions grouped stages and outputs use;
 *                  0 chooses one per 32 MB of input (at least 16)
 */
public record OutputSpec(List<String> formats, long partBytes, int spillPartitions) {
    public static final List<String> KNOWN_FORMATS = List.of("parquet", "jsonl");

    public OutputSpec {
        formats = List.copyOf(formats);
    }

    public OutputSpec withFormats(List<String> replaced) {
        return new OutputSpec(replaced, partBytes, spillPartitions);
    }
}
