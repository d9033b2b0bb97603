package dev.codemill.stages.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A literal pre-filter for a list of regular expressions searched in lines: a few short literals
 * such that every match of every expression contains one of them, compared with US-ASCII case
 * folding ({@code A}–{@code Z} = {@code a}–{@code z}, as Java's {@code (?i)} without
 * {@code UNICODE_CASE} folds; a case-sensitive match contains the literal in one of its
 * spellings too). A line in which none of them occurs cannot match any expression.
 *
 * <p>The literals are derived from the expressions' source: each top-level alternative's
 * <i>required runs</i> (characters every match of it holds in a row: literal characters and
 * escaped punctuation, cut at groups, classes, {@code .}, anchors and escapes such as {@code \b};
 * a character under {@code ?}, {@code *} or <code>{n,m}</code> is left out, one under {@code +}
 * ends its run), then a greedy set cover with substrings of {@value #GRAM} characters (whole runs
 * when shorter). An expression whose source the derivation cannot read safely (flags other than
 * {@code i}, {@code \Q}, numeric or named escapes, back references, an alternative without a
 * literal) makes the filter pass everything ({@link #of} gives empty), so the filter can only be
 * weaker, never wrong.
 *
 * <p>Immutable; {@link #positions} is thread-safe.
 */
final class MarkerLiterals {
    /** Length of the substrings the set cover picks from (7: {@code generat} covers most markers). */
    static final int GRAM = 7;
    /** Letter escapes that stand for one position or a class and take no argument. */
    private static final String PLAIN_ESCAPES = "dDsSwWbBhHvVAzZGtnrfaeR";

    private final char[][] literals;
    /**
     * Per first character below 128: the indexes of the literals starting with it once folded, or
     * null (an upper-case ASCII letter shares the entry of its lower-case letter, so the scan needs
     * no fold of the first character).
     */
    private final int[][] byFirst = new int[128][];
    /**
     * Per first character below 128: bit {@code d & 63} is set when some literal starting with it
     * continues with a char {@code d} (folded); all bits for a literal of one char.
     */
    private final long[] second = new long[128];

    private MarkerLiterals(List<String> literals) {
        this.literals = new char[literals.size()][];
        Map<Character, List<Integer>> first = new TreeMap<>();
        for (int i = 0; i < literals.size(); i++) {
            this.literals[i] = literals.get(i).toCharArray();
            first.computeIfAbsent(this.literals[i][0], k -> new ArrayList<>()).add(i);
        }
        first.forEach((c, idx) -> byFirst[c] = idx.stream().mapToInt(Integer::intValue).toArray());
        for (char[] l : this.literals) {
            second[l[0]] |= l.length > 1 ? 1L << (l[1] & 63) : -1L;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            byFirst[c] = byFirst[c + 32];
            second[c] = second[c + 32];
        }
    }

    /** The literals, folded (for tests and the docs). */
    List<String> literals() {
        List<String> out = new ArrayList<>();
        for (char[] l : literals) {
            out.add(new String(l));
        }
        return out;
    }

    /**
     * The pre-filter of {@code regexes} (Java syntax, compiled without flags), or empty when one of
     * them has no literal every match must contain (or one this class cannot derive safely).
     */
    static Optional<MarkerLiterals> of(List<String> regexes) {
        List<List<String>> items = new ArrayList<>(); // per alternative: its required runs, folded
        for (String re : regexes) {
            List<String> alternatives = alternatives(re);
            if (alternatives == null) {
                return Optional.empty();
            }
            for (String alt : alternatives) {
                List<String> runs = requiredRuns(alt);
                if (runs == null || runs.isEmpty()) {
                    return Optional.empty();
                }
                items.add(runs);
            }
        }
        return Optional.of(new MarkerLiterals(cover(items)));
    }

    /**
     * Characters of source text, most frequent first (a rough order): the set cover prefers grams
     * whose first character is rare, since the scan verifies a literal wherever its first character
     * occurs. A character not listed counts as rarest.
     */
    private static final String COMMON_FIRST = " etaoinsrl_.(,)=;/*:chdu\"'-mfpgwybvkx#[]{}<>jqz$@";

    private static boolean better(String g, int count, String best, int bestCount) {
        if (best == null || count != bestCount) {
            return best == null || count > bestCount;
        }
        int r = rarity(g.charAt(0));
        int rb = rarity(best.charAt(0));
        return r != rb ? r > rb : g.compareTo(best) < 0;
    }

    private static int rarity(char c) {
        int i = COMMON_FIRST.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /**
     * Greedy set cover: the gram held by most uncovered alternatives; ties go to the rarer first
     * character ({@link #COMMON_FIRST}), then to the smaller string.
     */
    private static List<String> cover(List<List<String>> items) {
        List<String> chosen = new ArrayList<>();
        List<List<String>> open = new ArrayList<>(items);
        while (!open.isEmpty()) {
            TreeMap<String, Integer> count = new TreeMap<>();
            for (List<String> runs : open) {
                java.util.Set<String> grams = new java.util.TreeSet<>();
                for (String r : runs) {
                    int n = Math.min(GRAM, r.length());
                    for (int i = 0; i + n <= r.length(); i++) {
                        grams.add(r.substring(i, i + n));
                    }
                }
                grams.forEach(g -> count.merge(g, 1, Integer::sum));
            }
            String best = null;
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                if (better(e.getKey(), e.getValue(), best, best == null ? 0 : count.get(best))) {
                    best = e.getKey();
                }
            }
            chosen.add(best);
            String b = best;
            open.removeIf(runs -> runs.stream().anyMatch(r -> r.contains(b)));
        }
        return List.copyOf(chosen);
    }

    /** The top-level alternatives of {@code re}, or null when its groups or classes do not balance. */
    private static List<String> alternatives(String re) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(re, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return null;
                }
            } else if (c == '|' && depth == 0) {
                out.add(re.substring(from, i));
                from = i + 1;
            }
        }
        out.add(re.substring(from));
        return depth == 0 ? out : null;
    }

    /** Index of the {@code ]} closing the class opened at {@code at}, or -1. */
    private static int classEnd(String re, int at) {
        int depth = 0;
        for (int i = at; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++; // a ']' first in a class is literal
                }
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code )} closing the group opened at {@code at}, or -1. */
    private static int groupEnd(String re, int at) {
        int depth = 0;
        for (int i = at; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(re, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The runs of characters every match of {@code alt} (an expression without a top-level
     * {@code |}) holds in a row, folded; null when it cannot tell.
     */
    static List<String> requiredRuns(String alt) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean lastIsChar = false; // the last atom was the run's last character
        for (int i = 0; i < alt.length(); i++) {
            char c = alt.charAt(i);
            char literal;
            if (c == '\\') {
                if (i + 1 >= alt.length()) {
                    return null;
                }
                char d = alt.charAt(++i);
                if (Character.isLetterOrDigit(d)) {
                    if (PLAIN_ESCAPES.indexOf(d) < 0) {
                        return null; // quoting, hex, octal, control, property, named and back-reference escapes: not read here
                    }
                    flush(run, runs);
                    lastIsChar = false;
                    continue;
                }
                literal = d;
            } else if (c == '[' || c == '(') {
                if (c == '(' && alt.startsWith("(?", i) && i + 2 < alt.length() && Character.isLetter(alt.charAt(i + 2))) {
                    int close = alt.indexOf(')', i);
                    if (close < 0 || !alt.substring(i + 2, close).chars().allMatch(f -> f == 'i')) {
                        return null; // only (?i), which the folded compare covers, may change how the rest reads
                    }
                    i = close;
                    continue;
                }
                i = c == '[' ? classEnd(alt, i) : groupEnd(alt, i);
                if (i < 0) {
                    return null;
                }
                flush(run, runs);
                lastIsChar = false;
                continue;
            } else if (c == '?' || c == '*' || c == '{') {
                if (lastIsChar) {
                    run.setLength(run.length() - 1); // that character is optional
                }
                flush(run, runs);
                lastIsChar = false;
                if (c == '{') {
                    i = alt.indexOf('}', i);
                    if (i < 0) {
                        return null;
                    }
                }
                i = skipQuantifierSuffix(alt, i);
                continue;
            } else if (c == '+') {
                flush(run, runs); // the character is there at least once; what follows may not be next to it
                lastIsChar = false;
                i = skipQuantifierSuffix(alt, i);
                continue;
            } else if (c == '.' || c == '^' || c == '$') {
                flush(run, runs);
                lastIsChar = false;
                continue;
            } else if (c == ')' || c == '|' || c == ']' || c == '}') {
                return null;
            } else {
                literal = c;
            }
            if (literal == '\n' || literal == '\r') {
                return null;
            }
            run.append(fold(literal));
            lastIsChar = true;
        }
        flush(run, runs);
        return runs;
    }

    private static int skipQuantifierSuffix(String alt, int i) {
        return i + 1 < alt.length() && (alt.charAt(i + 1) == '?' || alt.charAt(i + 1) == '+') ? i + 1 : i;
    }

    private static void flush(StringBuilder run, List<String> runs) {
        if (run.length() > 0) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[0]);

    /**
     * Start offsets, ascending, of the occurrences of the literals in {@code text[0, limit)}; an
     * occurrence must lie wholly before {@code limit}. Copies the region once into a per-thread
     * buffer and scans it once.
     */
    int[] positions(String text, int limit) {
        char[] buf = BUFFER.get();
        if (buf.length < limit) {
            buf = new char[Math.max(limit, 1024)];
            BUFFER.set(buf);
        }
        text.getChars(0, limit, buf, 0);
        int[] out = new int[4];
        int n = 0;
        int[][] first = byFirst;
        long[] next = second;
        for (int i = 0; i < limit; i++) {
            int c = buf[i];
            if (c >= 128) {
                continue;
            }
            int[] candidates = first[c];
            if (candidates == null) {
                continue;
            }
            if (i + 1 < limit) {
                int d = buf[i + 1];
                if ((next[c] & 1L << ((d >= 'A' && d <= 'Z' ? d + 32 : d) & 63)) == 0) {
                    continue;
                }
            }
            for (int k : candidates) {
                if (occursAt(literals[k], buf, i, limit)) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean occursAt(char[] lit, char[] buf, int at, int limit) {
        if (at + lit.length > limit) {
            return false;
        }
        for (int j = 1; j < lit.length; j++) {
            char c = buf[at + j];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit[j]) {
                return false;
            }
        }
        return true;
    }
}
