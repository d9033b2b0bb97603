package dev.codemill.io;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one record of a JSONL or Parquet dump (field name → value, values as plain Java:
 * {@link String}, {@code byte[]} (a Parquet binary column without a string annotation),
 * {@link Number}, {@link Boolean}, {@link List}) into a document.
 *
 * <p><b>Content.</b> The content is the value of {@link IngestOptions#contentField()}
 * ({@code content}); a record without it uses the first of {@link IngestOptions#contentAliases()}
 * ({@code text}, then {@code code}) that it holds, in that fixed order, and records the field's
 * name as annotation {@code content_field}. A string becomes a text document; bytes become a
 * bytes document, decoded by the {@code decode} stage exactly like a file read from disk.
 * {@link Keys#LENGTH_BYTES} is the UTF-8 size of the text (the byte count of bytes); content
 * larger than {@code maxFileBytes} is quarantined {@code too_large}, a record without any
 * content field, or with one of another type, {@code missing_content} (detail {@code FILE:LINE: ...}).
 *
 * <p>A JSON string may hold unpaired surrogates ({@code \udcff}), which no UTF-8 file can: when
 * each is a Python {@code surrogateescape} (U+DC80..U+DCFF, one undecodable byte), the content
 * becomes those bytes and reaches {@code decode} like a file; any other unpaired surrogate is
 * quarantined {@code invalid_unicode}, never written out as {@code ?}.
 *
 * <p><b>Identity.</b> A document id is unique per occurrence: {@code DocId.of(FILE ":" RECORD
 * "|" repo_name "/" path "@" revision)}, FILE the dump's file name, RECORD its 1-based line or row
 * number (global, also when the file is read as several splits), revision the record's
 * {@code revision_id}, else {@code snapshot_id} (The Stack v2), else empty; a record without
 * repository and path keeps the shorter {@code DocId.of(FILE ":" RECORD)}. So copies of one file
 * in several repositories, or several times in one dump, get different ids on every runner,
 * with or without splitting. Only when {@link IngestOptions#idField()} is set and the record holds
 * a non-empty value there is that value the id, verbatim (the user vouches for its uniqueness).
 * The Stack v2's {@code blob_id} (a content hash shared by copies) is kept as annotation
 * {@code blob_id}.
 *
 * <p><b>Metadata</b> of The Stack v2 that maps to a {@link Keys} key is kept:
 * {@code star_events_count}, {@code fork_events_count} (whole numbers, also when a writer stored
 * them as floating point, as pandas does for nullable integers), {@code license_type} (string),
 * {@code detected_licenses} (list of strings), {@code gha_license_id} (string; the {@code license}
 * stage reconciles these with what it detects); other fields are dropped.
 */
public final class DumpFields {
    /** Fields naming a record's revision, tried in order (The Stack v2). */
    static final List<String> REVISION_FIELDS = List.of("revision_id", "snapshot_id");

    private DumpFields() {
    }

    /** The id of a record, as described in the class comment. */
    public static DocId idOf(Map<String, ?> rec, String fileName, long number, IngestOptions opts) {
        if (!opts.idField().isEmpty()) {
            Object idv = rec.get(opts.idField());
            String ids = idv == null ? "" : String.valueOf(idv);
            if (!ids.isEmpty()) {
                return new DocId(ids);
            }
        }
        String repo = str(rec.get(opts.repoField()));
        String path = str(rec.get(opts.pathField()));
        if (repo.isEmpty() && path.isEmpty()) {
            return DocId.of(fileName + ":" + number);
        }
        String revision = "";
        for (String f : REVISION_FIELDS) {
            revision = str(rec.get(f));
            if (!revision.isEmpty()) {
                break;
            }
        }
        return DocId.of(fileName + ":" + number + "|" + repo + "/" + path + "@" + revision);
    }

    /** Emits the document (or its refusal) for one record. */
    public static void emit(Map<String, ?> rec, String fileName, long number, String origin, IngestOptions opts,
                            Emitter out) {
        String repo = str(rec.get(opts.repoField()));
        String path = str(rec.get(opts.pathField()));
        DocId id = idOf(rec, fileName, number, opts);
        SourceRef src = new SourceRef(origin, repo, path);
        String field = opts.contentField();
        Object content = rec.get(field);
        if (content == null) {
            for (String alias : opts.contentAliases()) {
                if (rec.get(alias) != null) {
                    field = alias;
                    content = rec.get(alias);
                    break;
                }
            }
        }
        if (!(content instanceof String) && !(content instanceof byte[])) {
            String why = content == null ? "has no field '" + opts.contentField() + "'"
                    + (opts.contentAliases().isEmpty() ? "" : " (nor " + String.join(", ", opts.contentAliases()) + ")")
                    : "field '" + field + "' is not a string or bytes but " + content.getClass().getSimpleName();
            out.quarantine(Document.ofBytes(id, src, new byte[0], Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L)),
                    Verdict.of(IngestRules.MISSING_CONTENT, fileName + ":" + number + ": record " + why));
            return;
        }
        long len = content instanceof String text ? utf8Length(text) : ((byte[]) content).length;
        Annotations ann = Annotations.EMPTY.with(Keys.LENGTH_BYTES, len);
        if (len > opts.maxFileBytes()) {
            out.quarantine(Document.ofBytes(id, src, new byte[0], ann), Verdict.of(IngestRules.TOO_LARGE,
                    fileName + ":" + number + ": content of " + len + " bytes exceeds max_file_bytes", len, opts.maxFileBytes()));
            return;
        }
        if (!field.equals(opts.contentField())) {
            ann = ann.with(Keys.CONTENT_FIELD, field);
        }
        if (rec.get(Keys.BLOB_ID.name()) instanceof String blob && !blob.isEmpty()) {
            ann = ann.with(Keys.BLOB_ID, blob);
        }
        ann = withLong(ann, Keys.STARS, rec.get(Keys.STARS.name()));
        ann = withLong(ann, Keys.FORKS, rec.get(Keys.FORKS.name()));
        if (rec.get(Keys.LICENSE_TYPE.name()) instanceof String lt) {
            ann = ann.with(Keys.LICENSE_TYPE, lt);
        }
        if (rec.get(Keys.GHA_LICENSE_ID.name()) instanceof String gha && !gha.isBlank()) {
            ann = ann.with(Keys.GHA_LICENSE_ID, gha);
        }
        if (rec.get(Keys.DETECTED_LICENSES.name()) instanceof List<?> l) {
            List<String> licenses = new ArrayList<>(l.size());
            for (Object o : l) {
                if (o != null) {
                    licenses.add(String.valueOf(o));
                }
            }
            ann = ann.with(Keys.DETECTED_LICENSES, licenses);
        }
        if (content instanceof String text && hasLoneSurrogate(text)) {
            byte[] raw = surrogateEscapedBytes(text);
            if (raw == null) {
                out.quarantine(Document.ofBytes(id, src, new byte[0], ann), Verdict.of(IngestRules.INVALID_UNICODE,
                        fileName + ":" + number + ": field '" + field + "' holds an unpaired surrogate that is not a "
                                + "surrogate escape (U+DC80..U+DCFF)"));
                return;
            }
            out.keep(Document.ofBytes(id, src, raw, ann.with(Keys.LENGTH_BYTES, (long) raw.length)));
            return;
        }
        out.keep(content instanceof String text ? Document.ofText(id, src, text, ann)
                : Document.ofBytes(id, src, (byte[]) content, ann));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes a text with Python's {@code surrogateescape} escapes stands for: each unpaired
     * U+DC80..U+DCFF is the byte 0x80..0xFF that could not be decoded (what {@code json.dumps} of a
     * file read with {@code errors="surrogateescape"} writes as {@code \udcff}), everything else is
     * UTF-8. Null when another unpaired surrogate occurs (no bytes explain it).
     */
    static byte[] surrogateEscapedBytes(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 16);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                run.append(c).append(s.charAt(++i));
            } else if (c >= 0xDC80 && c <= 0xDCFF) {
                out.writeBytes(run.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                run.setLength(0);
                out.write(c - 0xDC00);
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                run.append(c);
            }
        }
        out.writeBytes(run.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A whole number (an integral {@code double} too, as pandas writes nullable integers); else unchanged. */
    private static Annotations withLong(Annotations ann, dev.codemill.model.Key<Long> key, Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? ann.with(key, (long) d) : ann;
        }
        if (v instanceof Number n) {
            return ann.with(key, n.longValue());
        }
        return ann;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** UTF-8 size of {@code s} in bytes, computed without encoding it (an unpaired surrogate counts 3). */
    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
