package dev.codemill.stages.tokenize;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.tokenize.Tokenizers;

/**
 * Recipe type {@code tokens}; parameter {@code tokenizer} (default {@code cl100k_base}): a name of
 * {@link Tokenizers#NAMES} or a path to a {@code tokenizer.json}, the same names as
 * {@code output.tokenizer}.
 */
public final class TokenCountStageFactory implements StageFactory {
    @Override
    public String name() {
        return TokenCountStage.NAME;
    }

    @Override
    public String description() {
        return "count tokens per document (" + String.join(", ", Tokenizers.NAMES) + " or a tokenizer.json)";
    }

    @Override
    public Stage create(Params params) {
        String name = params.string("tokenizer", Tokenizers.DEFAULT);
        if (!Tokenizers.isKnown(name)) {
            throw params.error("tokenizer", "must be one of " + Tokenizers.NAMES + " or a path to a tokenizer.json, got '"
                    + name + "'");
        }
        return new TokenCountStage(name);
    }
}
