package dev.codemill.io;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;

/**
 * Rule names readers use when they refuse an input entry (ledger stage {@code ingest}, action
 * {@code quarantine}), and the helper that sends such an entry to the ledger.
 *
 * <p>A refused entry becomes a document with empty content ({@code new byte[0]}) whose
 * {@link Keys#LENGTH_BYTES} is the entry's size in bytes when known (declared or measured,
 * -1 when unknown), so every input file is counted exactly once.
 */
public final class IngestRules {
    private IngestRules() {
    }

    /** File or entry larger than {@code maxFileBytes}; value = size in bytes, limit = the maximum. */
    public static final String TOO_LARGE = "too_large";
    /** File could not be read (permission, vanished, I/O error). */
    public static final String UNREADABLE = "unreadable";
    /** Symbolic link whose target stays inside the input root or archive: not followed. */
    public static final String SYMLINK = "symlink";
    /** Symbolic link whose target leaves the input root or archive (absolute or too many {@code ..}). */
    public static final String SYMLINK_OUTSIDE_ROOT = "symlink_outside_root";
    /** Neither a regular file, a directory nor a link (FIFO, device, socket). */
    public static final String SPECIAL_FILE = "special_file";
    /** Archive entry name with a {@code ..} component (zip-slip), after {@code \}→{@code /}. */
    public static final String PATH_TRAVERSAL = "path_traversal";
    /** Archive entry name starting with {@code /}, a drive letter ({@code C:}) or a UNC prefix. */
    public static final String ABSOLUTE_PATH = "absolute_path";
    /** Archive hard-link entry: never resolved. */
    public static final String HARDLINK = "hardlink";
    /** Archive entry whose parent path is an earlier symlink entry (writing it would go through the link). */
    public static final String WRITE_THROUGH_SYMLINK = "write_through_symlink";
    /** Archive expanded past {@code maxExpansionRatio} × its compressed size: this and later entries. */
    public static final String ZIP_BOMB = "zip_bomb";
    /** Archive nested deeper than {@code maxArchiveDepth}; value = depth, limit = maximum. */
    public static final String ARCHIVE_DEPTH = "archive_depth";
    /** Archive (or nested archive) that cannot be opened or read to its end. */
    public static final String BAD_ARCHIVE = "bad_archive";
    /**
     * Archive entry whose bytes fail the archive's own check: a zip entry whose CRC-32 or size
     * differs from its central-directory record, or whose compressed data cannot be inflated; a tar
     * entry whose header checksum does not match. Detail {@code ARCHIVE!ENTRY: ...} with the
     * expected and actual values. Never kept: the bytes are not what was archived.
     */
    public static final String CORRUPT_ENTRY = "corrupt_entry";
    /** Archive entry whose data cannot be read (encrypted, unsupported compression method). */
    public static final String UNSUPPORTED_ENTRY = "unsupported_entry";
    /**
     * Entry name that is empty after normalisation or holds a NUL character, or a file name that is
     * not valid in the file-name encoding (undecodable bytes).
     */
    public static final String BAD_NAME = "bad_name";
    /** JSONL line that is not a JSON object; detail {@code FILE:LINE: message}. */
    public static final String MALFORMED_JSON = "malformed_json";
    /** Dump record without a string content field; detail {@code FILE:LINE: ...}. */
    public static final String MISSING_CONTENT = "missing_content";
    /** Compressed dump or Parquet file that breaks off (truncated, corrupt); detail {@code FILE:LINE: message}. */
    public static final String CORRUPT_INPUT = "corrupt_input";
    /**
     * Input whose kind is known but not read here (a gzip-compressed Parquet file, brotli,
     * {@code .7z}, {@code .rar}): refused whole, with what to do instead, never read as one raw document.
     */
    public static final String UNSUPPORTED_INPUT = "unsupported_input";
    /**
     * Dump text that is not valid Unicode: a JSONL line or a Parquet string column holding bytes that
     * are not UTF-8, or an unpaired surrogate that is not a surrogate escape of one byte; detail
     * {@code FILE:LINE: ...} ({@code FILE:ROW} for Parquet). Never decoded to U+FFFD.
     */
    public static final String INVALID_UNICODE = "invalid_unicode";

    /**
     * Quarantines an entry that was not read: a document with empty bytes and
     * {@link Keys#LENGTH_BYTES} = {@code sizeBytes}.
     */
    public static void quarantine(Emitter out, String sourceKey, SourceRef src, long sizeBytes, Verdict why) {
        Annotations ann = Annotations.EMPTY.with(Keys.LENGTH_BYTES, sizeBytes);
        out.quarantine(Document.ofBytes(DocId.of(sourceKey), src, new byte[0], ann), why);
    }

    /** A document read from a file or an archive entry: raw bytes with {@link Keys#LENGTH_BYTES} set. */
    public static Document bytesDocument(String sourceKey, SourceRef src, byte[] bytes) {
        return Document.ofBytes(DocId.of(sourceKey), src, bytes,
                Annotations.EMPTY.with(Keys.LENGTH_BYTES, (long) bytes.length));
    }
}
