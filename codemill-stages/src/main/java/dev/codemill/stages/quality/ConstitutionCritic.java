package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.critique.Critic;
import java.util.List;

/**
 * The built-in constitution's critiques through {@link Critic} (for the {@code revisions} stage of
 * the history family): {@link QualityScorer} with syntax trees, the default parse size limit.
 * A finding's id is {@code PRINCIPLE:KIND}, the kind being the message with digit runs as {@code #}.
 */
public final class ConstitutionCritic implements Critic {
    private final QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);

    @Override
    public List<Finding> critiques(String text, String path, String language) {
        return scorer.score(text, path, language).critiques().stream()
                .map(c -> new Finding(c.principle() + ":" + c.message().replaceAll("\\d+", "#"), c.line(), c.message()))
                .toList();
    }
}
