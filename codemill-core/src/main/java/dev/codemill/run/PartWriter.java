package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part files of one format in one folder: {@code part-00000}, {@code part-00001}, … A data
 * part rolls over once it holds {@code partBytes} content chars, a ledger part after
 * {@link #LEDGER_ROWS_PER_PART} rows; the rule depends only on the rows, so every format
 * splits at the same rows. A {@link OutputFormat#singleFile()} format never rolls over.
 * The first part is opened by the first row (a writer that gets none leaves no file; see
 * {@link #openEmpty}). Counts documents and tokens per part and per language and repository
 * into its {@link Parts}.
 */
final class PartWriter implements java.io.Closeable {
    /** Ledger part files roll over after this many rows. */
    static final int LEDGER_ROWS_PER_PART = 1_000_000;

    private final Path dir;
    final OutputFormat format;
    private final long partBytes;
    private ShardWriter open;
    private int part = -1;
    private long filled;
    final Parts parts;

    /**
     * @param dir       the folder of the part files (created with the first part)
     * @param index     the format's index in the plan's format list
     * @param partBytes content chars after which a data part rolls over (ledger parts: rows, {@link #LEDGER_ROWS_PER_PART})
     */
    PartWriter(Path dir, int index, OutputFormat format, boolean data, long partBytes) {
        this.dir = dir;
        this.format = format;
        this.partBytes = partBytes;
        this.parts = new Parts(index, data);
    }

    private void roll() throws IOException {
        if (open != null) {
            open.close();
        }
        part++;
        filled = 0;
        Files.createDirectories(dir);
        Path file = dir.resolve(format.partName(part));
        open = parts.data ? format.openData(file) : format.openLedger(file);
        List<String> files = new ArrayList<>();
        for (Path f : format.partFiles(file)) {
            files.add(f.toAbsolutePath().toString());
        }
        parts.shards.add(new Parts.Shard(files));
    }

    /** Opens part 0 if no row came: a folder without rows still has one (empty) part per format. */
    void openEmpty() throws IOException {
        if (open == null) {
            roll();
        }
    }

    void write(Document d) throws IOException {
        if (open == null || filled >= partBytes && !format.singleFile()) {
            roll();
        }
        long before = open instanceof OutputFormat.TokenCounter c ? c.tokensWritten() : 0;
        open.writeDocument(d);
        filled += d.isDecoded() ? d.text().length() : d.bytes().length;
        long tokens;
        if (open instanceof OutputFormat.TokenCounter c) {
            tokens = c.tokensWritten() - before;
        } else {
            Long n = d.annotations().get(Keys.NUM_TOKENS);
            parts.tokensKnown &= n != null;
            tokens = n == null ? 0 : n;
        }
        Parts.Shard shard = parts.shards.get(parts.shards.size() - 1);
        shard.rows++;
        shard.tokens += tokens;
        String language = d.annotations().get(Keys.LANGUAGE);
        add(parts.byLanguage, language == null ? "unknown" : language, tokens);
        add(parts.byRepository, d.source().repoName(), tokens);
    }

    private static void add(Map<String, long[]> m, String key, long tokens) {
        long[] c = m.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += tokens;
    }

    void write(LedgerRow r) throws IOException {
        if (open == null || filled == LEDGER_ROWS_PER_PART && !format.singleFile()) {
            roll();
        }
        open.writeLedger(r);
        filled++;
        parts.shards.get(parts.shards.size() - 1).rows++;
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            open.close();
        }
    }

    boolean tokenizing() {
        return parts.data && format.tokenizer() != null;
    }
}
