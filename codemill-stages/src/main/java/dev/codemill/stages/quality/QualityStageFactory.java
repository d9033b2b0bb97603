package dev.codemill.stages.quality;

import dev.codemill.stage.Params;
import dev.codemill.stages.analysis.syntax.ParseBudget;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recipe type {@code quality} ({@link QualityStage}). Parameters:
 * <ul>
 *   <li>{@code constitution}: {@code default} (the built-in {@value Constitution#RESOURCE}) or a
 *       path to a YAML file of the same shape;</li>
 *   <li>{@code drop_below}: drop documents whose score is below this, in [0, 1]; default 0 (keep all);</li>
 *   <li>{@code min_subscores}: {@code {principle_id: minimum}}; default none;</li>
 *   <li>{@code max_critiques}: critiques stored per document, default 50;</li>
 *   <li>{@code parse}: use tree-sitter where a grammar exists, default true;</li>
 *   <li>{@code max_parse_bytes}: larger files are not parsed (scan and text level), default
 *       1,000,000;</li>
 *   <li>{@code max_parse_nodes}: a tree with more nodes is not used (scan and text level),
 *       default 4,000,000;</li>
 *   <li>{@code max_parse_depth}: a tree deeper than this is not used (scan and text level), so
 *       that deeply nested files cost no more per byte than flat ones, default 400
 *       ({@link dev.codemill.stages.analysis.syntax.ParseBudget#DEFAULT});</li>
 *   <li>{@code max_parse_millis}: per-document CPU-time parse budget; a slower parse falls back to
 *       the scan level, default 0 (none: a time budget makes scores depend on machine load).</li>
 * </ul>
 */
public final class QualityStageFactory implements StageFactory {
    @Override
    public String name() {
        return QualityStage.NAME;
    }

    @Override
    public String description() {
        return "scores code against a written constitution (quality_score, quality_tier, quality_<principle>, quality_critiques)";
    }

    @Override
    public Stage create(Params params) {
        String which = params.string("constitution", "default");
        Constitution c = which.equals("default") ? Constitution.builtIn() : Constitution.load(Path.of(which));
        double dropBelow = params.number("drop_below", 0.0, 0.0, 1.0);
        Map<String, Double> mins = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : params.map("min_subscores").entrySet()) {
            if (c.principle(e.getKey()) == null) {
                throw params.error("min_subscores", "names unknown principle '" + e.getKey() + "'; known: "
                        + c.principles().stream().map(Principle::id).toList());
            }
            if (!(e.getValue() instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                throw params.error("min_subscores", "expects a number in [0, 1] for '" + e.getKey() + "', got " + e.getValue());
            }
            mins.put(e.getKey(), n.doubleValue());
        }
        int maxCritiques = (int) params.integer("max_critiques", 50, 0, 100_000);
        boolean parse = params.bool("parse", true);
        long maxParse = params.integer("max_parse_bytes", QualityScorer.DEFAULT_MAX_PARSE_BYTES, 0, Integer.MAX_VALUE);
        ParseBudget d = ParseBudget.DEFAULT;
        long maxNodes = params.integer("max_parse_nodes", d.maxNodes(), 1, 50_000_000);
        long maxDepth = params.integer("max_parse_depth", d.maxDepth(), 1, 1_000_000);
        long maxMillis = params.integer("max_parse_millis", QualityScorer.DEFAULT_MAX_PARSE_MILLIS, 0, 3_600_000);
        ParseBudget budget = new ParseBudget(maxParse, (int) maxNodes, (int) maxDepth);
        return new QualityStage(new QualityScorer(c, parse, budget, maxMillis), dropBelow, mins, maxCritiques);
    }
}
