package dev.codemill.stages.quality;

import java.util.List;
import java.util.Map;

/**
 * A file's scored quality.
 *
 * @param score     weighted mean of the applicable sub-scores, in [0, 1]
 * @param tier      A–D by the constitution's cut points
 * @param parsed    whether a syntax tree was used
 * @param results   principle id → result, in constitution order
 * @param critiques all critiques, sorted by line, column, principle (not capped)
 * @param parseDetail why there is no tree ({@code "parse: false"}, {@code "no grammar for X"},
 *                  {@code "over the parse budget: 812 levels deep > max depth 400"}), empty when parsed
 */
public record QualityReport(double score, String tier, boolean parsed, Map<String, CheckResult> results,
                            List<Critique> critiques, String parseDetail) {
}
