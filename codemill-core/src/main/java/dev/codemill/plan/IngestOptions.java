package dev.codemill.plan;

import java.util.List;

/**
 * How inputs are read: the recipe's {@code ingest} section.
 *
 * @param maxFileBytes      files larger than this are quarantined unread ({@code too_large});
 *                          default 8,000,000 bytes, OpenCoder's limit. Also the longest JSON string
 *                          a JSONL dump may hold (Jackson's {@code maxStringLength} follows it)
 * @param maxExpansionRatio an archive whose entries expand past this many times its own size
 *                          is a zip bomb; its remaining entries are quarantined ({@code zip_bomb})
 * @param maxArchiveDepth   how deep archives nested in archives are opened (0: not at all)
 * @param contentField      JSONL/Parquet field holding the text (The Stack: {@code content})
 * @param pathField         field holding the file path (The Stack v2: {@code path})
 * @param repoField         field holding the repository (The Stack v2: {@code repo_name})
 * @param idField           field holding an id unique per record, used verbatim as the document id
 *                          when present; default {@code ""} (none): the id is derived from the
 *                          record's occurrence. The Stack v2's {@code blob_id} is a content hash
 *                          shared by copies, so it is never a good id field (it is kept as the
 *                          {@code blob_id} annotation instead)
 * @param splitBytes        target bytes per split of one large dump file: a plain {@code .jsonl}
 *                          file larger than this is read as byte ranges, a {@code .parquet} file
 *                          as groups of row groups; 0 never splits. Default 128 MiB, the file
 *                          split size of Hadoop and Spark ({@code spark.sql.files.maxPartitionBytes})
 * @param contentAliases    fields tried in this order when a record has no {@code contentField}
 *                          (default {@code [text, code]}: the names of RedPajama/Dolma and
 *                          codeparrot dumps); the one used is recorded as annotation
 *                          {@code content_field}; empty: none
 * @param tolerateBadInputs when false (default), a run in which an input yielded documents that were
 *                          all quarantined at ingest (a whole shard lost) ends with exit code 3
 * @param history           how git repositories among the inputs are read with their history
 *                          ({@link HistoryOptions}); null (default): snapshots only
 */
public record IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                            String contentField, String pathField, String repoField, String idField,
                            long splitBytes, List<String> contentAliases, boolean tolerateBadInputs,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            HistoryOptions history) {
    /** Default {@link #splitBytes}: 128 MiB. */
    public static final long DEFAULT_SPLIT_BYTES = 128L << 20;
    /** Default {@link #contentAliases}. */
    public static final List<String> DEFAULT_CONTENT_ALIASES = List.of("text", "code");

    public static final IngestOptions DEFAULTS =
            new IngestOptions(8_000_000L, 100.0, 2, "content", "path", "repo_name", "", DEFAULT_SPLIT_BYTES);

    /** Options with the default {@link #splitBytes} (128 MiB), aliases and strictness. */
    public IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                         String contentField, String pathField, String repoField, String idField) {
        this(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField, idField,
                DEFAULT_SPLIT_BYTES);
    }

    /** Options with the default content aliases, not tolerating bad inputs. */
    public IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                         String contentField, String pathField, String repoField, String idField, long splitBytes) {
        this(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField, idField,
                splitBytes, DEFAULT_CONTENT_ALIASES, false);
    }

    /** Options without history (snapshots only). */
    public IngestOptions(long maxFileBytes, double maxExpansionRatio, int maxArchiveDepth,
                         String contentField, String pathField, String repoField, String idField,
                         long splitBytes, List<String> contentAliases, boolean tolerateBadInputs) {
        this(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField, idField,
                splitBytes, contentAliases, tolerateBadInputs, null);
    }

    public IngestOptions {
        if (splitBytes < 0) {
            throw new IllegalArgumentException("splitBytes must be >= 0, got " + splitBytes);
        }
        idField = idField == null ? "" : idField;
        contentAliases = List.copyOf(contentAliases);
    }

    /** These options with {@link #splitBytes} replaced. */
    public IngestOptions withSplitBytes(long bytes) {
        return new IngestOptions(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField,
                idField, bytes, contentAliases, tolerateBadInputs, history);
    }

    /** These options with {@link #tolerateBadInputs} replaced. */
    public IngestOptions withTolerateBadInputs(boolean tolerate) {
        return new IngestOptions(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField,
                idField, splitBytes, contentAliases, tolerate, history);
    }

    /** These options with {@link #history} replaced (null: snapshots only). */
    public IngestOptions withHistory(HistoryOptions replaced) {
        return new IngestOptions(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField,
                idField, splitBytes, contentAliases, tolerateBadInputs, replaced);
    }
}
