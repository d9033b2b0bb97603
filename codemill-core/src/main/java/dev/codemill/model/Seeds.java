package dev.codemill.model;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The one seed function: every random choice Codemill makes about a document (or a repository)
 * starts from {@link #seedFor(long, String, String) seedFor(recipe seed, purpose, key)}, so the
 * outcome depends only on the recipe's {@code seed}, what the draw is for and the document's id —
 * never on thread, partition, worker or runner (DESIGN.md: "randomness comes only from
 * {@code seedFor(docId)}").
 *
 * <p>Definition: {@code h} = FNV-1a 64 over the UTF-16 chars of {@code purpose}, one U+0000 char,
 * then the chars of {@code key}; the seed is {@code mix64(h ^ mix64(recipeSeed))}, where
 * {@code mix64} is the SplitMix64 finaliser (Steele, Lea and Flood 2014, "Fast splittable
 * pseudorandom number generators"). The purpose keeps the streams of different uses apart: the
 * FIM split of a document is not correlated with its mixture draw.
 *
 * <p>Purposes in use: {@link #FIM} (FIM split points, in the {@code fim} stage and inside repository
 * samples), {@link #CROSS_FILE} (the draw of a file's cross-file tasks), {@link #MIX} (a document's mixture draw), {@link #REPO_ORDER}
 * (the random file order of a repository sample, key the repository name), {@link #EVAL_SPLIT}
 * (train/eval split of a repository, key its name, recipe seed 0 so a repository stays on its side
 * whatever the recipe). Hash-function keys that are not draws (MinHash permutations, the keyed
 * hash of IP pseudonyms) take the recipe seed directly.
 */
public final class Seeds {
    /** FIM split points of a document (key: document id). */
    public static final String FIM = "fim";
    /** The mixture planner's draw of a document (key: document id). */
    public static final String MIX = "mix";
    /** The random file order of a repository sample (key: repository name). */
    public static final String REPO_ORDER = "repo_order";
    /** Which lines of a file become cross-file tasks when there are more candidates than tasks (key: document id). */
    public static final String CROSS_FILE = "cross_file";
    /** The train/eval split of a repository's cross-file tasks (key: repository name). */
    public static final String EVAL_SPLIT = "eval_split";

    private Seeds() {
    }

    /** The seed of the draw {@code purpose} for {@code key} under the recipe seed (see the class comment). */
    public static long seedFor(long recipeSeed, String purpose, String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < purpose.length(); i++) {
            h ^= purpose.charAt(i);
            h *= 0x100000001b3L;
        }
        h *= 0x100000001b3L; // the U+0000 separator: h ^= 0, then multiply
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h ^ mix64(recipeSeed));
    }

    /** {@link #seedFor(long, String, String)} of a document id. */
    public static long seedFor(long recipeSeed, String purpose, DocId id) {
        return seedFor(recipeSeed, purpose, id.value());
    }

    /** A generator seeded with {@link #seedFor(long, String, String)}: {@code new SplittableRandom(seed)}. */
    public static RandomGenerator rngFor(long recipeSeed, String purpose, String key) {
        return new SplittableRandom(seedFor(recipeSeed, purpose, key));
    }

    /** {@link #rngFor(long, String, String)} of a document id. */
    public static RandomGenerator rngFor(long recipeSeed, String purpose, DocId id) {
        return rngFor(recipeSeed, purpose, id.value());
    }

    /** A uniform number in [0, 1): the top 53 bits of {@link #seedFor(long, String, String)}. */
    public static double uniform(long recipeSeed, String purpose, String key) {
        return (seedFor(recipeSeed, purpose, key) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser (with its golden-gamma increment). */
    static long mix64(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
