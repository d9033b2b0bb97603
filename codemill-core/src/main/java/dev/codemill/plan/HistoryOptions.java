package dev.codemill.plan;

import java.util.List;

/**
 * How git repositories among the inputs are read with their history: the recipe's
 * {@code ingest.history} section ({@code docs/history.md}). Without it a folder holding
 * {@code .git} is read as a snapshot of files only.
 *
 * @param revRange    commits to read as git's {@code A..B} (reachable from B, not from A) or one
 *                    revision ({@code v1.2}, a branch, a commit id); {@code ""}: everything
 *                    reachable from {@link #branch}
 * @param branch      where the walk starts when {@link #revRange} is empty; default {@code HEAD}
 * @param firstParent follow only first parents (git's {@code --first-parent}); default false
 * @param maxCommits  read at most this many commits, newest first; 0 (default): all
 * @param paths       path prefixes ({@code /}-separated, as in the repository) whose changes are
 *                    read; empty (default): all paths
 * @param renames     detect renames and copies (git's default similarity, 60 %); default true
 */
public record HistoryOptions(String revRange, String branch, boolean firstParent, long maxCommits,
                             List<String> paths, boolean renames) {
    /** Defaults: every commit reachable from {@code HEAD}, all parents, all paths, rename detection on. */
    public static final HistoryOptions DEFAULTS = new HistoryOptions("", "HEAD", false, 0, List.of(), true);

    public HistoryOptions {
        revRange = revRange == null ? "" : revRange;
        branch = branch == null || branch.isEmpty() ? "HEAD" : branch;
        if (maxCommits < 0) {
            throw new IllegalArgumentException("maxCommits must be >= 0, got " + maxCommits);
        }
        paths = List.copyOf(paths);
    }
}
