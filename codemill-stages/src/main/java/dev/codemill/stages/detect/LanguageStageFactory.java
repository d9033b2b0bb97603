package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.Map;

/**
 * Builds the {@code language} stage ({@link LanguageStage}).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code overrides} (map, default empty): extension → language, e.g. {@code {".inc": "PHP"}};
 *       keys may omit the dot, values are linguist names or aliases. An override beats every
 *       other strategy for files with that extension.</li>
 *   <li>{@code modelines} (boolean, default {@code true}): read Vim/Emacs modelines (linguist does).</li>
 * </ul>
 */
public final class LanguageStageFactory implements StageFactory {
    public static final String NAME = "language";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Sets language, language_evidence, language_type (linguist names) from file name, extension, "
                + "shebang, modeline and content rules; never drops";
    }

    @Override
    public Stage create(Params params) {
        LanguageTable table = LanguageTable.defaults();
        Map<String, Object> raw = params.map("overrides");
        Map<String, String> overrides;
        try {
            overrides = LanguageDetector.normaliseOverrides(raw, table);
        } catch (IllegalArgumentException e) {
            throw params.error("overrides", e.getMessage());
        }
        boolean modelines = params.bool("modelines", true);
        return new LanguageStage(new LanguageDetector(table, overrides, modelines));
    }
}
