package dev.codemill.plan;

/**
 * How inputs are read: the recipe's {@code ingest} section.
 *
 * @param maxFileBytes      files larger than this are quarantined unread ({@code too_large});
 *                          default 8,000,000 bytes, OpenCoder's limit
 * @param maxExpansionRatio an archive whose entries expand past this many times its own size
 *                          is a zip bomb; its remaining entries are quarantined ({@code zip_bomb})
 * @param maxArchiveDepth   how deep archives nested in archives are opened (0: not at all)
 * @param contentField      JSONL/Parquet field holding the text (The Stack: {@code content})
 * @param pathField         field holding the file path (The Stack v2: {@code path})
 * @param repoField         field holding the repository (The Stack v2: {@code repo_name})
 * @param idField           field holding a stable document id, used when present
 *                          (The Stack v2: {@code blob_id}); otherwise the id is derived
 * @param splitBytes        target bytes per split of one large dump file: a plain {@code .jsonl}
 *                          file larger than this is read as byte ranges, a {@code .parquet} file
 *                          as groups of row groups; 0 never splits. Default 128 MiB, the file
 *                          split size of Hadoop and Spark ({@code spark.sql.files.maxPartitionBytes})
 */
public record IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                            String contentField, String pathField, String repoField, String idField,
                            long splitBytes) {
    /** Default {@link #splitBytes}: 128 MiB. */
    public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

    public static final IngestOptions DEFAULTS =
            new IngestOptions(8_000_000L, 100.0, 2, "content", "path", "repo_name", "blob_id", DEFAULT_SPLIT_BYTES);

    /** Options with the default {@link #splitBytes} (128 MiB). */
    public IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                         String contentField, String pathField, String repoField, String idField) {
        this(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField, idField,
                DEFAULT_SPLIT_BYTES);
    }

    public IngestOptions {
        if (splitBytes < 0) {
            throw new IllegalArgumentException("splitBytes must be >= 0, got " + splitBytes);
        }
    }

    /** These options with {@link #splitBytes} replaced. */
    public IngestOptions withSplitBytes(long bytes) {
        return new IngestOptions(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField,
                idField, bytes);
    }
}
