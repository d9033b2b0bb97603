package dev.codemill.run.mix;

import dev.codemill.model.Document;
import dev.codemill.plan.MixSpec;
import dev.codemill.stage.AggregateStage;
import java.util.Map;

/**
 * The recipe's {@code mix} section as an {@link AggregateStage}: the summary is a
 * {@link MixTally} of the kept documents (group, draw, weight, {@code num_tokens}), the decision
 * the solved {@link MixturePlan} (copies of each document in the token outputs, reported as
 * {@code mixture} in stats.json and manifest.json). Rules: {@link MixturePlanner},
 * {@code docs/mixture.md}.
 */
public final class MixStage implements AggregateStage<MixTally> {
    /** The stage's name in stats and errors (the recipe section it comes from). */
    public static final String NAME = "mix";

    private final MixSpec spec;
    private final long seed;

    public MixStage(MixSpec spec, long seed) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MixTally zero() {
        return new MixTally(spec, seed);
    }

    @Override
    public MixTally add(MixTally summary, Document doc) {
        summary.add(doc);
        return summary;
    }

    @Override
    public MixTally merge(MixTally a, MixTally b) {
        return a.merge(b);
    }

    @Override
    public byte[] encode(MixTally summary) {
        return summary.encode();
    }

    @Override
    public MixTally decode(byte[] bytes) {
        return MixTally.decode(spec, seed, bytes);
    }

    @Override
    public Decision finish(MixTally merged) {
        MixturePlan plan = MixturePlanner.plan(merged);
        int max = plan.groups().stream().mapToInt(MixturePlan.GroupPlan::epochs).max().orElse(1);
        return new Decision() {
            @Override
            public int copies(Document doc) {
                return plan.copies(doc);
            }

            @Override
            public int maxCopies() {
                return max;
            }

            @Override
            public String reportKey() {
                return "mixture";
            }

            @Override
            public Map<String, Object> report() {
                return plan.toMap();
            }
        };
    }
}
