package dev.codemill.tokenize;

import dev.codemill.analysis.ReusableChars;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Arrays;

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
 *
 * <p>Speed ({@code cl100k_base}): the text is split into tiktoken's pieces here
 * ({@link Cl100kPreTokenizer}); each piece of up to {@link PieceCache#MAX_PIECE_CHARS} chars is
 * looked up in a per-thread {@link PieceCache} (1.5 MiB a thread), and a piece not found there is
 * byte-pair merged over a compact rank table ({@link BpeRanks}: OpenAI's ranks from jtokkit's jar,
 * 3 MB, no allocation per lookup). Pieces over {@link BpeRanks#MAX_PIECE_BYTES} UTF-8 bytes go to
 * jtokkit's {@code encodeOrdinary} (its O(n log n) merge). BPE never merges across pieces, so the
 * ids equal jtokkit's and tiktoken's (checked on the 5,153 kept documents of the medium corpus and
 * in the tests). jtokkit's own path allocates a {@code byte[]} and a wrapper per piece and per
 * candidate pair and looks each up in {@code HashMap}s of ~10 MB of nodes; inside a run, between
 * documents, the other stages evict those nodes from the CPU caches (docs/performance.md).
 * Decoding and {@code o200k_base} stay with jtokkit.
 */
public final class TiktokenTokenizer implements Tokenizer {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final String name;
    private final EncodingType type;
    /** jtokkit's encoding: loaded at once for o200k, on first need (decoding, a piece over 256 bytes) for cl100k. */
    private volatile java.util.concurrent.CompletableFuture<Encoding> encoding;
    private final int vocabSize;
    private final int eosId;
    private final java.util.Map<String, Integer> specials;
    /** Per-thread piece cache and id buffer; null for an encoding without {@link Cl100kPreTokenizer}. */
    private final ThreadLocal<PieceState> pieces;
    /** The cl100k ranks in Codemill's table ({@link BpeRanks}), read from jtokkit's jar; null for o200k. */
    private final java.util.concurrent.CompletableFuture<BpeRanks> ranks;
    /** OpenAI's {@code cl100k_base.tiktoken} inside jtokkit's jar (SHA-256 checked by the tests). */
    static final String CL100K_RANKS = "/com/knuddels/jtokkit/cl100k_base.tiktoken";

    private TiktokenTokenizer(String name, EncodingType type, int vocabSize, int eosId, java.util.Map<String, Integer> specials) {
        this.name = name;
        // The ranks take ~1 s to load: start at once on another thread (Codemill's table for
        // cl100k, jtokkit's encoding for o200k), so that a run's reading phase hides it; the first
        // encode waits for it.
        this.type = type;
        boolean cl100k = type == EncodingType.CL100K_BASE;
        this.encoding = cl100k ? null : java.util.concurrent.CompletableFuture.supplyAsync(() -> REGISTRY.getEncoding(type));
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.specials = specials;
        this.pieces = cl100k ? ThreadLocal.withInitial(PieceState::new) : null;
        this.ranks = cl100k ? java.util.concurrent.CompletableFuture.supplyAsync(() -> BpeRanks.load(CL100K_RANKS)) : null;
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

    /** jtokkit's encoding, loaded on the first call where it was not started at construction. */
    private Encoding jtokkit() {
        java.util.concurrent.CompletableFuture<Encoding> f = encoding;
        if (f == null) {
            synchronized (this) {
                if (encoding == null) {
                    encoding = java.util.concurrent.CompletableFuture.completedFuture(REGISTRY.getEncoding(type));
                }
                f = encoding;
            }
        }
        return f.join();
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
        if (pieces == null) {
            return jtokkit().encodeOrdinary(text).toArray();
        }
        PieceState st = pieces.get();
        int n = encodePieces(text, st, true);
        int[] out = Arrays.copyOf(st.buf, n);
        st.shrink();
        return out;
    }

    /** The length of {@link #encode} (jtokkit's {@code countTokensOrdinary} for an encoding without the piece cache). */
    @Override
    public int count(String text) {
        if (pieces == null) {
            return jtokkit().countTokensOrdinary(text);
        }
        return encodePieces(text, pieces.get(), false);
    }

    /** Encodes {@code text} piece by piece (ids into {@code st.buf} when {@code keep}); returns the id count. */
    private int encodePieces(String text, PieceState st, boolean keep) {
        PieceCache cache = st.cache;
        BpeRanks bpe = null;
        int n = 0;
        int len = text.length();
        char[] a = st.chars(text); // an array index, not charAt, in the pre-tokenizer, hash and cache compare
        for (int pos = 0; pos < len; ) {
            int end = Cl100kPreTokenizer.pieceEnd(a, len, pos);
            boolean cacheable = end - pos <= PieceCache.MAX_PIECE_CHARS;
            int h = 0;
            if (cacheable) {
                h = PieceCache.hash(a, pos, end);
                int off = cache.find(a, pos, end, h);
                if (off >= 0) {
                    int c = cache.idCount(off);
                    if (keep) {
                        st.ensure(n + c);
                        cache.ids(off, st.buf, n);
                    }
                    n += c;
                    pos = end;
                    continue;
                }
            }
            int bytes = st.utf8(a, len, pos, end);
            if (bytes > 0) {
                if (bpe == null) {
                    bpe = ranks.join();
                }
                int c = bpe.encode(st.utf8, bytes, st.starts, st.ranks, st.ids, 0);
                if (cacheable) {
                    cache.put(a, pos, end, h, st.ids, c);
                }
                n = append(st, keep, n, st.ids, c);
            } else {
                int[] ids = jtokkit().encodeOrdinary(text.substring(pos, end)).toArray();
                n = append(st, keep, n, ids, ids.length);
            }
            pos = end;
        }
        return n;
    }

    private static int append(PieceState st, boolean keep, int n, int[] ids, int count) {
        if (keep) {
            st.ensure(n + count);
            System.arraycopy(ids, 0, st.buf, n, count);
        }
        return n + count;
    }

    /** One thread's piece cache and reusable id buffer. */
    private static final class PieceState {
        private static final int BUF = 1 << 14;
        final PieceCache cache = new PieceCache();
        final byte[] utf8 = new byte[BpeRanks.MAX_PIECE_BYTES];
        final int[] starts = new int[BpeRanks.MAX_PIECE_BYTES + 1];
        final int[] ranks = new int[BpeRanks.MAX_PIECE_BYTES + 1];
        final int[] ids = new int[BpeRanks.MAX_PIECE_BYTES];
        int[] buf = new int[BUF];
        /** The text being encoded (grown as needed; one over {@link ReusableChars#KEEP} chars is not kept). */
        private final ReusableChars chars = new ReusableChars(BUF);

        /** {@code text}'s chars in this thread's array (valid until the next call). */
        char[] chars(String text) {
            return chars.of(text);
        }

        /**
         * Writes {@code text[start, end)} as UTF-8 into {@link #utf8} and returns its length, or -1
         * when it is longer than {@link BpeRanks#MAX_PIECE_BYTES}. An unpaired surrogate becomes
         * its 3-byte form, as jtokkit encodes it.
         */
        int utf8(char[] text, int length, int start, int end) {
            byte[] b = utf8;
            int n = 0;
            for (int i = start; i < end; i++) {
                int cp = Character.codePointAt(text, i, length);
                if (cp < 0x80) {
                    if (n + 1 > b.length) {
                        return -1;
                    }
                    b[n++] = (byte) cp;
                } else if (cp < 0x800) {
                    if (n + 2 > b.length) {
                        return -1;
                    }
                    b[n++] = (byte) (0xC0 | (cp >> 6));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                } else if (cp < 0x10000) {
                    if (n + 3 > b.length) {
                        return -1;
                    }
                    b[n++] = (byte) (0xE0 | (cp >> 12));
                    b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    if (n + 4 > b.length) {
                        return -1;
                    }
                    b[n++] = (byte) (0xF0 | (cp >> 18));
                    b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                }
            }
            return n;
        }

        void ensure(int size) {
            if (size > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(size, buf.length * 2));
            }
        }

        /** Drops a buffer a huge document grew, so that a thread keeps at most a few MB. */
        void shrink() {
            if (buf.length > 1 << 20) {
                buf = new int[BUF];
            }
        }
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList l = new IntArrayList(ids.length);
        for (int id : ids) {
            l.add(id);
        }
        return jtokkit().decode(l);
    }
}
