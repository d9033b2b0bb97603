package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.stages.analysis.lang.ContentRules;
import dev.codemill.stages.analysis.lang.HeuristicRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Identifies a file's language from its path and text. Thread-safe, no state per call.
 *
 * <p>Strategies, first answer wins (linguist's order, with one change noted):
 * <ol>
 *   <li><b>override</b>: the recipe's {@code overrides} map for the file's extension;</li>
 *   <li><b>modeline</b>: Vim {@code ft=} / Emacs {@code mode:} ({@link Modeline}), when enabled and the
 *       name is a known alias;</li>
 *   <li><b>filename</b>: exact file name ({@code Makefile}, {@code CMakeLists.txt}, {@code BUILD});</li>
 *   <li><b>extension</b> that one language owns ({@code .py}), longest compound first ({@code .cmake.in});</li>
 *   <li><b>shebang</b> ({@link Shebang}) for files whose extension is unknown or absent, and for
 *       ambiguous extensions when the interpreter's language is one of the candidates
 *       ({@code .pl} with {@code #!/usr/bin/perl}), or when no content rule and no fallback decide
 *       ({@code .cgi} with {@code #!/usr/bin/php}). Change from linguist, which lets any shebang beat
 *       the extension: a {@code .ts} file run by {@code #!/usr/bin/env node} stays TypeScript;</li>
 *   <li><b>content</b> rules for ambiguous extensions: {@link ContentRules} (hand-written, for
 *       {@code .h .m .pl .ts .inc .v .cls .md}), then the data rules of {@link HeuristicRules}
 *       (linguist's {@code heuristics.yml}) for the candidates the former do not judge, then the
 *       extension's fallback from {@code ambiguous.tsv};</li>
 *   <li><b>content</b> sniffing for unknown files: {@code <?xml} → XML, {@code <?php} → PHP at the start;</li>
 *   <li>else {@value LanguageTable#UNKNOWN} with evidence {@code none}.</li>
 * </ol>
 */
public final class LanguageDetector {
    /**
     * The answer.
     *
     * @param language linguist name or {@value LanguageTable#UNKNOWN}
     * @param type     linguist type, null when unknown
     * @param evidence {@code override}, {@code modeline}, {@code filename}, {@code extension}, {@code shebang},
     *                 {@code content:RULE} or {@code none}
     * @param subtype  finer kind (e.g. {@value ContentRules#QT_SUBTYPE}) or null
     */
    public record Detection(String language, String type, String evidence, String subtype) {
    }

    /**
     * One strategy's finding, for {@code explain}.
     *
     * @param strategy strategy name
     * @param value    what it read (interpreter, modeline name, extension) or empty
     * @param language language it points to, or null
     */
    public record Step(String strategy, String value, String language) {
    }

    private static final Pattern XML_START = Pattern.compile("\\A\\uFEFF?\\s*<\\?xml\\b");
    private static final Pattern PHP_START = Pattern.compile("\\A\\uFEFF?\\s*<\\?php\\b");

    private final LanguageTable table;
    private final Map<String, String> overrides;
    private final boolean modelines;

    /**
     * @param table     the language table
     * @param overrides lower-case extension with dot → language name (must be in the table)
     * @param modelines whether Vim/Emacs modelines are read
     */
    public LanguageDetector(LanguageTable table, Map<String, String> overrides, boolean modelines) {
        this.table = table;
        this.overrides = Map.copyOf(overrides);
        this.modelines = modelines;
    }

    /** The detector with the built-in table, no overrides, modelines on. */
    public static LanguageDetector defaults() {
        return new LanguageDetector(LanguageTable.defaults(), Map.of(), true);
    }

    public LanguageTable table() {
        return table;
    }

    /**
     * Detects the language of one file.
     *
     * @param path file path with {@code /} separators (only the part after the last {@code /} is used)
     * @param text decoded text; may start with U+FEFF
     */
    public Detection detect(String path, String text) {
        return run(path, text, null);
    }

    /** Every strategy's finding, in order, then the detection as the last step ({@code result}). */
    public List<Step> trace(String path, String text) {
        List<Step> steps = new ArrayList<>();
        Detection d = run(path, text, steps);
        steps.add(new Step("result", d.evidence() + (d.subtype() == null ? "" : " (" + d.subtype() + ")"), d.language()));
        return steps;
    }

    private Detection run(String path, String text, List<Step> trace) {
        String fileName = fileName(path);
        List<String> exts = table.extensionsOf(fileName);

        for (String e : exts) {
            String o = overrides.get(e);
            if (o != null) {
                note(trace, "override", e, o);
                return found(o, "override", null);
            }
        }
        if (modelines) {
            String ft = Modeline.fileType(text);
            LanguageTable.Language l = ft == null ? null : table.byAlias(ft);
            note(trace, "modeline", ft, l == null ? null : l.name());
            if (l != null) {
                return found(l.name(), "modeline", null);
            }
        }
        LanguageTable.Language byName = table.byFilename(fileName);
        note(trace, "filename", fileName, byName == null ? null : byName.name());
        if (byName != null) {
            return found(byName.name(), "filename", null);
        }
        LanguageTable.Ambiguity ambiguity = null;
        String ambiguousExt = null;
        for (String e : exts) {
            LanguageTable.Language l = table.byExtension(e);
            if (l != null) {
                note(trace, "extension", e, l.name());
                return found(l.name(), "extension", null);
            }
            LanguageTable.Ambiguity a = table.ambiguity(e);
            if (a != null && ambiguity == null) {
                ambiguity = a;
                ambiguousExt = e;
            }
        }
        note(trace, "extension", exts.isEmpty() ? "" : exts.get(exts.size() - 1),
                ambiguity == null ? null : "ambiguous:" + String.join("|", ambiguity.candidates()));
        String interpreter = Shebang.interpreter(text);
        LanguageTable.Language bySheBang = interpreter == null ? null : table.byInterpreter(interpreter);
        note(trace, "shebang", interpreter, bySheBang == null ? null : bySheBang.name());
        if (bySheBang != null && (ambiguity == null || ambiguity.candidates().contains(bySheBang.name()))) {
            return found(bySheBang.name(), "shebang", null);
        }
        if (ambiguity != null) {
            ContentRules.Guess g = ContentRules.decide(ambiguousExt, text);
            if (g == null || g.language() == null || g.rule().endsWith("_default")) {
                ContentRules.Guess d = table.heuristics().decide(ambiguousExt, text,
                        ContentRules.JUDGED.getOrDefault(ambiguousExt, Set.of()));
                if (d != null) {
                    g = d;
                }
            }
            if (g != null) {
                note(trace, "content", g.rule(), g.language());
                if (g.language() != null) {
                    return found(g.language(), "content:" + g.rule(), g.subtype());
                }
            }
            if (ambiguity.fallback() != null) {
                return found(ambiguity.fallback(), "content:" + ambiguousExt.substring(1) + "_default", null);
            }
            if (bySheBang != null) {
                // no rule and no fallback: the interpreter beats unknown (.cgi run by php)
                return found(bySheBang.name(), "shebang", null);
            }
            return new Detection(LanguageTable.UNKNOWN, null, "none", null);
        }
        String head = ContentRules.prefix(text);
        if (XML_START.matcher(head).lookingAt()) {
            note(trace, "content", "xml_declaration", "XML");
            return found("XML", "content:xml_declaration", null);
        }
        if (PHP_START.matcher(head).lookingAt()) {
            note(trace, "content", "php_open_tag", "PHP");
            return found("PHP", "content:php_open_tag", null);
        }
        return new Detection(LanguageTable.UNKNOWN, null, "none", null);
    }

    private Detection found(String language, String evidence, String subtype) {
        return new Detection(language, table.typeOf(language), evidence, subtype);
    }

    private static void note(List<Step> trace, String strategy, String value, String language) {
        if (trace != null) {
            trace.add(new Step(strategy, value == null ? "" : value, language));
        }
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /**
     * Normalises a recipe's {@code overrides} map: keys to lower-case extensions with a dot
     * ({@code inc}, {@code .INC} → {@code .inc}); every value must be a language of the table.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Map<String, String> normaliseOverrides(Map<String, ?> raw, LanguageTable table) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String k = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty extension in overrides");
            }
            if (!k.startsWith(".")) {
                k = "." + k;
            }
            String v = e.getValue() == null ? null : e.getValue().toString();
            if (v == null || table.byName(v) == null) {
                LanguageTable.Language alias = v == null ? null : table.byAlias(v);
                if (alias == null) {
                    throw new IllegalArgumentException("overrides: '" + e.getKey() + "' maps to unknown language '" + v + "'");
                }
                v = alias.name();
            }
            out.put(k, v);
        }
        return out;
    }
}
