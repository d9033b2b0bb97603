package dev.codemill.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A validated recipe: what a run does, as plain data. Built by {@link RecipeLoader}; every
 * key was checked before any data is read.
 *
 * @param name    free text
 * @param seed    the seed all randomness derives from (with the document id)
 * @param sources input paths named in the recipe (the CLI's inputs replace them)
 * @param ingest  reader options
 * @param stages  the stages in order
 * @param output  output options
 * @param mix     the mixture plan's section, or null when the recipe has none (then left out of
 *                the canonical JSON, so recipes without one keep their {@code recipe_sha256})
 * @param branches second chains fed from a point of the main chain, written to {@code OUT/NAME/}
 *                 ({@link BranchSpec}); empty when none (then left out of the canonical JSON)
 */
public record Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                     List<StageSpec> stages, OutputSpec output,
                     @JsonInclude(JsonInclude.Include.NON_NULL) MixSpec mix,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BranchSpec> branches) {
    public Recipe {
        sources = List.copyOf(sources);
        stages = List.copyOf(stages);
        branches = branches == null ? List.of() : List.copyOf(branches);
    }

    /** A recipe without branches. */
    public Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                  List<StageSpec> stages, OutputSpec output, MixSpec mix) {
        this(name, seed, sources, ingest, stages, output, mix, List.of());
    }

    /** A recipe without a {@code mix} section. */
    public Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                  List<StageSpec> stages, OutputSpec output) {
        this(name, seed, sources, ingest, stages, output, null, List.of());
    }

    public Recipe withOutput(OutputSpec replaced) {
        return new Recipe(name, seed, sources, ingest, stages, replaced, mix, branches);
    }

    /** The same recipe with {@code replaced} stages (the {@code mix} section kept). */
    public Recipe withStages(List<StageSpec> replaced) {
        return new Recipe(name, seed, sources, ingest, replaced, output, mix, branches);
    }

    /** The same recipe with {@code replaced} branches. */
    public Recipe withBranches(List<BranchSpec> replaced) {
        return new Recipe(name, seed, sources, ingest, stages, output, mix, replaced);
    }
}
