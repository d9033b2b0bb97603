package dev.codemill.stages.analysis.lang;

import java.util.Locale;

/**
 * The one language registry of the stages: language names are linguist's, from the built-in
 * {@link LanguageTable} (the {@code language} stage's detection table), so every family names a
 * language the way the {@code language} annotation does. Families ask here instead of keeping
 * their own extension tables.
 *
 * <p>Other per-language tables keyed by these names: line syntax for the lexer
 * ({@code analysis.lex.SyntaxTable}), grammars ({@code analysis.syntax.LanguageRules}), filter
 * thresholds ({@code filter.LanguageThresholds}) and the import extraction of the repository
 * stages; {@code LanguagesTest} checks that each names only languages of this registry.
 */
public final class Languages {
    private Languages() {
    }

    /** The built-in table (loaded once). */
    public static LanguageTable table() {
        return LanguageTable.defaults();
    }

    /** Whether {@code name} is a language of the table. */
    public static boolean isKnown(String name) {
        return name != null && table().byName(name) != null;
    }

    /**
     * The language of {@code path} from its extension alone: the language that owns the extension,
     * else, for an extension several languages share, the table's fallback (e.g. {@code .h} → C,
     * {@code .ts} → TypeScript, {@code .rs} → Rust); null when the extension is unknown or the
     * shared extension has no fallback. For documents without a {@code language} annotation
     * (content rules, file names and shebangs need the {@code language} stage).
     */
    public static String byExtension(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String ext = name.substring(dot).toLowerCase(Locale.ROOT);
        LanguageTable t = table();
        LanguageTable.Language l = t.byExtension(ext);
        if (l != null) {
            return l.name();
        }
        LanguageTable.Ambiguity a = t.ambiguity(ext);
        return a == null ? null : a.fallback();
    }
}
