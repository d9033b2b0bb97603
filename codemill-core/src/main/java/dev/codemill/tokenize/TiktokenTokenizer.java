package dev.codemill.tokenize;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * tiktoken's {@code cl100k_base} and {@code o200k_base} through jtokkit 1.1.0, encoding with
 * {@code encodeOrdinary} (special-token strings stay text).
 *
 * <p>Ids (from jtokkit's ranks, checked by decoding in the tests): {@code cl100k_base} has
 * 100,256 ordinary ranks and specials {@code <|endoftext|>} = 100257, FIM 100258–100260,
 * {@code <|endofprompt|>} = 100276, so vocabulary size 100,277; {@code o200k_base} has
 * {@code <|endoftext|>} = 199999 and {@code <|endofprompt|>} = 200018, vocabulary size 200,019.
 * Both are ≥ 65,500, so Megatron files hold {@code int32} ids.
 *
 * <p>Long pieces: jtokkit switches to an O(n log n) merge ({@code TokenEncoderLarge}) for long
 * pre-tokenized pieces, so text is not split before encoding and counts equal tiktoken's.
 * Measured here (one thread, 2-core machine, cl100k): a 1,000,000-character run of {@code a}
 * 1.0–1.6 s (125,000 tokens), 1,000,000 spaces 0.8–1.1 s (7,813 tokens), a 1,000,000-character
 * random base64 line 0.2–0.5 s (716,972 tokens), all under {@code -Xmx1g}; o200k 0.3–0.8 s each.
 */
public final class TiktokenTokenizer implements Tokenizer {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final String name;
    private final java.util.concurrent.CompletableFuture<Encoding> encoding;
    private final int vocabSize;
    private final int eosId;
    private final java.util.Map<String, Integer> specials;

    private TiktokenTokenizer(String name, EncodingType type, int vocabSize, int eosId, java.util.Map<String, Integer> specials) {
        this.name = name;
        // The ranks take ~1 s to load: start at once on another thread, so that a run's reading
        // phase hides it; the first encode waits for it.
        this.encoding = java.util.concurrent.CompletableFuture.supplyAsync(() -> REGISTRY.getEncoding(type));
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.specials = specials;
    }

    static TiktokenTokenizer of(String name) {
        return switch (name) {
            case "cl100k_base" -> new TiktokenTokenizer(name, EncodingType.CL100K_BASE, 100_277, 100_257,
                    java.util.Map.of("<|endoftext|>", 100_257, "<|fim_prefix|>", 100_258, "<|fim_middle|>", 100_259,
                            "<|fim_suffix|>", 100_260, "<|endofprompt|>", 100_276));
            case "o200k_base" -> new TiktokenTokenizer(name, EncodingType.O200K_BASE, 200_019, 199_999,
                    java.util.Map.of("<|endoftext|>", 199_999, "<|endofprompt|>", 200_018));
            default -> throw new IllegalArgumentException("unknown tokenizer '" + name + "'; known: " + Tokenizers.NAMES);
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    /**
     * The special tokens of tiktoken's {@code openai_public.py}: cl100k {@code <|endoftext|>},
     * {@code <|fim_prefix|>}, {@code <|fim_middle|>}, {@code <|fim_suffix|>},
     * {@code <|endofprompt|>}; o200k {@code <|endoftext|>}, {@code <|endofprompt|>} (no FIM
     * tokens, and neither has StarCoder's {@code <fim_prefix>}).
     */
    @Override
    public int specialId(String token) {
        return specials.getOrDefault(token, -1);
    }

    @Override
    public int[] encode(String text) {
        return encoding.join().encodeOrdinary(text).toArray();
    }

    /** jtokkit's {@code countTokensOrdinary}: the length of {@link #encode} without building the ids. */
    @Override
    public int count(String text) {
        return encoding.join().countTokensOrdinary(text);
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList l = new IntArrayList(ids.length);
        for (int id : ids) {
            l.add(id);
        }
        return encoding.join().decode(l);
    }
}
