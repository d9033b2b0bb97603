package dev.codemill.cli;

import dev.codemill.plan.Recipe;
import dev.codemill.stage.Stage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code codemill validate --recipe FILE}: checks a recipe without reading any data. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a recipe: every key of every section and stage, without reading data.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    RecipeOption recipe;

    @Override
    public Integer call() {
        Recipe r = recipe.load();
        List<Stage> stages = RecipeOption.build(r);
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            sb.append(sb.length() == 0 ? "" : " → ").append(s.name());
        }
        for (String w : SentinelCheck.warnings(stages, r.output(), r.output().formats())) {
            System.err.println("codemill: warning: " + w);
        }
        System.out.println("recipe '" + r.name() + "' is valid: " + stages.size() + " stages: " + sb);
        return Main.OK;
    }
}
