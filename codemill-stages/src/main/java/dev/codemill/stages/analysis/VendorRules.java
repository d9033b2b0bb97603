package dev.codemill.stages.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The vendored-path rules: which repository paths hold third-party code copied into a repository
 * (dependency folders such as {@code node_modules/}, {@code vendor/}, {@code third_party/};
 * bundled libraries such as {@code jquery-3.7.1.js}, {@code *.min.js}; build-tool scripts such as
 * {@code gradlew}). The rules are data, in {@value #RESOURCE}: one rule per line, {@code id},
 * a Java regular expression searched in the path, and the source of the fact (mostly GitHub
 * Linguist's {@code vendor.yml}, which The Stack v2's {@code is_vendor} comes from through go-enry).
 *
 * <p>Thread-safe and immutable once built.
 */
public final class VendorRules {
    /** Classpath resource holding the built-in rules. */
    public static final String RESOURCE = "codemill/vendor/vendored.tsv";

    /**
     * One vendored-path rule.
     *
     * @param id      short stable name, e.g. {@code node_modules} (ledger values and evidence use it)
     * @param regex   the Java regular expression, as written in the data file
     * @param source  where the fact comes from
     * @param pattern the compiled {@code regex}
     */
    public record Rule(String id, String regex, String source, Pattern pattern) {
    }

    private final List<Rule> rules;
    /**
     * All rules as one alternation, {@code (?:r1)|(?:r2)|…}: it is found in a path exactly when
     * some rule is, so a path it is not found in (nearly all) costs one {@link java.util.regex.Matcher}
     * instead of one per rule. Null (every rule tried) when a rule refers to a group by number or
     * name, which the alternation would renumber.
     */
    private final Pattern any;

    private VendorRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.any = alternation(this.rules);
    }

    /** The rules' alternation, or null when a rule holds a back-reference ({@code \1},
     * {@code \k<name>}) or the alternation does not compile (a group name used by two rules). */
    static Pattern alternation(List<Rule> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            if (BACK_REFERENCE.matcher(r.regex()).find()) {
                return null;
            }
            sb.append(sb.length() == 0 ? "" : "|").append("(?:").append(r.regex()).append(')');
        }
        try {
            return Pattern.compile(sb.toString());
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** A back-reference in a rule's source: an unescaped backslash before a digit or {@code k<}. */
    private static final Pattern BACK_REFERENCE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\(?:[1-9]|k<)");

    private static final class Holder {
        static final VendorRules BUILT_IN = load(RESOURCE);
    }

    /** The rules of {@value #RESOURCE}. */
    public static VendorRules builtIn() {
        return Holder.BUILT_IN;
    }

    /** All rules, in file order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The first rule (in file order) whose pattern is found in {@code path}; empty when none.
     *
     * @param path repository-relative path with {@code /} separators
     */
    public Optional<Rule> find(String path) {
        if (any != null && !any.matcher(path).find()) {
            return Optional.empty();
        }
        for (Rule r : rules) {
            if (r.pattern().matcher(path).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a rules file from the classpath.
     *
     * @throws IllegalStateException naming the line when a line lacks a column, an id repeats or a
     *                               pattern does not compile
     */
    static VendorRules load(String resource) {
        try (InputStream in = VendorRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Rule> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 3 || cols[0].isBlank() || cols[1].isBlank() || cols[2].isBlank()) {
                    throw new IllegalStateException(resource + ":" + n + ": expected 3 tab-separated columns (id, regex, source)");
                }
                if (!ids.add(cols[0])) {
                    throw new IllegalStateException(resource + ":" + n + ": rule id '" + cols[0] + "' repeats");
                }
                try {
                    out.add(new Rule(cols[0], cols[1], cols[2], Pattern.compile(cols[1])));
                } catch (PatternSyntaxException e) {
                    throw new IllegalStateException(resource + ":" + n + ": bad pattern: " + e.getMessage(), e);
                }
            }
            return new VendorRules(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
