package dev.codemill.run;

import dev.codemill.plan.BranchSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.PlanValidator;
import dev.codemill.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * A branch of a recipe ready to run: its spec, the main-chain position that feeds it and its
 * built stages.
 *
 * @param spec      the recipe entry
 * @param fromIndex 0-based position of the main-chain stage whose output feeds the branch, or -1
 *                  for the end of the main chain (the documents it keeps)
 * @param stages    the branch's built stages, in order
 */
public record BranchPlan(BranchSpec spec, int fromIndex, List<Stage> stages) {
    public BranchPlan {
        stages = List.copyOf(stages);
    }

    /** The branches of {@code recipe}, in recipe order, their stages built and checked by {@code validator}. */
    public static List<BranchPlan> of(Recipe recipe, PlanValidator validator) {
        List<BranchPlan> out = new ArrayList<>();
        PlanValidator.Chain main = validator.mainChain(recipe);
        for (BranchSpec b : recipe.branches()) {
            out.add(new BranchPlan(b, b.fromIndex(recipe.stages()), validator.branch(recipe, b, main).stages()));
        }
        return out;
    }

    public String name() {
        return spec.name();
    }
}
