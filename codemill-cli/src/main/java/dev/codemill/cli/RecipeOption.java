package dev.codemill.cli;

import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.plan.StageRegistry;
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
     * Builds the recipe's stages and checks their order: at least one stage, and {@code decode}
     * first, since every other stage reads decoded text (without it a stage meets raw bytes and
     * fails mid-run, and the writers would have to turn raw bytes into text, losing any that are
     * not UTF-8).
     *
     * @throws RecipeException when the list is empty or does not start with {@code decode}
     */
    static List<Stage> build(Recipe r) {
        List<Stage> stages = StageRegistry.load().buildAll(r); // unknown types and keys first
        String where = r.name().equals("unnamed") ? "the recipe" : "recipe '" + r.name() + "'";
        if (r.stages().isEmpty()) {
            throw new RecipeException(where + " has no stages (key 'stages' missing or empty); start with {type: decode}");
        }
        if (!r.stages().get(0).type().equals(DECODE)) {
            throw new RecipeException(where + ": stage #1 is '" + r.stages().get(0).type() + "', but the first stage must be '"
                    + DECODE + "' (every other stage reads decoded text)");
        }
        return stages;
    }

    /** Recipe type of the stage that turns bytes into text. */
    static final String DECODE = "decode";
}
