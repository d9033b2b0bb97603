package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extracts the code of a Jupyter notebook (nbformat 4, and nbformat 3's {@code worksheets} /
 * {@code input} layout). Case C13, cloc #292, sanity #19: a notebook is sampled as its code,
 * never as its JSON (outputs hold base64 images hundreds of kilobytes long).
 *
 * <p>Output format (code-only): the non-blank code cells in order, each cell's {@code source}
 * joined (a list of lines or one string — both are valid nbformat), trailing newlines of each
 * cell removed, cells separated by one blank line, ending in one newline. Outputs, execution
 * counts, metadata and {@code raw} cells are dropped. With {@code keepMarkdown}, each markdown
 * cell's lines become line comments ({@code # } for Python, R, Julia…; {@code // } for C-family
 * kernels) placed directly before the next code cell; code lines stay byte-identical.
 *
 * <p>Thread-safe.
 */
public final class NotebookExtractor {
    /** Jackson's default max string length is 20 M chars; notebooks with huge outputs are allowed up to the decode limit. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
    }

    private static final Map<String, String> LINE_COMMENT = Map.ofEntries(
            Map.entry("C", "// "), Map.entry("C++", "// "), Map.entry("C#", "// "), Map.entry("Java", "// "),
            Map.entry("JavaScript", "// "), Map.entry("TypeScript", "// "), Map.entry("Go", "// "),
            Map.entry("Rust", "// "), Map.entry("Scala", "// "), Map.entry("Kotlin", "// "), Map.entry("Swift", "// "),
            Map.entry("Groovy", "// "), Map.entry("Dart", "// "), Map.entry("F#", "// "),
            Map.entry("Haskell", "-- "), Map.entry("Lua", "-- "), Map.entry("SQL", "-- "),
            Map.entry("MATLAB", "% "), Map.entry("Common Lisp", "; "), Map.entry("Clojure", "; "),
            Map.entry("Scheme", "; "), Map.entry("Racket", "; "), Map.entry("Emacs Lisp", "; "));

    /** A notebook that is not valid JSON or not a notebook object. */
    public static final class BadNotebookException extends Exception {
        public BadNotebookException(String message) {
            super(message);
        }
    }

    /**
     * What came out.
     *
     * @param code          extracted text (empty when there are no code cells)
     * @param codeCells     number of non-blank code cells kept
     * @param totalCells    number of cells of any kind
     * @param kernelLanguage the notebook's declared language ({@code metadata.kernelspec.language},
     *                       else {@code metadata.language_info.name}, else {@code metadata.kernelspec.name},
     *                       else nbformat 3's {@code metadata.language}), or null
     */
    public record Extracted(String code, int codeCells, int totalCells, String kernelLanguage) {
    }

    private NotebookExtractor() {
    }

    /**
     * Parses and extracts.
     *
     * @param json          the notebook file's text
     * @param keepMarkdown  whether markdown cells become comments
     * @param commentPrefix line-comment prefix for markdown lines, e.g. {@code "# "}; null picks one from the kernel language
     * @param table         maps the kernel language to a linguist name for the comment prefix; may be null
     */
    public static Extracted extract(String json, boolean keepMarkdown, String commentPrefix, LanguageTable table)
            throws BadNotebookException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadNotebookException("notebook JSON does not parse: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadNotebookException("notebook is not a JSON object");
        }
        List<JsonNode> cells = new ArrayList<>();
        JsonNode v4 = root.get("cells");
        if (v4 != null && v4.isArray()) {
            v4.forEach(cells::add);
        } else if (root.path("worksheets").isArray()) {
            for (JsonNode ws : root.get("worksheets")) {
                ws.path("cells").forEach(cells::add);
            }
        } else {
            throw new BadNotebookException("notebook has no 'cells' array");
        }
        String language = kernelLanguage(root);
        String prefix = commentPrefix;
        if (prefix == null) {
            LanguageTable.Language l = table == null || language == null ? null : table.byAlias(language);
            prefix = l == null ? "# " : LINE_COMMENT.getOrDefault(l.name(), "# ");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder pendingMarkdown = new StringBuilder();
        int codeCells = 0;
        for (JsonNode cell : cells) {
            String type = cell.path("cell_type").asText("");
            if (type.equals("code")) {
                JsonNode src = cell.has("source") ? cell.get("source") : cell.get("input");
                String code = stripTrailingNewlines(joinSource(src));
                if (code.isBlank()) {
                    continue;
                }
                if (codeCells > 0) {
                    out.append("\n\n");
                }
                out.append(pendingMarkdown);
                pendingMarkdown.setLength(0);
                out.append(code);
                codeCells++;
            } else if (keepMarkdown && type.equals("markdown")) {
                String md = stripTrailingNewlines(joinSource(cell.get("source")));
                if (md.isBlank()) {
                    continue;
                }
                for (String line : md.split("\n", -1)) {
                    String t = stripTrailing(line);
                    pendingMarkdown.append(t.isEmpty() ? prefix.strip() : prefix + t).append('\n');
                }
            }
        }
        if (codeCells > 0) {
            if (pendingMarkdown.length() > 0) {
                out.append("\n\n").append(pendingMarkdown, 0, pendingMarkdown.length() - 1);
            }
            out.append('\n');
        }
        return new Extracted(codeCells == 0 ? "" : out.toString(), codeCells, cells.size(), language);
    }

    private static String kernelLanguage(JsonNode root) {
        JsonNode meta = root.path("metadata");
        for (JsonNode n : new JsonNode[] {meta.path("kernelspec").path("language"), meta.path("language_info").path("name"),
                meta.path("kernelspec").path("name"), meta.path("language")}) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText().trim();
            }
        }
        return null;
    }

    private static String joinSource(JsonNode src) {
        if (src == null || src.isNull()) {
            return "";
        }
        if (src.isTextual()) {
            return src.asText();
        }
        if (src.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode line : src) {
                sb.append(line.asText(""));
            }
            return sb.toString();
        }
        return "";
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
