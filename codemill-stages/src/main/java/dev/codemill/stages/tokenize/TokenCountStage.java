package dev.codemill.stages.tokenize;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.TokenIds;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.tokenize.SentinelEncoder;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;

/**
 * Sets {@code num_tokens}: the number of token ids the token output formats write for the
 * document, less the EOS ({@link SentinelEncoder#count}), under a tokenizer of the one registry
 * ({@link Tokenizers}: {@code cl100k_base} by default, {@code o200k_base}, or a
 * {@code tokenizer.json}). Special-token strings such as {@code <|endoftext|>} inside source text
 * count as ordinary text; FIM sentinels a stage inserted and recorded count one token each when
 * they are special tokens of the tokenizer, as the token formats write them. No EOS token is
 * added. Always keeps the document.
 *
 * <p>Tokenizes once: the ids themselves ride along with the document ({@link Document#withTokens},
 * packed as varints), so the token formats write them instead of encoding the document again in
 * the single-threaded writer; this stage runs in the parallel chain.
 */
public final class TokenCountStage implements DocStage {
    public static final String NAME = "tokens";

    private final Tokenizer tokenizer;

    /** @param tokenizerName a name {@link Tokenizers#isKnown} accepts, e.g. {@code cl100k_base} */
    public TokenCountStage(String tokenizerName) {
        this.tokenizer = Tokenizers.byName(tokenizerName);
    }

    /** The registry name of the tokenizer that counts. */
    public String tokenizerName() {
        return tokenizer.name();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        TokenIds ids = SentinelEncoder.tokenize(tokenizer, doc);
        out.keep(doc.with(Keys.NUM_TOKENS, (long) ids.count()).withTokens(ids));
    }
}
