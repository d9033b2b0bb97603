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
 * {@link String}, {@link Number}, {@link Boolean}, {@link List}) into a document.
 *
 * <p>Fields come from {@link IngestOptions}: content ({@code content}), path ({@code path}),
 * repository ({@code repo_name}) and id ({@code blob_id}); the id is the id field's value when
 * present and non-empty, else {@code DocId.of(dumpFileName + ":" + recordNumber)} (1-based line
 * or row number). Metadata of The Stack v2 that maps to a {@link Keys} key is kept:
 * {@code star_events_count}, {@code fork_events_count} (integers), {@code license_type}
 * (string), {@code detected_licenses} (list of strings), {@code gha_license_id} (string; the
 * {@code license} stage reconciles these with what it detects); other fields are dropped.
 * {@link Keys#LENGTH_BYTES} is the UTF-8 size of the content; content larger than
 * {@code maxFileBytes} is quarantined {@code too_large}, a record without a string content
 * field {@code missing_content} (detail {@code FILE:LINE: ...}).
 */
public final class DumpFields {
    private DumpFields() {
    }

    /** Emits the document (or its refusal) for one record. */
    public static void emit(Map<String, ?> rec, String fileName, long number, String origin, IngestOptions opts,
                            Emitter out) {
        String repo = str(rec.get(opts.repoField()));
        String path = str(rec.get(opts.pathField()));
        Object idv = rec.get(opts.idField());
        String ids = idv == null ? "" : String.valueOf(idv);
        DocId id = ids.isEmpty() ? DocId.of(fileName + ":" + number) : new DocId(ids);
        SourceRef src = new SourceRef(origin, repo, path);
        Object content = rec.get(opts.contentField());
        if (!(content instanceof String text)) {
            String why = content == null ? "has no field '" + opts.contentField() + "'"
                    : "field '" + opts.contentField() + "' is not a string";
            out.quarantine(Document.ofBytes(id, src, new byte[0], Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L)),
                    Verdict.of(IngestRules.MISSING_CONTENT, fileName + ":" + number + ": record " + why));
            return;
        }
        long len = utf8Length(text);
        Annotations ann = Annotations.EMPTY.with(Keys.LENGTH_BYTES, len);
        if (len > opts.maxFileBytes()) {
            out.quarantine(Document.ofBytes(id, src, new byte[0], ann), Verdict.of(IngestRules.TOO_LARGE,
                    fileName + ":" + number + ": content of " + len + " bytes exceeds max_file_bytes", len, opts.maxFileBytes()));
            return;
        }
        ann = withLong(ann, Keys.STARS.name(), rec.get(Keys.STARS.name()));
        ann = withLong(ann, Keys.FORKS.name(), rec.get(Keys.FORKS.name()));
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
        out.keep(Document.ofText(id, src, text, ann));
    }

    private static Annotations withLong(Annotations ann, String name, Object v) {
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return ann.with(name.equals(Keys.STARS.name()) ? Keys.STARS : Keys.FORKS, n.longValue());
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
