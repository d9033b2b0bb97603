package dev.codemill.stages.stats;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/**
 * Recipe type {@code stats}: per-file statistics and code/comment/blank line counts
 * ({@link StatsStage}). Takes no parameters; any key given is rejected as unknown.
 */
public final class StatsStageFactory implements StageFactory {
    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String description() {
        return "per-file stats (num_lines, max/avg line length, alphanum fraction) and code/comment/blank line counts";
    }

    @Override
    public Stage create(Params params) {
        return new StatsStage();
    }
}
