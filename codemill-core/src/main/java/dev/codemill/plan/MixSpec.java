package dev.codemill.plan;

import java.util.List;
import java.util.Map;

/**
 * The recipe's {@code mix} section: a token budget split into target shares of one grouping key.
 * The plan is made by {@code dev.codemill.mix.MixturePlanner} from the {@code num_tokens}
 * annotations of the kept documents (the {@code tokens} stage must run); layout and rules in
 * {@code docs/mixture.md}.
 *
 * @param totalTokens the budget in tokens of the {@code tokens} stage (EOS not counted), &gt; 0
 * @param by          the grouping key: an annotation name ({@code language}, {@code quality_tier},
 *                    {@code license_type}, …) or {@code repo_name} (the document's repository);
 *                    a document without the annotation is in group {@code unknown}
 * @param targets     group → share of {@code totalTokens}, each in (0, 1], together ≤ 1; groups not
 *                    listed share the rest in proportion to their tokens
 * @param exclude     groups that get no tokens at all (never listed in {@code targets})
 * @param weights     annotation name → value → multiplier ≥ 0 of a document's sampling rate
 *                    within its group (several annotations multiply; 0 excludes the document);
 *                    e.g. {@code {quality_tier: {A: 2.0, D: 0}}}
 * @param maxEpochs   the most copies of one document in the token output, ≥ 1 (default 4:
 *                    Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", found up
 *                    to 4 epochs of repeated data nearly as good as unique data)
 */
public record MixSpec(long totalTokens, String by, Map<String, Double> targets, List<String> exclude,
                      Map<String, Map<String, Double>> weights, int maxEpochs) {
    /** Default {@code max_epochs}. */
    public static final int DEFAULT_MAX_EPOCHS = 4;
    /** Default {@code by}. */
    public static final String DEFAULT_BY = "language";

    public MixSpec {
        targets = Map.copyOf(targets);
        exclude = List.copyOf(exclude);
        weights = Map.copyOf(weights);
    }
}
