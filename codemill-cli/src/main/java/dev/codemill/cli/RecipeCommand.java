package dev.codemill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.codemill.plan.RecipeLoader;
import dev.codemill.plan.RecipeOverrides;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code codemill recipe [NAME]}: prints a built-in recipe as written (with its comments), so a
 * user can start a recipe file from it; with {@code --recipe FILE} and/or {@code --set}, prints
 * the recipe after those changes (as YAML, comments dropped), once it has been checked like
 * {@code validate} does.
 */
@Command(name = "recipe", mixinStandardHelpOptions = true,
        description = "Print the built-in recipe (or the recipe after --recipe/--set changes) as YAML.")
final class RecipeCommand implements Callable<Integer> {
    /** Built-in recipes by name. */
    static final Map<String, String> BUILT_IN = Map.of("default", RecipeLoader.DEFAULT_RESOURCE);

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "built-in recipe: default")
    String name;

    @Mixin
    RecipeOption recipe;

    @Mixin
    BranchFlags branchFlags;

    @Override
    public Integer call() throws IOException {
        if (name != null && recipe.file != null) {
            throw new ExitCodes.UsageException("give a built-in recipe NAME or --recipe FILE, not both");
        }
        if (name != null && !BUILT_IN.containsKey(name)) {
            throw new ExitCodes.UsageException("no built-in recipe '" + name + "'; built-in: " + BUILT_IN.keySet());
        }
        byte[] text = recipe.file != null ? Files.readAllBytes(recipe.file) : builtIn(name == null ? "default" : name);
        if (recipe.overrides.isEmpty() && recipe.file == null && !branchFlags.any()) {
            System.out.print(new String(text, StandardCharsets.UTF_8));
            return Main.OK;
        }
        String where = recipe.file != null ? recipe.file.toString() : "built-in recipe '" + name + "'";
        Map<String, Object> tree = RecipeLoader.tree(new ByteArrayInputStream(text), where);
        RecipeOverrides.apply(tree, recipe.overrides);
        branchFlags.addTo(tree);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        String out = yaml.writeValueAsString(tree);
        RecipeOption.build(RecipeLoader.parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)), where,
                List.of()));
        System.out.print(out);
        return Main.OK;
    }

    private static byte[] builtIn(String name) throws IOException {
        try (InputStream in = RecipeCommand.class.getClassLoader().getResourceAsStream(BUILT_IN.get(name))) {
            if (in == null) {
                throw new IllegalStateException("built-in recipe " + BUILT_IN.get(name) + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}
