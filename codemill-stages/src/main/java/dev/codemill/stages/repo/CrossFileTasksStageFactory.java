package dev.codemill.stages.repo;

import dev.codemill.tokenize.Tokenizers;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/**
 * Recipe type {@code cross_file_tasks}. Parameters:
 * <ul>
 *   <li>{@code max_tasks_per_file} — at most this many target lines per file (default 2; 1..1000);</li>
 *   <li>{@code context_tokens} — budget of the context files (default 4096; 0..10,000,000);</li>
 *   <li>{@code eval_share} — share of repositories, by a hash of the name, in the {@code eval}
 *       split (default 0.1; 0..1);</li>
 *   <li>{@code tokenizer} — {@code cl100k_base} (default) or another tiktoken encoding;</li>
 *   <li>{@code file_sep} — separator sentinel (default StarCoder2's {@code <file_sep>}).</li>
 * </ul>
 * Line draws are seeded by the recipe seed and the file id.
 */
public final class CrossFileTasksStageFactory implements StageFactory {
    @Override
    public String name() {
        return CrossFileTasksStage.NAME;
    }

    @Override
    public String description() {
        return "cross-file completion tasks: lines using a function or type defined in an imported file, with ranked context files";
    }

    @Override
    public Stage create(Params params) {
        long max = params.integer("max_tasks_per_file", CrossFileTasks.DEFAULT_MAX_TASKS_PER_FILE, 1, 1000);
        long ctx = params.integer("context_tokens", CrossFileTasks.DEFAULT_CONTEXT_TOKENS, 0, 10_000_000);
        double eval = params.number("eval_share", CrossFileTasks.DEFAULT_EVAL_SHARE, 0, 1);
        String tok = params.string("tokenizer", Tokenizers.DEFAULT);
        if (!Tokenizers.isKnown(tok)) {
            throw params.error("tokenizer", "must be one of " + Tokenizers.NAMES + " or a path to a tokenizer.json, got '"
                    + tok + "'");
        }
        String fileSep = params.string("file_sep", RepoSampler.DEFAULT_FILE_SEP);
        if (fileSep.isEmpty()) {
            throw new RecipeException("stage 'cross_file_tasks': file_sep must not be empty");
        }
        return new CrossFileTasksStage(new CrossFileTasks(new CrossFileTasks.Options((int) max, ctx, fileSep, tok)),
                eval, params.seed());
    }
}
