package dev.codemill.cli;

import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.plan.PlanValidator;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The shared {@code --recipe FILE} option; without it the built-in default recipe is used. */
final class RecipeOption {
    @Option(names = "--recipe", paramLabel = "FILE", description = "recipe YAML (default: the built-in recipe)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "change one recipe key (repeatable): a section key (seed=7, output.formats=[parquet]) "
                    + "or a stage's key by its type (near_dedup.threshold=0.8; TYPE#N for the N-th such stage)")
    List<String> overrides = new ArrayList<>();

    Recipe load() {
        return file == null ? RecipeLoader.loadDefault(overrides) : RecipeLoader.load(file, overrides);
    }

    /**
     * Checks the recipe's plan ({@link PlanValidator}: stage types and keys, {@code decode} first,
     * the order rule) and builds its stages without reading any data: what {@code validate} and
     * {@code recipe} do.
     *
     * @throws RecipeException naming the first wrong key by its path
     */
    static List<Stage> build(Recipe r) {
        return PlanValidator.standard().validate(r);
    }

    /**
     * {@link #build} and then each stage's {@link Stage#loadData() data} (benchmark files): what
     * {@code run} and {@code explain} do before any document, so that a bad data file stops them
     * before any work.
     */
    static List<Stage> buildAndLoad(Recipe r) {
        List<Stage> stages = build(r);
        stages.forEach(Stage::loadData);
        return stages;
    }
}
