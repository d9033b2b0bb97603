package dev.codemill.io.git;

import dev.codemill.io.IngestRules;
import dev.codemill.model.SourceRef;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of a bare repository at one revision (default {@code HEAD}), read from git: the
 * snapshot a work tree would hold. Ids as {@link dev.codemill.io.fs.DirectoryReader}'s,
 * {@code DocId.of(repo_name + "/" + path)}; files in tree order (path order). Larger than
 * {@code max_file_bytes}: {@code too_large} (never read); a symbolic link: {@code symlink}; a
 * submodule: {@code special_file} (quarantines, as for a work tree). A repository without commits
 * yields nothing.
 */
final class SnapshotSplit implements Split {
    private final Path dir;
    private final String repoName;
    private final String revision;
    private final long maxFileBytes;

    SnapshotSplit(Path dir, String repoName, String revision, long maxFileBytes) {
        this.dir = dir;
        this.repoName = repoName;
        this.revision = revision;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public String name() {
        return dir + " (git snapshot at " + revision + ")";
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void read(Emitter out) throws IOException {
        try (Repository repo = HistorySplit.open(dir, true); ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            ObjectId start = repo.resolve(revision);
            if (start == null) {
                if (repo.exactRef("HEAD") != null && repo.exactRef("HEAD").getObjectId() == null) {
                    return;
                }
                throw new IOException(dir + ": git revision '" + revision + "' does not resolve");
            }
            tw.addTree(walk.parseCommit(start).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                String key = repoName + "/" + path;
                SourceRef src = new SourceRef(dir.toString(), repoName, path);
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    IngestRules.quarantine(out, key, src, -1, Verdict.of(IngestRules.SYMLINK, "symbolic link in the tree; not followed"));
                    continue;
                }
                if (mode == FileMode.GITLINK) {
                    IngestRules.quarantine(out, key, src, -1, Verdict.of(IngestRules.SPECIAL_FILE, "submodule (gitlink); its files are in another repository"));
                    continue;
                }
                long size = reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (size > maxFileBytes) {
                    IngestRules.quarantine(out, key, src, size, Verdict.of(IngestRules.TOO_LARGE,
                            "file of " + size + " bytes exceeds max_file_bytes", size, maxFileBytes));
                    continue;
                }
                out.keep(IngestRules.bytesDocument(key, src, reader.open(tw.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE - 16)));
            }
        }
    }
}
