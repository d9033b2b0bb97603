package dev.codemill.io.tokenize;

import dev.codemill.io.SingleFileFormat;
import dev.codemill.model.Document;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import dev.codemill.tokenize.SentinelEncoder;
import dev.codemill.tokenize.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the token output formats ({@code megatron}, {@code packed}) share: one data file per run
 * named {@code NAME-00000EXT} (a part boundary would cut token streams at arbitrary places), no
 * ledger, a tokenizer, and the manifest facts of that tokenizer.
 */
public abstract class TokenFormat extends SingleFileFormat {
    protected final Tokenizer tokenizer;

    protected TokenFormat(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The content a token format encodes: the text, or undecoded bytes read as UTF-8 (as the text formats write them). */
    public static String content(Document doc) {
        return SentinelEncoder.content(doc);
    }

    /** Token files go to {@code OUT/tokens/}, away from the document rows of {@code data/}. */
    @Override
    public String folder() {
        return "tokens";
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    /** Tokenizer name, vocabulary size and EOS id; subclasses add their own facts. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", tokenizer.name());
        m.put("vocab_size", tokenizer.vocabSize());
        m.put("eos_id", tokenizer.eosId());
        return m;
    }

    /** A writer of token data: refuses ledger rows and reports the tokens it wrote. */
    protected abstract static class TokenWriter implements ShardWriter, OutputFormat.TokenCounter {
        @Override
        public void writeLedger(LedgerRow row) {
            throw new UnsupportedOperationException("a token format holds no ledger");
        }
    }
}
