package dev.codemill.stages.repo;

import dev.codemill.tokenize.Tokenizers;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.fim.FimTransform;

/**
 * Recipe type {@code repo_samples}. Parameters:
 * <ul>
 *   <li>{@code context_tokens} — token budget per sample (default 8192; 1024..10,000,000);</li>
 *   <li>{@code order} — {@code dependency} (default, DeepSeek-Coder), {@code path} or
 *       {@code random} (seeded by the recipe seed and the repository name);</li>
 *   <li>{@code packing} — {@code graph} (default: import-graph components, split by directory)
 *       or {@code sequential};</li>
 *   <li>{@code tokenizer} — {@code cl100k_base} (default, like the {@code tokens} stage) or
 *       another tiktoken encoding;</li>
 *   <li>{@code repo_token}, {@code file_sep} — sentinels (default StarCoder2's
 *       {@code <repo_name>}, {@code <file_sep>});</li>
 *   <li>{@code fim_rate} — per-file FIM inside samples, 0..1 (default 0: off; 0.5 is
 *       StarCoder's rate); {@code fim_spm_rate} (default 0.5), {@code fim_spans}
 *       ({@code random} default, or {@code syntax}); sentinels as the {@code fim} stage's
 *       defaults.</li>
 * </ul>
 */
public final class RepoSamplesStageFactory implements StageFactory {
    @Override
    public String name() {
        return RepoSamplesStage.NAME;
    }

    @Override
    public String description() {
        return "repository samples: import graph, dependency order, StarCoder2 format, packed to a token budget";
    }

    @Override
    public Stage create(Params params) {
        long ctx = params.integer("context_tokens", RepoSampler.DEFAULT_CONTEXT_TOKENS, 1024, 10_000_000);
        String order = params.string("order", "dependency");
        RepoSampler.Order o = switch (order) {
            case "dependency" -> RepoSampler.Order.DEPENDENCY;
            case "path" -> RepoSampler.Order.PATH;
            case "random" -> RepoSampler.Order.RANDOM;
            default -> throw params.error("order", "must be dependency, path or random, got '" + order + "'");
        };
        String packing = params.string("packing", "graph");
        if (!packing.equals("graph") && !packing.equals("sequential")) {
            throw params.error("packing", "must be graph or sequential, got '" + packing + "'");
        }
        String tok = params.string("tokenizer", Tokenizers.DEFAULT);
        if (!Tokenizers.isKnown(tok)) {
            throw params.error("tokenizer", "must be one of " + Tokenizers.NAMES + " or a path to a tokenizer.json, got '"
                    + tok + "'");
        }
        String repoToken = params.string("repo_token", RepoSampler.DEFAULT_REPO_TOKEN);
        String fileSep = params.string("file_sep", RepoSampler.DEFAULT_FILE_SEP);
        if (repoToken.isEmpty() || fileSep.isEmpty()) {
            throw new RecipeException("stage 'repo_samples': repo_token and file_sep must not be empty");
        }
        double fimRate = params.number("fim_rate", 0, 0, 1);
        double spm = params.number("fim_spm_rate", FimTransform.DEFAULT_SPM_RATE, 0, 1);
        String spans = params.string("fim_spans", "random");
        if (!spans.equals("random") && !spans.equals("syntax")) {
            throw params.error("fim_spans", "must be random or syntax, got '" + spans + "'");
        }
        RepoSampler sampler = new RepoSampler(new RepoSampler.Options(ctx, o, packing.equals("graph"), repoToken, fileSep,
                tok, params.seed()));
        FimTransform fim = fimRate <= 0 ? null : new FimTransform(fimRate, spm, FimTransform.DEFAULT_PREFIX,
                FimTransform.DEFAULT_MIDDLE, FimTransform.DEFAULT_SUFFIX, FimTransform.DEFAULT_ESCAPE);
        return new RepoSamplesStage(sampler, fim,
                spans.equals("syntax") ? FimTransform.Spans.SYNTAX : FimTransform.Spans.RANDOM, params.seed());
    }
}
