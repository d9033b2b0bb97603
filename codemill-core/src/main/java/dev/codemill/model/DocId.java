package dev.codemill.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Stable identifier of one occurrence of a document: 32 lowercase hex characters (the first 128
 * bits of the SHA-256 of a source key such as {@code repo_name/path}, an archive entry, or a dump
 * record {@code FILE:RECORD|repo/path@revision}, see {@link #of(String)}), or an id given by the
 * input in a field the user names ({@code ingest.id_field}). Never a content hash such as The
 * Stack v2's {@code blob_id}, which copies in several repositories share.
 *
 * <p>Ids order documents in every output and break every tie, so a run's result never depends
 * on how the input was split across threads or workers.
 */
public record DocId(String value) implements Comparable<DocId> {

    public DocId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty document id");
        }
    }

    /** The id derived from a source key: hex of the first 16 bytes of SHA-256(UTF-8 key). */
    public static DocId of(String sourceKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceKey.getBytes(StandardCharsets.UTF_8));
            return new DocId(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public int compareTo(DocId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
