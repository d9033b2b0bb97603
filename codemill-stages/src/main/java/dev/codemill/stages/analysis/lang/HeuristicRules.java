package dev.codemill.stages.analysis.lang;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Content rules as data: the rows of {@code codemill/languages/heuristics.tsv}, generated from
 * GitHub linguist's {@code heuristics.yml} by {@code codemill-bench/scripts/languages_from_linguist.py}
 * (patterns rewritten to {@code java.util.regex} syntax there). Per shared extension, rules run in
 * order; a rule holds when each of its {@code match} patterns is found and none of its
 * {@code not} patterns is; the first rule that holds names the language.
 *
 * <p>Patterns are compiled once with {@link Pattern#MULTILINE} ({@code ^}/{@code $} at line ends,
 * as in Ruby) and run on the first {@link ContentRules#PREFIX_CHARS} chars only. The hand-written
 * {@link ContentRules} run first for their extensions; these rules decide the rest.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeuristicRules {
    /**
     * One pattern with its prefilter.
     *
     * @param pattern  the compiled pattern
     * @param literals strings one of which every match contains (the pattern runs only when one
     *                 occurs; {@code indexOf} is far cheaper than a regex scan), empty when none is known
     */
    public record Clause(Pattern pattern, List<String> literals) {
        /** Whether the pattern is found in {@code head}. */
        public boolean found(String head) {
            if (!literals.isEmpty()) {
                boolean any = false;
                for (String l : literals) {
                    if (head.contains(l)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return pattern.matcher(head).find();
        }
    }

    /**
     * One rule.
     *
     * @param language the language it names
     * @param must     clauses that must be found
     * @param mustNot  clauses that must not be found
     * @param name     evidence name, {@code EXT_LANG}, e.g. {@code d_dtrace}
     */
    public record Rule(String language, List<Clause> must, List<Clause> mustNot, String name) {
        /** Whether the rule holds on {@code head} (the text's prefix). */
        public boolean holds(String head) {
            for (Clause c : must) {
                if (!c.found(head)) {
                    return false;
                }
            }
            for (Clause c : mustNot) {
                if (c.found(head)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** No rules at all. */
    public static final HeuristicRules NONE = new HeuristicRules(Map.of());

    private final Map<String, List<Rule>> byExtension;

    private HeuristicRules(Map<String, List<Rule>> byExtension) {
        this.byExtension = byExtension;
    }

    /** The rules of a lower-case extension with its dot, in order; empty when it has none. */
    public List<Rule> rules(String extension) {
        return byExtension.getOrDefault(extension, List.of());
    }

    /** All extensions that have rules. */
    public Set<String> extensions() {
        return Collections.unmodifiableSet(byExtension.keySet());
    }

    /**
     * The first rule of {@code extension} that holds on the text's prefix and whose language is
     * not in {@code skip} (languages another rule set already judged), or null.
     */
    public ContentRules.Guess decide(String extension, String text, Set<String> skip) {
        List<Rule> rules = byExtension.get(extension);
        if (rules == null) {
            return null;
        }
        String head = ContentRules.prefix(text);
        for (Rule r : rules) {
            if (!skip.contains(r.language()) && r.holds(head)) {
                return new ContentRules.Guess(r.language(), r.name(), null);
            }
        }
        return null;
    }

    /**
     * Parses {@code heuristics.tsv} (format: its header comment).
     *
     * @throws IllegalStateException on a malformed row, an unknown kind, rules out of order or a
     *                               pattern {@code java.util.regex} cannot compile
     */
    public static HeuristicRules parse(Reader tsv) throws IOException {
        Map<String, List<Rule>> out = new HashMap<>();
        BufferedReader br = new BufferedReader(tsv);
        String line;
        int n = 0;
        String lastKey = null;
        String lastLanguage = null;
        List<Clause> must = null;
        List<Clause> mustNot = null;
        while ((line = br.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("extension\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalStateException("heuristics line " + n + ": expected 6 tab-separated columns: " + line);
            }
            String ext = f[0];
            String key = ext + "\t" + f[1];
            if (!key.equals(lastKey)) {
                List<Rule> rules = out.computeIfAbsent(ext, k -> new ArrayList<>());
                if (Integer.parseInt(f[1]) != rules.size() + 1) {
                    throw new IllegalStateException("heuristics line " + n + ": rule " + f[1] + " of " + ext
                            + " out of order");
                }
                must = new ArrayList<>(2);
                mustNot = new ArrayList<>(1);
                rules.add(new Rule(f[2], must, mustNot, ruleName(ext, f[2])));
                lastKey = key;
                lastLanguage = f[2];
            } else if (!lastLanguage.equals(f[2])) {
                throw new IllegalStateException("heuristics line " + n + ": rule " + f[1] + " of " + ext
                        + " names two languages");
            }
            switch (f[3]) {
                case "match" -> must.add(new Clause(compile(f[4], n), literals(f[5])));
                case "not" -> mustNot.add(new Clause(compile(f[4], n), literals(f[5])));
                case "always" -> { }
                default -> throw new IllegalStateException("heuristics line " + n + ": unknown kind " + f[3]);
            }
        }
        Map<String, List<Rule>> frozen = new HashMap<>();
        for (Map.Entry<String, List<Rule>> e : out.entrySet()) {
            List<Rule> rules = new ArrayList<>();
            for (Rule r : e.getValue()) {
                rules.add(new Rule(r.language(), List.copyOf(r.must()), List.copyOf(r.mustNot()), r.name()));
            }
            frozen.put(e.getKey(), List.copyOf(rules));
        }
        return new HeuristicRules(frozen);
    }

    /** Splits {@code a|b\|c} on unescaped bars; {@code -} is none. */
    public static List<String> literals(String field) {
        if (field.equals("-") || field.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                cur.append(field.charAt(++i));
            } else if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return List.copyOf(out);
    }

    private static Pattern compile(String regex, int line) {
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("heuristics line " + line + ": bad pattern: " + e.getMessage(), e);
        }
    }

    /**
     * Evidence name of a rule: extension without its dot, {@code _}, the language name lower-cased
     * with {@code +} as {@code p}, {@code #} as {@code sharp} and other runs of non-alphanumerics as
     * {@code _}: {@code .d} + {@code DTrace} → {@code d_dtrace}, {@code .cs} + {@code C#} → {@code cs_csharp}.
     */
    public static String ruleName(String extension, String language) {
        String slug = language.toLowerCase(Locale.ROOT).replace("+", "p").replace("#", "sharp")
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return extension.substring(1) + "_" + slug;
    }
}
