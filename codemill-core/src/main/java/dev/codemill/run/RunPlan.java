package dev.codemill.run;

import dev.codemill.plan.MixSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.run.mix.MixStage;
import dev.codemill.stage.AggregateStage;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runner is given, once: the built stages (the recipe's {@code stages}, then its
 * aggregate stages such as the {@code mix} section), the output formats, the part size and the
 * spill partitions, and the recipe itself (recorded in manifest.json; null when a caller runs
 * stages without one). Every runner reads all of it from here.
 *
 * @param recipe          the recipe as run (after command-line changes), or null
 * @param stages          built stages in run order; aggregate stages only at the end
 * @param formats         output formats, at least one
 * @param partBytes       content bytes after which a data part rolls over
 * @param spillPartitions hash partitions; 0 chooses by input size ({@link Partitioning#partitions})
 */
public record RunPlan(Recipe recipe, List<Stage> stages, List<OutputFormat> formats, long partBytes,
                      int spillPartitions) {
    public RunPlan {
        stages = List.copyOf(stages);
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        firstAggregate(stages);
    }

    /**
     * The plan of {@code recipe}: {@code built} (its {@code stages}, built and checked by the
     * caller) followed by the aggregate stages of its {@code mix} section ({@link #aggregates(MixSpec, long)}),
     * with the recipe's part size and spill partitions.
     */
    public static RunPlan of(Recipe recipe, List<Stage> built, List<OutputFormat> formats) {
        List<Stage> all = new ArrayList<>(built);
        all.addAll(aggregates(recipe.mix(), recipe.seed()));
        return new RunPlan(recipe, all, formats, recipe.output().partBytes(), recipe.output().spillPartitions());
    }

    /** The stages a recipe's {@code mix} section runs as (none when {@code mix} is null): every runner builds them here. */
    public static List<Stage> aggregates(MixSpec mix, long seed) {
        return mix == null ? List.of() : List.of(new MixStage(mix, seed));
    }

    /** The stages before the aggregates: doc, group and cluster stages in recipe order. */
    public List<Stage> chain() {
        return stages.subList(0, firstAggregate(stages));
    }

    /** The aggregate stages, run over the documents the chain keeps. */
    public List<AggregateStage<?>> aggregateStages() {
        List<AggregateStage<?>> out = new ArrayList<>();
        for (Stage s : stages.subList(firstAggregate(stages), stages.size())) {
            out.add((AggregateStage<?>) s);
        }
        return out;
    }

    /**
     * The index of the first aggregate stage (the size when none).
     *
     * @throws RecipeException when another stage follows an aggregate stage (not supported yet)
     */
    static int firstAggregate(List<Stage> stages) {
        int first = stages.size();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) instanceof AggregateStage<?>) {
                first = Math.min(first, i);
            } else if (first < i) {
                throw new RecipeException("stage #" + (i + 1) + " '" + stages.get(i).name() + "' comes after the aggregate "
                        + "stage '" + stages.get(first).name() + "'; aggregate stages run after every other stage");
            }
        }
        return first;
    }
}
