package dev.codemill.stages.tokenize;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/** Recipe type {@code tokens}; parameter {@code tokenizer} (default {@code cl100k_base}). */
public final class TokenCountStageFactory implements StageFactory {
    @Override
    public String name() {
        return TokenCountStage.NAME;
    }

    @Override
    public String description() {
        return "count tokens per document (jtokkit: cl100k_base, o200k_base, p50k_base, r50k_base)";
    }

    @Override
    public Stage create(Params params) {
        String name = params.string("tokenizer", "cl100k_base");
        if (!TokenCountStage.supported().contains(name)) {
            throw RecipeException.unknownKey("stage 'tokens' key 'tokenizer' values", name, TokenCountStage.supported());
        }
        return new TokenCountStage(name);
    }
}
