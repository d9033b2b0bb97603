package dev.codemill.plan;

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
 */
public record Recipe(String name, long seed, List<String> sources, IngestOptions ingest,
                     List<StageSpec> stages, OutputSpec output) {
    public Recipe {
        sources = List.copyOf(sources);
        stages = List.copyOf(stages);
    }

    public Recipe withOutput(OutputSpec replaced) {
        return new Recipe(name, seed, sources, ingest, stages, replaced);
    }
}
