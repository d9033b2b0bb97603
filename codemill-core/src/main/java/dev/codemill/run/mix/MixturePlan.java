package dev.codemill.run.mix;

import dev.codemill.model.Document;
import dev.codemill.plan.MixSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solved mixture: a sampling rate per group, and per group what was measured, asked for and
 * achieved. {@link #copies(Document)} says how many times a document goes to the token outputs;
 * it depends only on the plan, the seed and the document, so every runner chooses the same.
 *
 * @param spec     the recipe's {@code mix} section
 * @param seed     the recipe seed
 * @param rates    group → rate r (0 for excluded groups)
 * @param groups   per group, in name order (targeted groups that no document has included)
 * @param achievedTokens   Σ over documents of num_tokens × copies
 * @param unallocatedTokens budget no group could take (every group at its cap), ≥ 0
 */
public record MixturePlan(MixSpec spec, long seed, Map<String, Double> rates, List<GroupPlan> groups,
                          long achievedTokens, long unallocatedTokens) {

    /**
     * One group's line of the plan.
     *
     * @param group           the {@code by} value
     * @param pool            {@code target} (listed in targets), {@code rest} (shares the rest) or {@code excluded}
     * @param documents       kept documents in the group
     * @param availableTokens their num_tokens
     * @param targetShare     asked share of the budget (a rest group: the rest's share × its part of the rest's tokens)
     * @param targetTokens    targetShare × total_tokens
     * @param plannedTokens   target after redistributing infeasible targets' shortfall
     * @param rate            the solved rate r: a document of weight w gets ceil(r·w − u) copies (0..max_epochs)
     * @param epochs          the most copies any document of the group got
     * @param achievedDocuments Σ copies
     * @param achievedTokens  Σ num_tokens × copies
     * @param achievedShare   achievedTokens / all achieved tokens
     * @param infeasible      why the target could not be met, or null
     */
    public record GroupPlan(String group, String pool, long documents, long availableTokens, double targetShare,
                            long targetTokens, long plannedTokens, double rate, int epochs, long achievedDocuments,
                            long achievedTokens, double achievedShare, String infeasible) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("pool", pool);
            m.put("documents", documents);
            m.put("available_tokens", availableTokens);
            m.put("target_share", round(targetShare));
            m.put("target_tokens", targetTokens);
            m.put("planned_tokens", plannedTokens);
            m.put("rate", round(rate));
            m.put("epochs", epochs);
            m.put("achieved_documents", achievedDocuments);
            m.put("achieved_tokens", achievedTokens);
            m.put("achieved_share", round(achievedShare));
            m.put("infeasible", infeasible);
            return m;
        }
    }

    /** Copies of {@code d} in the token outputs: 0 (not chosen) to max_epochs. */
    public int copies(Document d) {
        Double r = rates.get(MixTally.groupOf(d, spec.by()));
        if (r == null || r == 0) {
            return 0;
        }
        return copies(r, MixTally.weight(d, spec), MixTally.draw(seed, d.id().value()), spec.maxEpochs());
    }

    /**
     * {@code min(maxEpochs, max(0, ceil(r·w − u)))}: floor(r·w) copies plus one more when
     * u &lt; frac(r·w) (a Bernoulli draw on the fraction), so r·w &lt; 1 keeps the document when
     * u &lt; r·w. Non-decreasing in r, which the planner's search relies on.
     */
    static int copies(double r, double w, double u, int maxEpochs) {
        if (!(w > 0)) {
            return 0;
        }
        double c = Math.ceil(r * w - u);
        return c <= 0 ? 0 : (int) Math.min(maxEpochs, c);
    }

    /** The plan as written to manifest.json's and stats.json's {@code mixture}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", spec.by());
        m.put("total_tokens", spec.totalTokens());
        m.put("max_epochs", spec.maxEpochs());
        m.put("seed", seed);
        m.put("token_unit", "num_tokens of the tokens stage, EOS not counted");
        m.put("achieved_tokens", achievedTokens);
        m.put("unallocated_tokens", unallocatedTokens);
        m.put("infeasible", groups.stream().filter(g -> g.infeasible() != null).map(GroupPlan::group).toList());
        m.put("groups", groups.stream().map(GroupPlan::toMap).toList());
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
