package dev.codemill.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A synthetic dump for near-dedup at scale, made from real code by mutation: the real files are
 * cut at line ends into chunks of about {@code chunkBytes}; each output document is either an
 * <em>original</em> (a random chunk whose word tokens are each replaced, with probability 0.35, by
 * a random token of the corpus vocabulary: unrelated to every other original, word 5-gram Jaccard
 * ≈ 0.01) or, with probability {@code dupRate}, a <em>near copy</em> of one of the last 4,096
 * originals of its shard (each word token replaced with probability 0.02: expected 5-gram
 * Jaccard ≈ 0.82). Output: {@code shards} files {@code synthetic-NNNNN.jsonl.zst} in The Stack's
 * layout ({@code content}, {@code repo_name}, {@code path}; ids are FILE:LINE), deterministic for
 * a seed.
 *
 * <pre>
 * java -cp ... dev.codemill.bench.SyntheticCorpus CORPUS_DIR OUT_DIR DOCUMENTS [shards=32] [dupRate=0.3] [seed=1] [chunkBytes=850]
 * </pre>
 * Prints the number of originals and near copies written (the expected near-duplicate drops,
 * minus the few near copies whose mutation pushes them below the threshold).
 */
public final class SyntheticCorpus {
    static final double ORIGINAL_MUTATION = 0.35;
    static final double COPY_MUTATION = 0.02;
    static final int RECENT = 4096;

    private SyntheticCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        long documents = Long.parseLong(args[2]);
        int shards = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        double dupRate = args.length > 4 ? Double.parseDouble(args[4]) : 0.3;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        int chunkBytes = args.length > 6 ? Integer.parseInt(args[6]) : 850;

        List<String> chunks = new ArrayList<>();
        Set<String> vocabulary = new LinkedHashSet<>();
        for (NearDedupCorpus.Doc d : NearDedupCorpus.load(corpus)) {
            chunk(d.text(), chunkBytes, chunks);
            if (vocabulary.size() < 200_000) {
                for (String t : d.text().split("[^A-Za-z_0-9]+")) {
                    if (!t.isEmpty() && t.length() < 30) {
                        vocabulary.add(t);
                    }
                }
            }
        }
        String[] vocab = vocabulary.toArray(new String[0]);
        System.out.printf("%d chunks, %d vocabulary tokens from %s%n", chunks.size(), vocab.length, corpus);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<long[]>> results = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            long from = documents * s / shards;
            long to = documents * (s + 1) / shards;
            results.add(pool.submit(() -> writeShard(out.resolve(String.format("synthetic-%05d.jsonl.zst", shard)),
                    shard, to - from, chunks, vocab, dupRate, seed)));
        }
        long originals = 0;
        long copies = 0;
        long bytes = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            originals += r[0];
            copies += r[1];
            bytes += r[2];
        }
        pool.shutdown();
        System.out.printf("%d documents (%d originals, %d near copies), %.1f MB of content, %d shards, %.1f s%n",
                originals + copies, originals, copies, bytes / 1e6, shards, (System.nanoTime() - t0) / 1e9);
    }

    /** Cuts text at line ends into pieces of about {@code size} chars (at least half of it). */
    static void chunk(String text, int size, List<String> out) {
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            int nl = text.lastIndexOf('\n', end - 1);
            if (end < text.length() && nl > start + size / 2) {
                end = nl + 1;
            }
            if (end - start >= size / 2) {
                out.add(text.substring(start, end));
            }
            start = end;
        }
    }

    /** Replaces each word token ({@code [A-Za-z_0-9]+}) with probability p by a random vocabulary token. */
    static String mutate(String text, double p, String[] vocab, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!word(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            while (i < n && word(text.charAt(i))) {
                i++;
            }
            if (rnd.nextDouble() < p) {
                sb.append(vocab[rnd.nextInt(vocab.length)]);
            } else {
                sb.append(text, start, i);
            }
        }
        return sb.toString();
    }

    private static boolean word(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static long[] writeShard(Path file, int shard, long count, List<String> chunks, String[] vocab,
                                     double dupRate, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + shard);
        String[] recent = new String[RECENT];
        int recentCount = 0;
        long originals = 0;
        long copies = 0;
        long bytes = 0;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(new ZstdOutputStream(Files.newOutputStream(tmp), 3), 1 << 20);
             JsonGenerator g = new JsonFactory().createGenerator(os)) {
            for (long i = 0; i < count; i++) {
                String text;
                if (recentCount > 0 && rnd.nextDouble() < dupRate) {
                    text = mutate(recent[rnd.nextInt(Math.min(recentCount, RECENT))], COPY_MUTATION, vocab, rnd);
                    copies++;
                } else {
                    text = mutate(chunks.get(rnd.nextInt(chunks.size())), ORIGINAL_MUTATION, vocab, rnd);
                    recent[recentCount++ % RECENT] = text;
                    originals++;
                }
                bytes += text.length();
                g.writeStartObject();
                g.writeStringField("repo_name", "synthetic/r" + shard + "-" + (i / 100));
                g.writeStringField("path", "f" + i + ".txt");
                g.writeStringField("content", text);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new long[] {originals, copies, bytes};
    }
}
