package dev.codemill.io.tokenize;

import java.util.List;

/**
 * Turns document text into token ids for the token output formats ({@code megatron},
 * {@code packed}). Implementations are thread-safe.
 *
 * <p>Special-token strings that occur in source text ({@code <|endoftext|>}, FIM sentinels such
 * as {@code <|fim_prefix|>} or StarCoder's {@code <fim_prefix>}) are always encoded as ordinary
 * text: {@link #encode} never returns a special id. The only special id Codemill writes is
 * {@link #eosId()}, which the formats append after each document.
 *
 * <p>Hugging Face {@code tokenizer.json} files are not supported: the one maintained Java
 * loader proven offline here ({@code ai.djl.huggingface:tokenizers}, see
 * {@code ../shared/LIBRARIES.md}) is not in this machine's Maven repository, so it cannot be
 * built offline.
 */
public interface Tokenizer {
    /** Names accepted by {@link #byName}. */
    List<String> NAMES = List.of("cl100k_base", "o200k_base");

    /** The encoding's name, e.g. {@code cl100k_base}. */
    String name();

    /** Number of token ids, specials included (ids are {@code 0 .. vocabSize()-1}). */
    int vocabSize();

    /** The id of {@code <|endoftext|>}, appended after every document. */
    int eosId();

    /** Token ids of {@code text}, special-token strings encoded as ordinary text. */
    int[] encode(String text);

    /** The text of {@code ids} (the inverse of {@link #encode}; EOS decodes to {@code <|endoftext|>}). */
    String decode(int[] ids);

    /**
     * The tokenizer called {@code name}.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    static Tokenizer byName(String name) {
        return TiktokenTokenizer.of(name);
    }
}
