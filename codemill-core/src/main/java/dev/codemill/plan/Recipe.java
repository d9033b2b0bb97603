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
 */
public record Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                     List<StageSpec> stages, OutputSpec output,
                     @JsonInclude(JsonInclude.Include.NON_NULL) MixSpec mix) {
    public Recipe {
        sources = List.copyOf(sources);
        stages = List.copyOf(stages);
    }

    /** A recipe without a {@code mix} section. */
    public Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                  List<StageSpec> stages, OutputSpec output) {
        this(name, seed, sources, ingest, stages, output, null);
    }

    public Recipe withOutput(OutputSpec replaced) {
        return new Recipe(name, seed, sources, ingest, stages, replaced, mix);
    }

    /** The same recipe with {@code replaced} stages (the {@code mix} section kept). */
    public Recipe withStages(List<StageSpec> replaced) {
        return new Recipe(name, seed, sources, ingest, replaced, output, mix);
    }
}
