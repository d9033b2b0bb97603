package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part files of one format: {@code part-00000}, {@code part-00001}, … A data part rolls
 * over once it holds {@code partBytes} content chars, a ledger part after
 * {@link #LEDGER_ROWS_PER_PART} rows; the rule depends only on the rows, so every format
 * splits at the same rows. A {@link OutputFormat#singleFile()} format never rolls over.
 * Counts documents and tokens per part and per language and repository.
 */
final class PartWriter {
    /** Ledger part files roll over after this many rows. */
    static final int LEDGER_ROWS_PER_PART = 1_000_000;

    private final Path dir;
    final OutputFormat format;
    final boolean data;
    private final long partBytes;
    private ShardWriter open;
    private int part = -1;
    private long filled;
    final List<Shard> shards = new ArrayList<>();
    final Map<String, long[]> byLanguage = new TreeMap<>();
    final Map<String, long[]> byRepository = new TreeMap<>();
    boolean tokensKnown = true;

    /**
     * @param partBytes content chars after which a data part rolls over (ledger parts: rows, {@link #LEDGER_ROWS_PER_PART})
     */
    PartWriter(Path dir, OutputFormat format, boolean data, long partBytes) throws IOException {
        this.dir = dir;
        this.format = format;
        this.data = data;
        this.partBytes = partBytes;
        roll();
    }

    private void roll() throws IOException {
        if (open != null) {
            open.close();
        }
        part++;
        filled = 0;
        Path file = dir.resolve(format.partName(part));
        open = data ? format.openData(file) : format.openLedger(file);
        shards.add(new Shard(format.partFiles(file)));
    }

    void write(Document d) throws IOException {
        if (filled >= partBytes && !format.singleFile()) {
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
            tokensKnown &= n != null;
            tokens = n == null ? 0 : n;
        }
        Shard shard = shards.get(shards.size() - 1);
        shard.rows++;
        shard.tokens += tokens;
        String language = d.annotations().get(Keys.LANGUAGE);
        add(byLanguage, language == null ? "unknown" : language, tokens);
        add(byRepository, d.source().repoName(), tokens);
    }

    private static void add(Map<String, long[]> m, String key, long tokens) {
        long[] c = m.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += tokens;
    }

    void write(LedgerRow r) throws IOException {
        if (filled == LEDGER_ROWS_PER_PART && !format.singleFile()) {
            roll();
        }
        open.writeLedger(r);
        filled++;
        shards.get(shards.size() - 1).rows++;
    }

    void close() throws IOException {
        open.close();
    }

    boolean tokenizing() {
        return data && format.tokenizer() != null;
    }

    /** One part: its files, rows (documents or ledger rows) and tokens. */
    static final class Shard {
        final List<Path> files;
        long rows;
        long tokens;

        Shard(List<Path> files) {
            this.files = files;
        }
    }
}
