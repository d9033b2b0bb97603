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
 * {@code id, repo_name, path} (strings), {@code language, src_encoding} (strings; the
 * {@code encoding} annotation), {@code content} (string), {@code length_bytes, num_lines,
 * max_line_length} (int64), {@code avg_line_length, alphanum_fraction} (double),
 * {@code num_tokens, code_lines, comment_lines, blank_lines} (int64), {@code license_type}
 * (string), {@code detected_licenses} (list of strings), {@code is_vendor, is_generated}
 * (booleans), then {@code annotations}: every other annotation of the document as one compact
 * JSON object in a string, keys sorted, values typed (string, integer, float, boolean, list of
 * strings), in every format (so Parquet, JSONL, {@code datasets} and DuckDB all see a string,
 * whatever annotations the rows carry; {@code json.loads} / DuckDB's {@code ->>} read it). A
 * missing annotation is null. A document that was never decoded is written with its bytes
 * decoded as UTF-8 (malformed bytes become U+FFFD). The document's {@code origin} (the input
 * path) is not written, so outputs do not depend on where the inputs lay.
 *
 * <p>Ledger columns: {@code id, repo_name, path, stage, rule, action, detail, value, limit,
 * kept_id} (strings; {@code value}, {@code limit} and {@code kept_id} null where the rule
 * has none) and {@code sources} (list of strings: the ids a {@code derive} row's document was made
 * from; null on every other row); parts are sorted by id then stage position.
 */
public final class OutputColumns {
    private OutputColumns() {
    }

    /** Column names of data parts, in order. */
    public static final List<String> DATA = List.of("id", "repo_name", "path", "language", "src_encoding", "content",
            "length_bytes", "num_lines", "max_line_length", "avg_line_length", "alphanum_fraction", "num_tokens",
            "code_lines", "comment_lines", "blank_lines", "license_type", "detected_licenses", "is_vendor",
            "is_generated", "annotations");

    /** Column names of ledger parts, in order. */
    public static final List<String> LEDGER = List.of("id", "repo_name", "path", "stage", "rule", "action", "detail",
            "value", "limit", "kept_id", "sources");

    /** Annotation columns (column name) and their value classes (the rest goes to {@code annotations}). */
    static final Map<String, Class<?>> TYPED = typed();

    /** The annotation a column holds where the names differ (The Stack v2's {@code src_encoding}). */
    private static final Map<String, String> ANNOTATION_OF = Map.of("src_encoding", "encoding");

    private static String annotation(String column) {
        return ANNOTATION_OF.getOrDefault(column, column);
    }

    private static Map<String, Class<?>> typed() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("language", String.class);
        m.put("src_encoding", String.class);
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
        m.put("detected_licenses", List.class);
        m.put("is_vendor", Boolean.class);
        m.put("is_generated", Boolean.class);
        return m;
    }

    /** JSON mapper for annotation values: integers read back as {@link Long}, floats as {@link Double}. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /**
     * The data row of {@code doc}: column → value (null when absent; {@code detected_licenses} a
     * {@code List<String>}); {@code annotations} is the JSON text of the other annotations.
     */
    public static Map<String, Object> dataRow(Document doc) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> ann = doc.annotations().asMap();
        row.put("id", doc.id().value());
        row.put("repo_name", doc.source().repoName());
        row.put("path", doc.source().path());
        Map<String, Object> rest = new TreeMap<>(ann);
        for (Map.Entry<String, Class<?>> col : TYPED.entrySet()) {
            String key = annotation(col.getKey());
            Object v = ann.get(key);
            if (v != null && col.getValue().isInstance(v) && (!(v instanceof List<?> l) || strings(l))) {
                rest.remove(key);
            } else {
                v = null;
            }
            row.put(col.getKey(), v);
            if (col.getKey().equals("src_encoding")) {
                row.put("content", doc.isDecoded() ? doc.text() : new String(doc.bytes(), StandardCharsets.UTF_8));
            }
        }
        row.put("annotations", annotationsJson(rest));
        return row;
    }

    private static boolean strings(List<?> l) {
        return l.stream().allMatch(String.class::isInstance);
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
        row.put("value", nullIfEmpty(r.value()));
        row.put("limit", nullIfEmpty(r.limit()));
        row.put("kept_id", nullIfEmpty(r.keptId()));
        row.put("sources", r.sources().isEmpty() ? null : r.sources());
        return row;
    }

    /** {@code null} for a null or empty string (a ledger field the rule does not have). */
    public static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
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
                ann.put(annotation(col), TYPED.get(col) == Long.class && v instanceof Number n ? (Object) n.longValue()
                        : TYPED.get(col) == Double.class && v instanceof Number n ? (Object) n.doubleValue() : v);
            }
        }
        SourceRef src = new SourceRef(origin, (String) row.get("repo_name"), (String) row.get("path"));
        return Document.ofText(new DocId((String) row.get("id")), src, (String) row.get("content"), Annotations.ofRaw(ann));
    }

    /** Rebuilds a ledger row (stage index -1: parts do not store it). */
    public static LedgerRow toLedgerRow(Map<String, Object> row) {
        List<String> sources = new java.util.ArrayList<>();
        if (row.get("sources") instanceof List<?> l) {
            l.forEach(o -> sources.add(String.valueOf(o)));
        }
        return new LedgerRow(s(row, "id"), s(row, "repo_name"), s(row, "path"), -1, s(row, "stage"), s(row, "rule"),
                s(row, "action"), s(row, "detail"), s(row, "value"), s(row, "limit"), s(row, "kept_id"), sources);
    }

    private static String s(Map<String, Object> row, String k) {
        Object v = row.get(k);
        return v == null ? "" : v.toString();
    }
}
