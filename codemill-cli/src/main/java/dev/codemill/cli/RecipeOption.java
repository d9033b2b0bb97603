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

    /** {@link #load()} with the branches of {@code flags} added ({@link BranchFlags}) before the recipe is checked. */
    Recipe load(BranchFlags flags) throws java.io.IOException {
        if (flags == null || !flags.any()) {
            return load();
        }
        String where = file == null ? "built-in default recipe" : file.toString();
        java.util.Map<String, Object> tree = tree(where);
        flags.addTo(tree);
        return RecipeLoader.fromTree(tree, where);
    }

    /** The recipe's tree (file or built-in default) with the {@code --set} changes applied, unchecked. */
    java.util.Map<String, Object> tree(String where) throws java.io.IOException {
        java.util.Map<String, Object> tree;
        if (file == null) {
            try (java.io.InputStream in = RecipeOption.class.getClassLoader().getResourceAsStream(RecipeLoader.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in recipe " + RecipeLoader.DEFAULT_RESOURCE + " is missing");
                }
                tree = RecipeLoader.tree(in, where);
            }
        } else {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                tree = RecipeLoader.tree(in, where);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new RecipeException("recipe file not found: " + file);
            }
        }
        dev.codemill.plan.RecipeOverrides.apply(tree, overrides);
        return tree;
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
