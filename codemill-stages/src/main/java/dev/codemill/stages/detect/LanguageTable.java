package dev.codemill.stages.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The language table: names, linguist types, extensions, file names, shebang interpreters and
 * modeline/notebook aliases, loaded from the data files
 * {@code codemill/languages/languages.tsv} and {@code codemill/languages/ambiguous.tsv} on the
 * class path (tables are data, not code). Names and types follow GitHub linguist's
 * {@code languages.yml}.
 *
 * <p>Every lookup is a {@link HashMap} get. Extensions are matched lower-case and with their
 * dot ({@code .py}); file names exactly ({@code Makefile}); interpreters and aliases
 * lower-case. An extension listed under several languages must be declared in
 * {@code ambiguous.tsv} with exactly those candidates, otherwise loading fails; the same
 * holds for file names, interpreters and aliases, which must be unique.
 *
 * <p>Immutable and thread-safe. {@link #defaults()} is loaded once per class loader.
 */
public final class LanguageTable {
    /** linguist's four language types. */
    public static final Set<String> TYPES = Set.of("programming", "markup", "data", "prose");

    /** Language name used when nothing identifies a file. */
    public static final String UNKNOWN = "unknown";

    /**
     * One row of {@code languages.tsv}.
     *
     * @param name         linguist name, e.g. {@code C++}
     * @param type         {@code programming}, {@code markup}, {@code data} or {@code prose}
     * @param extensions   lower-case extensions with the dot
     * @param filenames    exact file names
     * @param interpreters shebang interpreter names, lower-case, without version
     * @param aliases      lower-case alternative names (Vim {@code ft}, Emacs modes, kernel languages)
     */
    public record Language(String name, String type, List<String> extensions, List<String> filenames,
                           List<String> interpreters, List<String> aliases) {
    }

    /**
     * One row of {@code ambiguous.tsv}.
     *
     * @param extension  the shared extension
     * @param candidates the languages that list it, in the order their rules run
     * @param fallback   language when no rule matches, or null for {@link #UNKNOWN}
     */
    public record Ambiguity(String extension, List<String> candidates, String fallback) {
    }

    private static volatile LanguageTable defaults;

    private final Map<String, Language> byName;
    private final Map<String, Language> byExtension;
    private final Map<String, Ambiguity> ambiguous;
    private final Map<String, Language> byFilename;
    private final Map<String, Language> byInterpreter;
    private final Map<String, Language> byAlias;
    private final int longestExtensionDots;

    private LanguageTable(List<Language> languages, List<Ambiguity> ambiguities) {
        Map<String, Language> names = new LinkedHashMap<>();
        Map<String, List<String>> extOwners = new HashMap<>();
        Map<String, Language> files = new HashMap<>();
        Map<String, Language> interps = new HashMap<>();
        Map<String, Language> aliasMap = new HashMap<>();
        int dots = 1;
        for (Language l : languages) {
            if (names.put(l.name(), l) != null) {
                throw new IllegalStateException("language listed twice: " + l.name());
            }
            for (String e : l.extensions()) {
                extOwners.computeIfAbsent(e, k -> new ArrayList<>()).add(l.name());
                dots = Math.max(dots, (int) e.chars().filter(c -> c == '.').count());
            }
            putUnique(files, l.filenames(), l, "file name");
            putUnique(interps, l.interpreters(), l, "interpreter");
            putUnique(aliasMap, l.aliases(), l, "alias");
        }
        // a language's own name, lower-cased, is an alias too (unless another row claims it)
        for (Language l : languages) {
            aliasMap.putIfAbsent(l.name().toLowerCase(Locale.ROOT), l);
        }
        Map<String, Ambiguity> amb = new HashMap<>();
        for (Ambiguity a : ambiguities) {
            if (amb.put(a.extension(), a) != null) {
                throw new IllegalStateException("ambiguous extension listed twice: " + a.extension());
            }
            for (String c : a.candidates()) {
                if (!names.containsKey(c)) {
                    throw new IllegalStateException("ambiguous " + a.extension() + ": unknown candidate " + c);
                }
            }
            if (a.fallback() != null && !a.candidates().contains(a.fallback())) {
                throw new IllegalStateException("ambiguous " + a.extension() + ": fallback " + a.fallback() + " is not a candidate");
            }
        }
        Map<String, Language> exts = new HashMap<>();
        for (Map.Entry<String, List<String>> e : extOwners.entrySet()) {
            List<String> owners = e.getValue();
            Ambiguity a = amb.get(e.getKey());
            if (owners.size() == 1 && a == null) {
                exts.put(e.getKey(), names.get(owners.get(0)));
            } else if (a == null) {
                throw new IllegalStateException("extension " + e.getKey() + " is listed by " + owners
                        + " but not declared in ambiguous.tsv");
            } else if (!new TreeSet<>(owners).equals(new TreeSet<>(a.candidates()))) {
                throw new IllegalStateException("extension " + e.getKey() + " is listed by " + owners
                        + " but ambiguous.tsv names " + a.candidates());
            }
        }
        for (Ambiguity a : ambiguities) {
            if (!extOwners.containsKey(a.extension())) {
                throw new IllegalStateException("ambiguous extension " + a.extension() + " is listed by no language");
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byExtension = exts;
        this.ambiguous = amb;
        this.byFilename = files;
        this.byInterpreter = interps;
        this.byAlias = aliasMap;
        this.longestExtensionDots = dots;
    }

    private static void putUnique(Map<String, Language> map, List<String> keys, Language l, String what) {
        for (String k : keys) {
            Language prev = map.put(k, l);
            if (prev != null && prev != l) {
                throw new IllegalStateException(what + " " + k + " is listed by both " + prev.name() + " and " + l.name());
            }
        }
    }

    /** The built-in table from the class path; loaded once. */
    public static LanguageTable defaults() {
        LanguageTable t = defaults;
        if (t == null) {
            synchronized (LanguageTable.class) {
                t = defaults;
                if (t == null) {
                    t = load("codemill/languages/languages.tsv", "codemill/languages/ambiguous.tsv");
                    defaults = t;
                }
            }
        }
        return t;
    }

    private static LanguageTable load(String languagesResource, String ambiguousResource) {
        ClassLoader cl = LanguageTable.class.getClassLoader();
        try (InputStream l = cl.getResourceAsStream(languagesResource);
             InputStream a = cl.getResourceAsStream(ambiguousResource)) {
            if (l == null || a == null) {
                throw new IllegalStateException("language tables missing from the class path: " + languagesResource
                        + ", " + ambiguousResource);
            }
            return parse(new InputStreamReader(l, StandardCharsets.UTF_8), new InputStreamReader(a, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the two tables (format: see the header comments of the resource files).
     *
     * @throws IllegalStateException on a malformed row, an unknown type, or a duplicate
     *                               extension / file name / interpreter / alias that is not declared
     */
    public static LanguageTable parse(Reader languagesTsv, Reader ambiguousTsv) throws IOException {
        List<Language> langs = new ArrayList<>();
        for (String[] f : rows(languagesTsv, 6, "name")) {
            String type = f[1];
            if (!TYPES.contains(type)) {
                throw new IllegalStateException("language " + f[0] + ": unknown type " + type);
            }
            List<String> exts = list(f[2]);
            for (String e : exts) {
                if (!e.startsWith(".") || !e.equals(e.toLowerCase(Locale.ROOT))) {
                    throw new IllegalStateException("language " + f[0] + ": extension must be lower-case with a dot: " + e);
                }
            }
            langs.add(new Language(f[0], type, exts, list(f[3]), lower(list(f[4])), lower(list(f[5]))));
        }
        List<Ambiguity> amb = new ArrayList<>();
        for (String[] f : rows(ambiguousTsv, 3, "extension")) {
            amb.add(new Ambiguity(f[0], List.of(f[1].split(";")), "-".equals(f[2]) ? null : f[2]));
        }
        return new LanguageTable(langs, amb);
    }

    private static List<String[]> rows(Reader reader, int columns, String headerFirst) throws IOException {
        List<String[]> out = new ArrayList<>();
        BufferedReader br = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = br.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != columns) {
                throw new IllegalStateException("line " + n + ": expected " + columns + " tab-separated columns, got "
                        + f.length + ": " + line);
            }
            if (f[0].equals(headerFirst)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static List<String> list(String field) {
        String t = field.trim();
        if (t.isEmpty() || "-".equals(t)) {
            return List.of();
        }
        return List.copyOf(Arrays.asList(t.split(" +")));
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** All languages in table order. */
    public Map<String, Language> languages() {
        return byName;
    }

    /** The language of that name, or null. */
    public Language byName(String name) {
        return byName.get(name);
    }

    /** The linguist type of a language, or null when the name is not in the table. */
    public String typeOf(String name) {
        Language l = byName.get(name);
        return l == null ? null : l.type();
    }

    /** The language whose file-name list holds exactly {@code fileName}, or null. */
    public Language byFilename(String fileName) {
        return byFilename.get(fileName);
    }

    /** The unambiguous language of a lower-case extension with its dot, or null. */
    public Language byExtension(String extension) {
        return byExtension.get(extension);
    }

    /** The ambiguity entry of a lower-case extension, or null when the extension is not shared. */
    public Ambiguity ambiguity(String extension) {
        return ambiguous.get(extension);
    }

    /** All ambiguous extensions, by extension. */
    public Map<String, Ambiguity> ambiguities() {
        return Collections.unmodifiableMap(ambiguous);
    }

    /**
     * The extensions of a file name to try, longest first, lower-case: {@code a.Cmake.in} gives
     * {@code [.cmake.in, .in]}. A leading dot does not start an extension ({@code .bashrc} has none).
     */
    public List<String> extensionsOf(String fileName) {
        List<String> out = new ArrayList<>(2);
        String lower = fileName.toLowerCase(Locale.ROOT);
        int end = lower.length();
        int dots = 0;
        int pos = lower.lastIndexOf('.');
        List<String> shortestFirst = new ArrayList<>(2);
        while (pos > 0 && dots < longestExtensionDots) {
            shortestFirst.add(lower.substring(pos, end));
            dots++;
            pos = lower.lastIndexOf('.', pos - 1);
        }
        for (int i = shortestFirst.size() - 1; i >= 0; i--) {
            out.add(shortestFirst.get(i));
        }
        return out;
    }

    /**
     * The language of a shebang interpreter ({@code python3.11}, {@code Rscript}, {@code node}):
     * the exact name lower-cased, then the name without a trailing version
     * ({@code python3.11} → {@code python3} → {@code python}). Null when none matches.
     */
    public Language byInterpreter(String interpreter) {
        return stripVersions(interpreter, byInterpreter);
    }

    /**
     * The language of an alias (Vim {@code ft=cpp}, Emacs {@code mode: c++}, notebook kernel
     * language {@code python}), lower-cased, then without a trailing version
     * ({@code c++17} → {@code c++}, {@code julia-1.9} → {@code julia}). Null when none matches.
     */
    public Language byAlias(String alias) {
        return stripVersions(alias, byAlias);
    }

    private static final java.util.regex.Pattern SEPARATED_VERSION = java.util.regex.Pattern.compile("(.+?)[.\\-]\\d+");
    private static final java.util.regex.Pattern TRAILING_DIGITS = java.util.regex.Pattern.compile("(.*\\D)\\d+");

    private static Language stripVersions(String name, Map<String, Language> map) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String k = name.toLowerCase(Locale.ROOT);
        while (true) {
            Language l = map.get(k);
            if (l != null) {
                return l;
            }
            java.util.regex.Matcher m = SEPARATED_VERSION.matcher(k);
            if (m.matches()) {
                k = m.group(1);            // python3.11 -> python3, julia-1.9 -> julia-1 -> julia
                continue;
            }
            m = TRAILING_DIGITS.matcher(k);
            if (m.matches()) {
                k = m.group(1);            // python3 -> python, c++17 -> c++
                continue;
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return "LanguageTable[" + byName.size() + " languages, " + byExtension.size() + " extensions, "
                + ambiguous.size() + " ambiguous]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LanguageTable t && t.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byName.keySet());
    }
}
