package dev.codemill.cli;

import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --recipe FILE} option; without it the built-in default recipe is used. */
final class RecipeOption {
    @Option(names = "--recipe", paramLabel = "FILE", description = "recipe YAML (default: the built-in recipe)")
    Path file;

    Recipe load() {
        return file == null ? RecipeLoader.loadDefault() : RecipeLoader.load(file);
    }
}
