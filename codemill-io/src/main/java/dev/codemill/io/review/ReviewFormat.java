package dev.codemill.io.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.codemill.io.SingleFileFormat;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.ShardWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output format {@code review}: a code-review fine-tuning dataset made from the quality stage's
 * critiques, in {@code OUT/review/review-00000.jsonl.zst} (zstd level 3, one JSON object per line,
 * kept documents in output order). Only documents with at least one critique
 * ({@code quality_critiques}) get a row:
 * <pre>
 * {"id", "repo_name", "path", "language", "quality_score", "quality_tier",
 *  "content":  the code,
 *  "critiques": [{"principle", "line", "column", "message"}, ...],
 *  "review":   "line 12, column 5: function `parse` is 212 lines long (limit 80) [small_units]\n..."}
 * </pre>
 * {@code content} → {@code review} is the supervised pair (code in, line-anchored review out);
 * {@code critiques} keeps the structure for other prompt formats. Lines and columns are 1-based
 * (columns in code points), as the quality stage reports them. One file per run; no ledger.
 */
public final class ReviewFormat extends SingleFileFormat {
    /** zstd level, as the {@code jsonl} format. */
    static final int LEVEL = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code principle:line:col: message}, the stored form of a critique. */
    private static final Pattern CRITIQUE = Pattern.compile("([^:]+):(\\d+):(\\d+): (.*)", Pattern.DOTALL);

    @Override
    public String name() {
        return "review";
    }

    /** Its own folder: review rows are not documents, so they stay out of {@code data/}. */
    @Override
    public String folder() {
        return "review";
    }

    @Override
    public String extension() {
        return ".jsonl.zst";
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        return new Writer(file);
    }

    /**
     * The review row of a document, or null when it has no critiques (or was not scored).
     *
     * @throws IllegalArgumentException if a stored critique is not {@code principle:line:col: message}
     */
    public static Map<String, Object> row(Document doc) {
        List<String> stored = doc.get(Keys.QUALITY_CRITIQUES);
        if (stored == null || stored.isEmpty() || !doc.isDecoded()) {
            return null;
        }
        List<Map<String, Object>> critiques = new ArrayList<>();
        StringBuilder review = new StringBuilder();
        for (String s : stored) {
            Matcher m = CRITIQUE.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a critique (principle:line:col: message): " + s);
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("principle", m.group(1));
            c.put("line", Integer.parseInt(m.group(2)));
            c.put("column", Integer.parseInt(m.group(3)));
            c.put("message", m.group(4));
            critiques.add(c);
            if (review.length() > 0) {
                review.append('\n');
            }
            review.append("line ").append(m.group(2)).append(", column ").append(m.group(3)).append(": ")
                    .append(m.group(4)).append(" [").append(m.group(1)).append(']');
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", doc.id().value());
        row.put("repo_name", doc.source().repoName());
        row.put("path", doc.source().path());
        row.put("language", doc.get(Keys.LANGUAGE));
        row.put("quality_score", doc.get(Keys.QUALITY_SCORE));
        row.put("quality_tier", doc.get(Keys.QUALITY_TIER));
        row.put("content", doc.text());
        row.put("critiques", critiques);
        row.put("review", review.toString());
        return row;
    }

    private static final class Writer implements ShardWriter {
        private final OutputStream out;

        Writer(Path file) throws IOException {
            OutputStream raw = Files.newOutputStream(file);
            try {
                this.out = new BufferedOutputStream(
                        new ZstdOutputStreamNoFinalizer(new BufferedOutputStream(raw, 1 << 16), LEVEL), 1 << 16);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        @Override
        public void writeDocument(Document doc) throws IOException {
            Map<String, Object> row = row(doc);
            if (row != null) {
                out.write(JSON.writeValueAsBytes(row));
                out.write('\n');
            }
        }

        @Override
        public void writeLedger(LedgerRow row) {
            throw new UnsupportedOperationException("the review format holds no ledger");
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
