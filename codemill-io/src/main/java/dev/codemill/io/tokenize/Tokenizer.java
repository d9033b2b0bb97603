package dev.codemill.io.tokenize;

import java.util.List;

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
 * <p>Implementations: {@link TiktokenTokenizer} (jtokkit) and {@link HfTokenizer} (a Hugging Face
 * {@code tokenizer.json} through DJL).
 */
public interface Tokenizer {
    /** Names accepted by {@link #byName}. */
    List<String> NAMES = List.of("cl100k_base", "o200k_base");

    /** The encoding's name, e.g. {@code cl100k_base}. */
    String name();

    /** Number of token ids, specials included (ids are {@code 0 .. vocabSize()-1}). */
    int vocabSize();

    /** The id of the end-of-text token ({@code <|endoftext|>} for tiktoken), appended after every document. */
    int eosId();

    /** Token ids of {@code text}, special-token strings encoded as ordinary text. */
    int[] encode(String text);

    /**
     * The id of the special token whose text is exactly {@code token}, or -1 when the tokenizer has
     * no such special token (then {@code token} can only be encoded as ordinary text).
     */
    int specialId(String token);

    /** The text of {@code ids} (the inverse of {@link #encode}; EOS decodes to {@code <|endoftext|>}). */
    String decode(int[] ids);

    /**
     * The tokenizer called {@code name}.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    static Tokenizer byName(String name) {
        return byName(name, null);
    }

    /**
     * The tiktoken encoding called {@code name}, or, for a name ending in {@code .json}, the
     * Hugging Face {@code tokenizer.json} at that path with EOS {@code eosToken} ({@code null}:
     * the default, see {@link HfTokenizer#load}).
     *
     * @throws IllegalArgumentException for an unknown name or an EOS token not in the vocabulary
     */
    static Tokenizer byName(String name, String eosToken) {
        if (dev.codemill.plan.OutputSpec.isTokenizerFile(name)) {
            return HfTokenizer.load(name, eosToken);
        }
        return TiktokenTokenizer.of(name);
    }
}
