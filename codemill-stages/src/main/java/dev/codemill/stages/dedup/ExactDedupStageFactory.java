package dev.codemill.stages.dedup;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/** Recipe type {@code exact_dedup}: no parameters. */
public final class ExactDedupStageFactory implements StageFactory {
    @Override
    public String name() {
        return ExactDedupStage.NAME;
    }

    @Override
    public String description() {
        return "drop exact duplicates (same content after dedup normalisation: line endings, whitespace runs, NFC, BOM), keeping one per group";
    }

    @Override
    public Stage create(Params params) {
        return new ExactDedupStage();
    }
}
