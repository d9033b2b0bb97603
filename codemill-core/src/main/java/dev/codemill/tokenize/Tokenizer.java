package dev.codemill.tokenize;

/**
 * Turns document text into token ids for the token output formats ({@code megatron},
 * {@code packed}). Implementations are thread-safe.
 *
 * <p>Special-token strings that occur in source text ({@code <|endoftext|>}, FIM sentinels such
 * as {@code <|fim_prefix|>} or StarCoder's {@code <fim_prefix>}) are always encoded as ordinary
 * text: {@link #encode} never returns a special id. The special ids Codemill writes are
 * {@link #eosId()}, which the formats append after each document, and the ids of sentinels a stage
 * inserted and recorded ({@link dev.codemill.model.Keys#FIM_SENTINELS}, {@link SentinelEncoder}).
 *
 * <p>Obtain one from the registry {@link Tokenizers#byName}, never by constructing it: the
 * {@code tokens} stage, the repository stages, the mixture budget (through {@code num_tokens}) and
 * the token output formats then count the same tokens. Implementations: {@link TiktokenTokenizer}
 * (jtokkit) and, in {@code codemill-io}, {@code HfTokenizer} (a Hugging Face {@code tokenizer.json}
 * through DJL, found by {@link Tokenizers} through {@link TokenizerFileLoader}).
 */
public interface Tokenizer {

    /** The encoding's name, e.g. {@code cl100k_base}. */
    String name();

    /** Number of token ids, specials included (ids are {@code 0 .. vocabSize()-1}). */
    int vocabSize();

    /** The id of the end-of-text token ({@code <|endoftext|>} for tiktoken), appended after every document. */
    int eosId();

    /** Token ids of {@code text}, special-token strings encoded as ordinary text. */
    int[] encode(String text);

    /** {@code encode(text).length}, without building the ids where the implementation can. */
    default int count(String text) {
        return encode(text).length;
    }

    /**
     * The id of the special token whose text is exactly {@code token}, or -1 when the tokenizer has
     * no such special token (then {@code token} can only be encoded as ordinary text).
     */
    int specialId(String token);

    /** The text of {@code ids} (the inverse of {@link #encode}; EOS decodes to {@code <|endoftext|>}). */
    String decode(int[] ids);
}
