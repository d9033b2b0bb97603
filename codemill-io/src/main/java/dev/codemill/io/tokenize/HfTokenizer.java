package dev.codemill.io.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.plan.OutputSpec;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.TokenizerFileLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's {@code ai.djl.huggingface:tokenizers}
 * 0.38.0 (Rust {@code tokenizers} natives in the jar), loaded offline with
 * {@code HuggingFaceTokenizer.newInstance(Path)}; never a hub model name, which would download.
 * Options: {@code addSpecialTokens=false} (no BOS/EOS or post-processor template),
 * {@code padding=false}, {@code truncation=false}. Speed: 0.6–1.3 MB/s on one thread
 * ({@code ../shared/LIBRARIES.md}), roughly 10× slower than jtokkit's cl100k (8–10 MB/s).
 *
 * <p>Vocabulary size: one more than the largest id in {@code model.vocab} and
 * {@code added_tokens} (ids are {@code 0 .. vocabSize()-1}). EOS: the id of the given token
 * (recipe key {@code eos_token}), by default the first of {@link OutputSpec#DEFAULT_EOS_TOKENS}
 * in the vocabulary; none is an {@link IllegalArgumentException}.
 *
 * <p><b>Special-token strings stay text.</b> The Rust tokenizer matches added tokens anywhere in
 * the input, so {@code return "</s>"} in source code would give the EOS id. {@link #encode}
 * therefore splits the text around occurrences of the strings of the {@code added_tokens} marked
 * {@code "special": true} (leftmost, longest first), encodes the text between them as usual, and
 * encodes each occurrence <em>one code point at a time</em> (each character is its own input, so
 * no special string can match), concatenating the ids. A one-character special token cannot be
 * split this way and keeps its id. Text without special strings is encoded in one call. Each
 * piece is encoded as if it began the text, so a tokenizer that adds a prefix space
 * (Metaspace, ByteLevel {@code add_prefix_space}) gives pieces after an occurrence that prefix;
 * this only touches documents that contain special strings.
 *
 * <p>Thread-safe: the native tokenizer is immutable after loading.
 */
public final class HfTokenizer implements Tokenizer {
    /** Registers {@link #load} with {@link dev.codemill.tokenize.Tokenizers} (a {@code META-INF/services} entry). */
    public static final class Loader implements TokenizerFileLoader {
        @Override
        public Tokenizer load(String path, String eosToken) {
            return HfTokenizer.load(path, eosToken);
        }
    }

    private final String name;
    private final HuggingFaceTokenizer hf;
    private final int vocabSize;
    private final int eosId;
    /** Special-token strings, longest first (so a longer one wins at the same position). */
    private final List<String> specials;
    /** Id of each special added token. */
    private final Map<String, Integer> specialIds;

    private HfTokenizer(String name, HuggingFaceTokenizer hf, int vocabSize, int eosId, List<String> specials,
                        Map<String, Integer> specialIds) {
        this.name = name;
        this.specialIds = specialIds;
        this.hf = hf;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.specials = specials;
    }

    /**
     * Loads the {@code tokenizer.json} at {@code path} (relative to the working directory).
     *
     * @param eosToken the end-of-text token, or {@code null} for the first of
     *                 {@link OutputSpec#DEFAULT_EOS_TOKENS} in the vocabulary
     * @throws UncheckedIOException     when the file cannot be read or parsed
     * @throws IllegalArgumentException when the EOS token is not in the vocabulary
     */
    public static HfTokenizer load(String path, String eosToken) {
        Path p = Path.of(path);
        Map<String, Integer> ids = new HashMap<>();
        List<String> specials = new ArrayList<>();
        Map<String, Integer> specialIds = new HashMap<>();
        int maxId = -1;
        try {
            JsonNode root = new ObjectMapper().readTree(p.toFile());
            JsonNode vocab = root.path("model").path("vocab");
            if (vocab.isObject()) {
                var it = vocab.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    ids.put(e.getKey(), e.getValue().asInt());
                    maxId = Math.max(maxId, e.getValue().asInt());
                }
            } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], id = index
                for (int i = 0; i < vocab.size(); i++) {
                    ids.putIfAbsent(vocab.get(i).path(0).asText(), i);
                }
                maxId = vocab.size() - 1;
            }
            for (JsonNode t : root.path("added_tokens")) {
                String content = t.path("content").asText();
                int id = t.path("id").asInt();
                ids.put(content, id);
                maxId = Math.max(maxId, id);
                if (t.path("special").asBoolean(false) && !content.isEmpty()) {
                    specials.add(content);
                    specialIds.put(content, id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json " + p.toAbsolutePath(), e);
        }
        String eos = eosToken;
        if (eos == null) {
            eos = OutputSpec.DEFAULT_EOS_TOKENS.stream().filter(ids::containsKey).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(path + " has none of "
                            + OutputSpec.DEFAULT_EOS_TOKENS + " in its vocabulary; set output.eos_token"));
        }
        Integer eosId = ids.get(eos);
        if (eosId == null) {
            throw new IllegalArgumentException("eos_token '" + eos + "' is not a token of " + path);
        }
        specials.sort(Comparator.comparingInt(String::length).reversed());
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(p,
                    Map.of("addSpecialTokens", "false", "padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer.json " + p.toAbsolutePath(), e);
        }
        return new HfTokenizer(path, hf, maxId + 1, eosId, List.copyOf(specials), Map.copyOf(specialIds));
    }

    /** The path as given in the recipe. */
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

    /** Special-token strings that {@link #encode} keeps as text, longest first. */
    public List<String> specialTokens() {
        return specials;
    }

    /** The id of an {@code added_tokens} entry marked {@code "special": true} with this content; else -1. */
    @Override
    public int specialId(String token) {
        return specialIds.getOrDefault(token, -1);
    }

    @Override
    public int[] encode(String text) {
        List<long[]> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = -1;
            String hit = null;
            for (String s : specials) { // longest first: a longer one at the same index wins
                int i = text.indexOf(s, from);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    hit = s;
                }
            }
            if (at < 0) {
                break;
            }
            if (at > from) {
                parts.add(ids(text.substring(from, at)));
            }
            hit.codePoints().forEach(cp -> parts.add(ids(new String(Character.toChars(cp)))));
            from = at + hit.length();
        }
        if (from < text.length() || parts.isEmpty()) {
            parts.add(ids(text.substring(from)));
        }
        int n = 0;
        for (long[] a : parts) {
            n += a.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (long[] a : parts) {
            for (long id : a) {
                out[k++] = (int) id;
            }
        }
        return out;
    }

    private long[] ids(String piece) {
        return hf.encode(piece, false, false).getIds();
    }

    /** Decodes with special tokens kept ({@code skipSpecialTokens=false}), so EOS decodes to its string. */
    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return hf.decode(l, false);
    }
}
