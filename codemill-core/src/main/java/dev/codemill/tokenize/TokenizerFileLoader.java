package dev.codemill.tokenize;

/**
 * Loads a Hugging Face {@code tokenizer.json} for {@link Tokenizers#byName}; found through
 * {@link java.util.ServiceLoader}. {@code codemill-io} provides the implementation (DJL's Rust
 * tokenizers), so core and the stages need no native library to name one.
 */
public interface TokenizerFileLoader {
    /**
     * The tokenizer of the {@code tokenizer.json} at {@code path}.
     *
     * @param eosToken the end-of-text token, or {@code null} for the loader's default
     * @throws IllegalArgumentException when the EOS token is not in the vocabulary
     * @throws java.io.UncheckedIOException when the file cannot be read or parsed
     */
    Tokenizer load(String path, String eosToken);
}
