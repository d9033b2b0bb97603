package dev.codemill.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.run.LedgerRow;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The column layout of data and ledger parts, shared by every output format.
 *
 * <p>Data columns, in this order (names and types of The Stack v2 where it has them):
 * {@code id, repo_name, path} (strings), {@code language, encoding} (strings), {@code content}
 * (string), {@code length_bytes, num_lines, max_line_length} (int64),
 * {@code avg_line_length, alphanum_fraction} (double), {@code num_tokens, code_lines,
 * comment_lines, blank_lines} (int64), {@code license_type} (string), then {@code annotations}:
 * every other annotation of the document, by sorted name, typed (string, integer, float,
 * boolean, list of strings); Parquet stores it as a JSON string, JSONL as a nested object. A
 * missing annotation is null. A document that was never decoded is written with its bytes
 * decoded as UTF-8 (malformed bytes become U+FFFD). The document's {@code origin} (the input
 * path) is not written, so outputs do not depend on where the inputs lay.
 *
 * <p>Ledger columns: {@code id, repo_name, path, stage, rule, action, detail, value, limit,
 * kept_id} (all strings; parts are sorted by id then stage position).
 */
public final class OutputColumns {
    private OutputColumns() {
    }

    /** Column names of data parts, in order. */
    public static final List<String> DATA = List.of("id", "repo_name", "path", "language", "encoding", "content",
            "length_bytes", "num_lines", "max_line_length", "avg_line_length", "alphanum_fraction", "num_tokens",
            "code_lines", "comment_lines", "blank_lines", "license_type", "annotations");

    /** Column names of ledger parts, in order. */
    public static final List<String> LEDGER = List.of("id", "repo_name", "path", "stage", "rule", "action", "detail",
            "value", "limit", "kept_id");

    /** Annotation columns and their value classes (the rest goes to {@code annotations}). */
    static final Map<String, Class<?>> TYPED = typed();

    private static Map<String, Class<?>> typed() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("language", String.class);
        m.put("encoding", String.class);
        m.put("length_bytes", Long.class);
        m.put("num_lines", Long.class);
        m.put("max_line_length", Long.class);
        m.put("avg_line_length", Double.class);
        m.put("alphanum_fraction", Double.class);
        m.put("num_tokens", Long.class);
        m.put("code_lines", Long.class);
        m.put("comment_lines", Long.class);
        m.put("blank_lines", Long.class);
        m.put("license_type", String.class);
        return m;
    }

    /** JSON mapper for annotation values: integers read back as {@link Long}, floats as {@link Double}. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** The data row of {@code doc}: column → value (null when absent); {@code annotations} is a sorted map. */
    public static Map<String, Object> dataRow(Document doc) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> ann = doc.annotations().asMap();
        row.put("id", doc.id().value());
        row.put("repo_name", doc.source().repoName());
        row.put("path", doc.source().path());
        Map<String, Object> rest = new TreeMap<>(ann);
        for (Map.Entry<String, Class<?>> col : TYPED.entrySet()) {
            Object v = ann.get(col.getKey());
            if (v != null && col.getValue().isInstance(v)) {
                rest.remove(col.getKey());
            } else {
                v = null;
            }
            row.put(col.getKey(), v);
            if (col.getKey().equals("encoding")) {
                row.put("content", doc.isDecoded() ? doc.text() : new String(doc.bytes(), StandardCharsets.UTF_8));
            }
        }
        row.put("annotations", rest);
        return row;
    }

    /** Annotations map as compact JSON text, keys sorted. */
    public static String annotationsJson(Map<String, Object> annotations) {
        try {
            return JSON.writeValueAsString(annotations);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger row as column → value. */
    public static Map<String, Object> ledgerRow(LedgerRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("repo_name", r.repoName());
        row.put("path", r.path());
        row.put("stage", r.stage());
        row.put("rule", r.rule());
        row.put("action", r.action());
        row.put("detail", r.detail());
        row.put("value", r.value());
        row.put("limit", r.limit());
        row.put("kept_id", r.keptId());
        return row;
    }

    /**
     * Rebuilds a document from a data row as the readers return it ({@code annotations} either a
     * JSON string or a map). The inverse of {@link #dataRow} for decoded documents, except
     * {@code origin}, which is set to {@code origin}.
     */
    @SuppressWarnings("unchecked")
    public static Document toDocument(Map<String, Object> row, String origin) {
        Map<String, Object> ann = new TreeMap<>();
        Object extra = row.get("annotations");
        if (extra instanceof String json && !json.isEmpty()) {
            try {
                ann.putAll(JSON.readValue(json, Map.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("annotations of " + row.get("id") + " are not JSON: " + e.getOriginalMessage(), e);
            }
        } else if (extra instanceof Map<?, ?> m) {
            ann.putAll((Map<String, Object>) m);
        }
        for (String col : TYPED.keySet()) {
            Object v = row.get(col);
            if (v != null) {
                ann.put(col, TYPED.get(col) == Long.class && v instanceof Number n ? (Object) n.longValue()
                        : TYPED.get(col) == Double.class && v instanceof Number n ? (Object) n.doubleValue() : v);
            }
        }
        SourceRef src = new SourceRef(origin, (String) row.get("repo_name"), (String) row.get("path"));
        return Document.ofText(new DocId((String) row.get("id")), src, (String) row.get("content"), Annotations.ofRaw(ann));
    }

    /** Rebuilds a ledger row (stage index -1: parts do not store it). */
    public static LedgerRow toLedgerRow(Map<String, Object> row) {
        return new LedgerRow(s(row, "id"), s(row, "repo_name"), s(row, "path"), -1, s(row, "stage"), s(row, "rule"),
                s(row, "action"), s(row, "detail"), s(row, "value"), s(row, "limit"), s(row, "kept_id"));
    }

    private static String s(Map<String, Object> row, String k) {
        Object v = row.get(k);
        return v == null ? "" : v.toString();
    }
}
