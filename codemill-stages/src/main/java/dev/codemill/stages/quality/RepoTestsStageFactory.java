package dev.codemill.stages.quality;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/** Recipe type {@code repo_tests}: no parameters; see {@link RepoTestsStage}. */
public final class RepoTestsStageFactory implements StageFactory {
    @Override
    public String name() {
        return RepoTestsStage.NAME;
    }

    @Override
    public String description() {
        return "annotate repo_has_tests and tested_by (a test of the same repository covering the file) per repository";
    }

    @Override
    public Stage create(Params p) {
        return new RepoTestsStage();
    }
}
