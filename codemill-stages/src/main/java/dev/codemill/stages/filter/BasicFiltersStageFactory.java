package dev.codemill.stages.filter;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.GeneratedDetector;

/**
 * Builds {@link BasicFiltersStage}, recipe type {@code basic_filters}.
 *
 * <p>Parameters (defaults in brackets):
 * <ul>
 *   <li>{@code max_line_length} [1000] — longest line in code points (Codex; StarCoder, Li et al. 2023, §3);</li>
 *   <li>{@code avg_line_length} [100] — mean line length in code points, measured outside long
 *       literals and blobs (Codex; StarCoder §3);</li>
 *   <li>{@code alphanum_fraction} [0.25] — minimum share of Unicode letters/digits per code point (StarCoder §3);</li>
 *   <li>{@code min_comment_fraction} [0 = off], {@code max_comment_fraction} [1 = off] — BigCode's
 *       comment ratio: comment code points ({@code comment_chars} from the {@code stats} stage,
 *       markers and Python docstrings included) / all code points of the text; only for
 *       programming languages the stats stage lexes exactly. SantaCoder (Allal et al. 2023;
 *       bigcode-dataset preprocessing README) used 0.01 and 0.8 for Python, Java and JavaScript; on
 *       real code (CPython, JDK 25, npm) 0.01 drops 11–22 % of comment-free Python/JS files and 0.8
 *       drops 42 % of JDK files, so the rule is off here and the built-in default recipe sets
 *       measured per-language limits;</li>
 *   <li>{@code min_chars} [100], {@code max_chars} [5000] — size in code points of data files
 *       (StarCoder §3, JSON and YAML);</li>
 *   <li>{@code minified} [true], {@code generated} [true] — switch those rules;</li>
 *   <li>{@code max_base64_fraction} [1.0 = off] — rule {@code base64_blob};</li>
 *   <li>{@code overrides} [{}] — language → any of the keys above, merged over the built-in table
 *       {@value LanguageThresholds#RESOURCE}; an unknown key is a
 *       {@link dev.codemill.stage.RecipeException} naming the key and the language.</li>
 * </ul>
 */
public final class BasicFiltersStageFactory implements StageFactory {
    @Override
    public String name() {
        return BasicFiltersStage.NAME;
    }

    @Override
    public String description() {
        return "StarCoder-style heuristic filters: generated, minified, line length, alphanumeric fraction,"
                + " data-file size, comment ratio; per-language overrides";
    }

    @Override
    public Stage create(Params params) {
        return new BasicFiltersStage(LanguageThresholds.from(params), GeneratedDetector.builtIn());
    }
}
