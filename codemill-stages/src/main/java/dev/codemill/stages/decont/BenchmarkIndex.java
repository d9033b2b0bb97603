package dev.codemill.stages.decont;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The n-grams of every benchmark part, in two {@link NgramTable}s (literal and
 * identifier-normalised), and the scan that measures how much of each part a document holds.
 *
 * <p><b>N-grams.</b> An n-gram is {@code n} consecutive {@link CodeTokens} (whitespace already
 * normalised away), hashed to 64 bits by mixing the token hashes in order. A part's n-grams are
 * counted as a set (a repeated n-gram counts once). The <b>literal share</b> of a part in a
 * document is |part n-grams ∩ document n-grams| / |part n-grams| (DeepSeek-Coder, Guo et al.
 * 2024, §2.1, filters files with 10-gram overlap against the benchmarks).
 *
 * <p><b>Identifier normalisation.</b> In the second pass each n-gram window is rewritten before
 * hashing: every renameable word ({@link CodeTokens}) becomes the placeholder {@code ID<k>},
 * where {@code k} numbers the distinct renameable words of <em>that window</em> in order of first
 * occurrence ({@code a = b + a} → {@code ID0 = ID1 + ID0}). Numbering per window (not per file)
 * makes the n-grams of a solution embedded in a larger file identical to those of the solution
 * alone, and any consistent renaming of variables leaves them unchanged.
 *
 * <p><b>Exact substring</b> (BigCode's decontamination of The Stack: a file is removed when it
 * contains a benchmark docstring or solution after whitespace normalisation): a part whose whole
 * token sequence occurs contiguously in the document's token sequence.
 *
 * <p>Parts with fewer than {@code n} tokens or fewer than {@code minChars} normalised chars are
 * not indexed: they are too generic to decide anything ({@code return a + b}). Only solution and
 * test parts with at least {@code identifierMinNgrams} distinct normalised n-grams enter the
 * identifier-normalised table ({@link #identifierEligible}).
 */
public final class BenchmarkIndex {
    private static final long MUL = 0x9E3779B97F4A7C15L;
    private static final long BASE = 0x100000001B3L * 2 + 1;
    private static final int MAX_N = 64;
    private static final long[] PLACEHOLDER = new long[MAX_N];

    static {
        for (int k = 0; k < MAX_N; k++) {
            PLACEHOLDER[k] = fmix(0x5EED_1D00L + k) | 1L;
        }
    }

    private final int n;
    private final List<BenchmarkPart> parts;
    private final NgramTable literal;
    private final NgramTable identifiers;
    private final ThreadLocal<int[][]> scratch;

    private BenchmarkIndex(int n, List<BenchmarkPart> parts, NgramTable literal, NgramTable identifiers) {
        this.n = n;
        this.parts = parts;
        this.literal = literal;
        this.identifiers = identifiers;
        int size = parts.size();
        this.scratch = ThreadLocal.withInitial(() -> new int[][] {new int[size], new int[size]});
    }

    /**
     * Builds the index.
     *
     * @param raw      parts as loaded
     * @param n        n-gram length in tokens, 1..64
     * @param minChars minimum whitespace-normalised length of a part, in UTF-16 chars
     * @param identifierMinNgrams minimum number of distinct identifier-normalised n-grams of a
     *                 solution or test part to enter the identifier-normalised table
     */
    public static BenchmarkIndex build(List<BenchmarkLoader.RawPart> raw, int n, long minChars, int identifierMinNgrams) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n-gram length must be in [1, " + MAX_N + "], got " + n);
        }
        // hashing is per part and independent: done in parallel, collected in load order
        record Hashed(BenchmarkLoader.RawPart raw, CodeTokens tokens, long[] literal, long[] identifiers) {
        }
        List<Hashed> hashed = raw.parallelStream().map(r -> {
            CodeTokens t = CodeTokens.of(r.text());
            if (t.size() < n || t.normalisedChars() < minChars) {
                return null;
            }
            return new Hashed(r, t, distinct(t, n, false), distinct(t, n, true));
        }).filter(java.util.Objects::nonNull).toList();
        int litEntries = 0;
        int idEntries = 0;
        for (Hashed h : hashed) {
            litEntries += h.literal().length;
            idEntries += h.identifiers().length;
        }
        NgramTable lit = new NgramTable(litEntries);
        NgramTable ids = new NgramTable(idEntries);
        List<BenchmarkPart> parts = new ArrayList<>(hashed.size());
        for (Hashed h : hashed) {
            int index = parts.size();
            for (long x : h.literal()) {
                lit.add(x, index);
            }
            if (identifierEligible(h.raw().role(), h.identifiers().length, identifierMinNgrams)) {
                for (long x : h.identifiers()) {
                    ids.add(x, index);
                }
            }
            CodeTokens t = h.tokens();
            parts.add(new BenchmarkPart(index, h.raw().benchmark(), h.raw().itemId(), h.raw().role(), t.hashesCopy(),
                    t.normalisedChars(), h.literal().length, h.identifiers().length));
        }
        lit.freeze();
        ids.freeze();
        return new BenchmarkIndex(n, List.copyOf(parts), lit, ids);
    }

    /**
     * Whether a part enters the identifier-normalised pass: only code parts (solutions and tests;
     * prompts are mostly prose, whose every word would become a placeholder) with at least
     * {@code min} distinct normalised n-grams (small generic functions such as
     * {@code def f(a, b): return a == b} recur in unrelated code once names are erased).
     */
    static boolean identifierEligible(String role, int ngrams, int min) {
        return !"prompt".equals(role) && ngrams >= min;
    }

    private static long[] distinct(CodeTokens t, int n, boolean normalise) {
        long[] out = normalise ? identifierHashes(t, n) : literalHashes(t.hashes(), t.size(), n);
        Arrays.sort(out);
        int u = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[u++] = out[i];
            }
        }
        return Arrays.copyOf(out, u);
    }

    /**
     * The literal n-gram hash of every window {@code [i, i+n)}, {@code i = 0..size-n}: a polynomial
     * rolling hash of the token hashes (odd 64-bit base, mod 2^64), finalised by murmur3's fmix64.
     */
    static long[] literalHashes(long[] tokens, int size, int n) {
        int count = Math.max(0, size - n + 1);
        long[] out = new long[count];
        if (count == 0) {
            return out;
        }
        long top = 1;
        for (int j = 1; j < n; j++) {
            top *= BASE;
        }
        long h = 0;
        for (int j = 0; j < n; j++) {
            h = h * BASE + tokens[j];
        }
        out[0] = fmix(h);
        for (int i = 1; i < count; i++) {
            h = (h - tokens[i - 1] * top) * BASE + tokens[i + n - 1];
            out[i] = fmix(h);
        }
        return out;
    }

    /**
     * The identifier-normalised n-gram hash of every window. For each token the index of the
     * previous occurrence of the same renameable word is computed once; in a window starting at
     * {@code s}, a renameable word whose previous occurrence lies before {@code s} opens the next
     * placeholder number, any other reuses the number of its previous occurrence.
     */
    static long[] identifierHashes(CodeTokens t, int n) {
        int size = t.size();
        int count = Math.max(0, size - n + 1);
        long[] out = new long[count];
        if (count == 0) {
            return out;
        }
        long[] tok = t.hashes();
        boolean[] ren = t.renameable();
        int[] prev = previousOccurrence(tok, ren, size);
        int[] num = new int[n];
        for (int s = 0; s < count; s++) {
            long h = ~(long) n;
            int next = 0;
            for (int j = 0; j < n; j++) {
                int i = s + j;
                long v = tok[i];
                if (ren[i]) {
                    int k = prev[i] < s ? next++ : num[prev[i] - s];
                    num[j] = k;
                    v = PLACEHOLDER[k];
                }
                h = (h ^ v) * MUL;
                h ^= h >>> 29;
            }
            out[s] = fmix(h);
        }
        return out;
    }

    /** For each renameable token, the index of the previous token with the same hash, else -1. */
    private static int[] previousOccurrence(long[] tok, boolean[] ren, int size) {
        int[] prev = new int[size];
        int cap = Integer.highestOneBit(Math.max(16, size) * 2 - 1) << 1;
        long[] keys = new long[cap];
        int[] last = new int[cap];
        Arrays.fill(last, -1);
        int mask = cap - 1;
        for (int i = 0; i < size; i++) {
            if (!ren[i]) {
                prev[i] = -1;
                continue;
            }
            long k = tok[i];
            int slot = (int) (k ^ (k >>> 32)) & mask;
            while (last[slot] >= 0 && keys[slot] != k) {
                slot = (slot + 1) & mask;
            }
            prev[i] = last[slot];
            keys[slot] = k;
            last[slot] = i;
        }
        return prev;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The n-gram length. */
    public int n() {
        return n;
    }

    /** The indexed parts, in load order. */
    public List<BenchmarkPart> parts() {
        return parts;
    }

    /** Number of distinct literal n-grams over all parts. */
    public int literalNgrams() {
        return literal.distinctKeys();
    }

    /**
     * The best-matching part of one pass.
     *
     * @param part  the part (null when no n-gram of any part was found)
     * @param share found / total distinct n-grams of the part, 0..1
     * @param exact whether the part's whole token sequence occurs contiguously (literal pass only)
     */
    public record Match(BenchmarkPart part, double share, boolean exact) {
        static final Match NONE = new Match(null, 0.0, false);
    }

    /**
     * What one document holds of the benchmarks.
     *
     * @param exact       the best part found as an exact (whitespace-normalised) substring, or {@link Match#NONE}
     * @param literal     the part with the highest literal share
     * @param identifiers the part with the highest identifier-normalised share ({@link Match#NONE} when not computed)
     */
    public record Scan(Match exact, Match literal, Match identifiers) {
    }

    private static final Comparator<Match> BEST = Comparator
            .comparingDouble((Match m) -> -m.share())
            .thenComparingInt(m -> m.part().roleRank())
            .thenComparingInt(m -> m.part().index());

    /**
     * Scans a document's tokens once per pass.
     *
     * @param doc         the document's tokens
     * @param identifiers whether to run the identifier-normalised pass
     */
    public Scan scan(CodeTokens doc, boolean identifiers) {
        int[][] counts = scratch.get();
        int[] litCounts = counts[0];
        List<Integer> touchedLit = new ArrayList<>();
        pass(doc, false, litCounts, touchedLit);
        Match bestLit = Match.NONE;
        Match bestExact = Match.NONE;
        for (int p : touchedLit) {
            BenchmarkPart part = parts.get(p);
            double share = (double) litCounts[p] / part.literalNgrams();
            Match m = new Match(part, share, false);
            if (bestLit.part() == null || BEST.compare(m, bestLit) < 0) {
                bestLit = m;
            }
            if (litCounts[p] == part.literalNgrams() && doc.containsSequence(part.tokens())) {
                Match e = new Match(part, 1.0, true);
                if (bestExact.part() == null || BEST.compare(e, bestExact) < 0) {
                    bestExact = e;
                }
            }
            litCounts[p] = 0;
        }
        if (bestExact.part() != null && bestLit.part() == bestExact.part()) {
            bestLit = bestExact;
        }
        Match bestId = Match.NONE;
        if (identifiers) {
            int[] idCounts = counts[1];
            List<Integer> touchedId = new ArrayList<>();
            pass(doc, true, idCounts, touchedId);
            for (int p : touchedId) {
                BenchmarkPart part = parts.get(p);
                Match m = new Match(part, (double) idCounts[p] / part.identifierNgrams(), false);
                if (bestId.part() == null || BEST.compare(m, bestId) < 0) {
                    bestId = m;
                }
                idCounts[p] = 0;
            }
        }
        return new Scan(bestExact, bestLit, bestId);
    }

    private void pass(CodeTokens doc, boolean normalise, int[] counts, List<Integer> touched) {
        NgramTable table = normalise ? identifiers : literal;
        LongSet seen = new LongSet();
        long[] hashes = normalise ? identifierHashes(doc, n) : literalHashes(doc.hashes(), doc.size(), n);
        for (long h : hashes) {
            int e = table.first(h);
            if (e < 0 || !seen.add(h)) {
                continue;
            }
            for (; e >= 0; e = table.next(e)) {
                int p = table.part(e);
                if (counts[p]++ == 0) {
                    touched.add(p);
                }
            }
        }
    }

    /** A minimal open-addressing set of longs (the n-grams of one document already counted). */
    private static final class LongSet {
        private long[] keys = new long[64];
        private boolean[] used = new boolean[64];
        private int size;

        boolean add(long k) {
            if ((size + 1) * 2 > keys.length) {
                long[] ok = keys;
                boolean[] ou = used;
                keys = new long[ok.length * 2];
                used = new boolean[ok.length * 2];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ou[i]) {
                        add(ok[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int s = (int) fmix(k) & mask;
            while (used[s]) {
                if (keys[s] == k) {
                    return false;
                }
                s = (s + 1) & mask;
            }
            used[s] = true;
            keys[s] = k;
            size++;
            return true;
        }
    }
}
