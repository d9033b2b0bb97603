package dev.codemill.io.git;

import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The history of one git repository as one split: commits walked newest first (author-independent
 * commit-time order, git's default {@code git log} order; ties keep JGit's queue order, the same
 * on every run), each commit's changed files sent as commit-change records by
 * {@link CommitChanges}. Memory is bounded by one commit's changed files at a time: each record
 * is sent as soon as it is read, and a commit's message is let go after its records (JGit keeps
 * only the small commit headers of the walk).
 *
 * <p>A range or start revision that does not resolve is an {@link IOException} naming the
 * repository and the revision (the run stops with exit code 3): a mistyped range must not read
 * as an empty history. A repository without commits yields nothing.
 */
final class HistorySplit implements Split {
    private final Path dir;
    private final boolean bare;
    private final String repoName;
    private final IngestOptions opts;

    HistorySplit(Path dir, boolean bare, String repoName, IngestOptions opts) {
        this.dir = dir;
        this.bare = bare;
        this.repoName = repoName;
        this.opts = opts;
    }

    @Override
    public String name() {
        return dir + " (git history)";
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    /** Opens the repository at {@code dir}: a bare one, or the one of a work tree ({@code .git} folder or file). */
    static Repository open(Path dir, boolean bare) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
        if (bare) {
            b.setGitDir(dir.toFile());
        } else {
            b.setWorkTree(dir.toFile());
        }
        return b.build();
    }

    @Override
    public void read(Emitter out) throws IOException {
        HistoryOptions h = opts.history();
        try (Repository repo = open(dir, bare); RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.setFirstParent(h.firstParent());
            if (!markRange(repo, walk, h)) {
                return;
            }
            try (CommitChanges changes = new CommitChanges(repo, dir.toString(), repoName, opts.maxFileBytes(), h)) {
                long n = 0;
                for (RevCommit c : walk) {
                    if (h.maxCommits() > 0 && n >= h.maxCommits()) {
                        break;
                    }
                    n++;
                    changes.send(walk, c, out);
                    c.disposeBody();
                }
            }
        }
    }

    /** Marks the walk's start and uninteresting commits; false when the repository has no commit at all. */
    private boolean markRange(Repository repo, RevWalk walk, HistoryOptions h) throws IOException {
        String range = h.revRange();
        String from = null;
        String to = h.branch();
        if (!range.isEmpty()) {
            int dots = range.indexOf("..");
            if (dots >= 0) {
                from = range.substring(0, dots);
                to = range.substring(dots + 2).isEmpty() ? "HEAD" : range.substring(dots + 2);
            } else {
                to = range;
            }
        }
        ObjectId start = repo.resolve(to);
        if (start == null) {
            if (range.isEmpty() && h.branch().equals("HEAD") && repo.exactRef("HEAD") != null
                    && repo.exactRef("HEAD").getObjectId() == null) {
                return false; // a repository without commits: nothing to read
            }
            throw new IOException(dir + ": git revision '" + to + "' does not resolve (ingest.history)");
        }
        walk.markStart(walk.parseCommit(start));
        if (from != null && !from.isEmpty()) {
            ObjectId stop = repo.resolve(from);
            if (stop == null) {
                throw new IOException(dir + ": git revision '" + from + "' does not resolve (ingest.history.rev_range)");
            }
            walk.markUninteresting(walk.parseCommit(stop));
        }
        return true;
    }
}
