package dev.codemill.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The recipe's {@code output} section.
 *
 * @param formats   {@code parquet}, {@code jsonl} (JSONL compressed with zstd), {@code megatron}
 *                  (Megatron-LM {@code .bin}/{@code .idx} token ids), {@code packed}
 *                  (fixed-length token sequences in Parquet) and/or {@code review} (code-review
 *                  pairs from the quality critiques); at least one of {@code parquet} and
 *                  {@code jsonl}, which also hold the ledger
 * @param partBytes a data part file is closed once it holds this many content bytes
 * @param spillPartitions how many hash partitions grouped stages and outputs use;
 *                  0 chooses one per 32 MB of input (at least 16)
 * @param tokenizer tokenizer of the token formats: the tiktoken encoding {@code cl100k_base}
 *                  (default, the {@code tokens} stage's default) or {@code o200k_base}, or a path
 *                  (relative to the working directory) to a Hugging Face {@code tokenizer.json};
 *                  a value ending in {@code .json} is a path (see {@link #isTokenizerFile})
 * @param seqLength tokens per row of the {@code packed} format (default 4096, Megatron-LM's and
 *                  many code models' context length)
 * @param eosToken  for a {@code tokenizer.json}: the token appended after each document; the
 *                  recipe loader resolves an absent {@code eos_token} to the first of
 *                  {@link #DEFAULT_EOS_TOKENS} in the vocabulary; {@code null} for tiktoken
 *                  encodings (their EOS is {@code <|endoftext|>}); left out of the recipe JSON
 *                  when {@code null}, so tiktoken recipes keep their {@code recipe_sha256}
 */
public record OutputSpec(List<String> formats, long partBytes, int spillPartitions, String tokenizer, int seqLength,
        @JsonInclude(JsonInclude.Include.NON_NULL) String eosToken) {
    public static final List<String> KNOWN_FORMATS = List.of("parquet", "jsonl", "megatron", "packed", "review");
    /** Formats that hold content and the ledger; a recipe lists at least one. */
    public static final List<String> CONTENT_FORMATS = List.of("parquet", "jsonl");
    /** The tiktoken names of the one tokenizer registry, {@link dev.codemill.tokenize.Tokenizers#NAMES}. */
    public static final List<String> KNOWN_TOKENIZERS = dev.codemill.tokenize.Tokenizers.NAMES;
    public static final String DEFAULT_TOKENIZER = dev.codemill.tokenize.Tokenizers.DEFAULT;
    public static final int DEFAULT_SEQ_LENGTH = 4096;
    /** EOS candidates of a {@code tokenizer.json}, in order: GPT-2/StarCoder, Llama/T5, Gemma. */
    public static final List<String> DEFAULT_EOS_TOKENS = List.of("<|endoftext|>", "</s>", "<eos>");

    public OutputSpec {
        formats = List.copyOf(formats);
    }

    /** A tokenizer with no explicit EOS token (tiktoken, or a {@code tokenizer.json} with the default EOS). */
    public OutputSpec(List<String> formats, long partBytes, int spillPartitions, String tokenizer, int seqLength) {
        this(formats, partBytes, spillPartitions, tokenizer, seqLength, null);
    }

    /** Whether {@code tokenizer} names a Hugging Face {@code tokenizer.json} file: it ends in {@code .json}. */
    public static boolean isTokenizerFile(String tokenizer) {
        return dev.codemill.tokenize.Tokenizers.isFile(tokenizer);
    }

    /** Default tokenizer and sequence length. */
    public OutputSpec(List<String> formats, long partBytes, int spillPartitions) {
        this(formats, partBytes, spillPartitions, DEFAULT_TOKENIZER, DEFAULT_SEQ_LENGTH);
    }

    public OutputSpec withFormats(List<String> replaced) {
        return new OutputSpec(replaced, partBytes, spillPartitions, tokenizer, seqLength, eosToken);
    }
}
