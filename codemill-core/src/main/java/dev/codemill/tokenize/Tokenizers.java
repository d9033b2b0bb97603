package dev.codemill.tokenize;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one tokenizer registry: the names a recipe may give (the {@code tokens} stage's and the
 * repository stages' {@code tokenizer}, the {@code output.tokenizer} of the token formats) and the
 * shared instance for each. Every user asks here, so {@code num_tokens}, the mixture budget (which
 * sums {@code num_tokens}) and the ids the Megatron and packed formats write come from the same
 * tokenizer object: for a document without recorded sentinels, the token formats write
 * {@code num_tokens + 1} ids (the EOS).
 *
 * <p>Names: the tiktoken encodings {@link #NAMES} ({@code cl100k_base}, the default, and
 * {@code o200k_base}: the two whose ids are checked against OpenAI's ranks through js-tiktoken),
 * or a path ending in {@code .json} to a Hugging Face {@code tokenizer.json}
 * ({@link #isFile}), loaded by the {@link TokenizerFileLoader} on the class path.
 *
 * <p>Instances are cached per (name, EOS token) for the life of the JVM: jtokkit's ranks take
 * about a second to load and are immutable; a {@code tokenizer.json} is read once.
 */
public final class Tokenizers {
    /** The tiktoken encodings a recipe may name. */
    public static final List<String> NAMES = List.of("cl100k_base", "o200k_base");
    /** The default of every {@code tokenizer} key. */
    public static final String DEFAULT = "cl100k_base";

    private static final Map<String, Tokenizer> CACHE = new ConcurrentHashMap<>();

    private Tokenizers() {
    }

    /** Whether {@code name} names a Hugging Face {@code tokenizer.json} file: it ends in {@code .json}. */
    public static boolean isFile(String name) {
        return name.endsWith(".json");
    }

    /** Whether {@code name} is a tiktoken name of {@link #NAMES} or a {@code tokenizer.json} path. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name) || isFile(name);
    }

    /** {@link #byName(String, String)} with the default EOS token. */
    public static Tokenizer byName(String name) {
        return byName(name, null);
    }

    /**
     * The tokenizer called {@code name}: a tiktoken encoding of {@link #NAMES}, or, for a name
     * ending in {@code .json}, the Hugging Face {@code tokenizer.json} at that path with EOS
     * {@code eosToken} ({@code null}: the loader's default).
     *
     * @throws IllegalArgumentException for an unknown name, an EOS token not in the vocabulary, or
     *                                  a {@code tokenizer.json} with no loader on the class path
     */
    public static Tokenizer byName(String name, String eosToken) {
        if (!isFile(name)) {
            if (eosToken != null) {
                throw new IllegalArgumentException("an EOS token applies only to a tokenizer.json, not to '" + name + "'");
            }
            return CACHE.computeIfAbsent(name, TiktokenTokenizer::of);
        }
        String key = name + "\u0000" + (eosToken == null ? "" : eosToken);
        Tokenizer t = CACHE.get(key);
        if (t == null) {
            t = fileLoader().load(name, eosToken);
            Tokenizer prev = CACHE.putIfAbsent(key, t);
            t = prev == null ? t : prev;
        }
        return t;
    }

    private static TokenizerFileLoader fileLoader() {
        return ServiceLoader.load(TokenizerFileLoader.class, Tokenizers.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a tokenizer.json needs codemill-io on the class path "
                        + "(no " + TokenizerFileLoader.class.getName() + " service found)"));
    }
}
