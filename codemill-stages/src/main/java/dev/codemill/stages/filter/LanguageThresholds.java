package dev.codemill.stages.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Thresholds per language: the built-in table {@value #RESOURCE} merged with a recipe's
 * top-level keys and its {@code overrides:} mapping.
 *
 * <p>Precedence, lowest first: {@link FilterThresholds#DEFAULTS} &lt; the built-in table &lt; keys
 * given at the top level of the recipe stage &lt; the recipe's {@code overrides} for the language.
 * Language names are matched case-insensitively ({@link Locale#ROOT} lower case). The size rule
 * ({@code min_chars}/{@code max_chars}) applies to languages of linguist type {@code data} and to
 * any language whose built-in entry or recipe override names one of the two keys.
 */
public final class LanguageThresholds {
    /** Classpath resource of built-in per-language thresholds. */
    public static final String RESOURCE = "codemill/filters/language-thresholds.yaml";

    private final FilterThresholds base;
    private final Map<String, FilterThresholds> byLanguage;

    private LanguageThresholds(FilterThresholds base, Map<String, FilterThresholds> byLanguage) {
        this.base = base;
        this.byLanguage = byLanguage;
    }

    /**
     * Reads the top-level threshold keys and {@code overrides} from {@code params}.
     *
     * @throws RecipeException for a wrong type or range (naming the key) and for an unknown key
     *                         in an override (naming the key and the language)
     */
    public static LanguageThresholds from(Params params) {
        Map<String, Object> topLevel = new LinkedHashMap<>();
        for (String key : FilterThresholds.KEYS) {
            if (params.has(key)) {
                topLevel.put(key, params.raw(key));
            }
        }
        FilterThresholds base = FilterThresholds.DEFAULTS.readFrom(params);
        Map<String, Object> recipeOverrides = params.map("overrides");
        Map<String, Map<String, Object>> builtIn = builtInTable();

        // lower-case language -> (built-in entry, recipe entry)
        Map<String, Map<String, Object>> builtInByKey = new TreeMap<>();
        builtIn.forEach((lang, m) -> builtInByKey.computeIfAbsent(lang.toLowerCase(Locale.ROOT), x -> new LinkedHashMap<>()).putAll(m));
        Map<String, Map<String, Object>> recipeByKey = new TreeMap<>();
        for (Map.Entry<String, Object> e : recipeOverrides.entrySet()) {
            String lang = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> raw)) {
                throw params.error("overrides", "for language '" + lang + "' expects a mapping, got " + e.getValue());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            // validated on its own so that the error names the recipe's key and language
            Params p = new Params(params.stage() + "' overrides.'" + lang, m, params.seed());
            FilterThresholds.DEFAULTS.readFrom(p);
            p.rejectUnknown();
            recipeByKey.computeIfAbsent(lang.toLowerCase(Locale.ROOT), x -> new LinkedHashMap<>()).putAll(m);
        }
        TreeMap<String, Boolean> languages = new TreeMap<>();
        builtInByKey.keySet().forEach(k -> languages.put(k, true));
        recipeByKey.keySet().forEach(k -> languages.put(k, true));
        Map<String, FilterThresholds> byLanguage = new TreeMap<>();
        for (String k : languages.keySet()) {
            Map<String, Object> own = builtInByKey.getOrDefault(k, Map.of());
            Map<String, Object> recipe = recipeByKey.getOrDefault(k, Map.of());
            Map<String, Object> all = new LinkedHashMap<>(own);
            all.putAll(topLevel);
            all.putAll(recipe);
            Params p = new Params(params.stage() + "' overrides.'" + k, all, params.seed());
            byLanguage.put(k, FilterThresholds.DEFAULTS.readFrom(p).withSizeRule(namesSize(own) || namesSize(recipe)));
        }
        return new LanguageThresholds(base, Map.copyOf(byLanguage));
    }

    private static boolean namesSize(Map<String, Object> m) {
        return m.containsKey(FilterThresholds.MIN_CHARS) || m.containsKey(FilterThresholds.MAX_CHARS);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> builtInTable() {
        try (InputStream in = LanguageThresholds.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            Map<String, Map<String, Object>> table = (Map<String, Map<String, Object>>) root.get("languages");
            for (Map.Entry<String, Map<String, Object>> e : table.entrySet()) {
                Params p = new Params("resource " + RESOURCE + "' language '" + e.getKey(), e.getValue(), 0L);
                FilterThresholds.DEFAULTS.readFrom(p);
                p.rejectUnknown();
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The thresholds for a document.
     *
     * @param language     linguist language name, or null when unknown
     * @param languageType linguist type ({@code programming}, {@code markup}, {@code data}, {@code prose}), or null
     */
    public FilterThresholds forLanguage(String language, String languageType) {
        FilterThresholds t = language == null ? base : byLanguage.getOrDefault(language.toLowerCase(Locale.ROOT), base);
        if ("data".equals(languageType) && !t.sizeRule()) {
            t = t.withSizeRule(true);
        }
        return t;
    }

    /** The thresholds for documents whose language has no entry. */
    public FilterThresholds base() {
        return base;
    }
}
