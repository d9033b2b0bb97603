package dev.codemill.stages.history;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.critique.Critic;

/** The recipe factories of the history family ({@code docs/history.md}). */
public final class HistoryStageFactories {
    private HistoryStageFactories() {
    }

    /** Recipe type {@code commit_changes}: no parameters. */
    public static final class CommitChanges implements StageFactory {
        @Override
        public String name() {
            return CommitChangesStage.NAME;
        }

        @Override
        public String description() {
            return "main chain: consume git commit-change records (the history branches took their copies before it)";
        }

        @Override
        public Stage create(Params params) {
            return new CommitChangesStage();
        }
    }

    /**
     * Recipe type {@code commit_pairs}. Parameters: {@code max_files} (most files a commit may
     * change, default 1: CommitPackFT keeps single-file commits), {@code max_old_bytes} (largest
     * file before the commit, UTF-8 bytes, default 50,000), {@code bug_fix_max_lines} (most changed
     * lines of a bug-fix tag, default 20).
     */
    public static final class CommitPairs implements StageFactory {
        @Override
        public String name() {
            return CommitPairsStage.NAME;
        }

        @Override
        public String description() {
            return "CommitPackFT-style (old, new, message) pairs from git commit changes, bug fixes tagged";
        }

        @Override
        public Stage create(Params params) {
            long maxFiles = params.integer("max_files", 1, 1, 1_000_000);
            long maxOld = params.integer("max_old_bytes", 50_000, 0, Integer.MAX_VALUE);
            long bugLines = params.integer("bug_fix_max_lines", 20, 1, 1_000_000);
            return new CommitPairsStage(new CommitFilters(maxFiles, maxOld), bugLines);
        }
    }

    /** Recipe type {@code revisions}: no parameters; needs the quality family's {@link Critic}. */
    public static final class Revisions implements StageFactory {
        @Override
        public String name() {
            return RevisionsStage.NAME;
        }

        @Override
        public String description() {
            return "constitution revisions: changes after which critiques of the quality constitution are gone";
        }

        @Override
        public Stage create(Params params) {
            Critic critic = Critic.load().orElseThrow(() -> new RecipeException(
                    "stage 'revisions' needs the quality constitution's critic (codemill-stages on the class path)"));
            return new RevisionsStage(critic);
        }
    }
}
