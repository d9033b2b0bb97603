package dev.codemill.spark.storage;

import dev.codemill.io.IngestRules;
import dev.codemill.io.fs.DirectoryReader;
import dev.codemill.io.fs.DirectoryReader.Entry;
import dev.codemill.io.fs.OrderedWalk;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A directory input on a Hadoop {@link FileSystem}, planned with the rules of the local
 * {@link DirectoryReader}, so that a folder copied to HDFS gives the same documents (ids
 * {@code repo_name/path}, repositories, order, batches) as the same folder on a local disk: each
 * top-level folder is a repository named after it; a folder holding {@code .git} is a repository
 * of its own (named by its path under the root), the whole root when the root holds it; files
 * directly in the root get {@code repo_name ""}; {@code .git} is never read; children are walked
 * depth first in Java {@code String} order of their names; batches of at most
 * {@link DirectoryReader#MAX_FILES_PER_SPLIT} files or {@link DirectoryReader#MAX_BYTES_PER_SPLIT}
 * bytes per repository. The batching and the reading are the local reader's own code
 * ({@link DirectoryReader#batches}, files opened through the file system); the walk is this
 * class's (listing, links and {@code .git} checks differ per file system). Refused while reading, as locally: symbolic links ({@code symlink}, never
 * followed), names holding U+FFFD ({@code bad_name}), files over {@code max_file_bytes}
 * ({@code too_large}), files or folders that cannot be read ({@code unreadable}).
 */
final class RemoteTree {
    private RemoteTree() {
    }

    /**
     * @param root   the input folder, qualified
     * @param origin the input as documents name it ({@link SourceRef#origin()}): the qualified URI
     */
    static List<Split> plan(FileSystem fs, Path root, String origin, IngestOptions opts) throws IOException {
        return plan(fs, root, origin, opts, 1);
    }

    /**
     * {@link #plan(FileSystem, Path, String, IngestOptions)} with the folders listed on
     * {@code threads} threads ({@link OrderedWalk}: the same splits in the same order).
     */
    static List<Split> plan(FileSystem fs, Path root, String origin, IngestOptions opts, int threads) throws IOException {
        Walker w = new Walker(fs, root);
        Map<String, List<Entry<Path>>> byRepo;
        if (fs.exists(new Path(root, ".git"))) {
            byRepo = OrderedWalk.walk(out -> w.walk(out, root, root, root.getName(), true), threads);
        } else {
            byRepo = OrderedWalk.walk(out -> w.walk(out, root, root, "", false), threads);
        }
        // the local reader's batching and reading rules, the files opened through the file system
        return DirectoryReader.batches(origin, byRepo, opts.maxFileBytes(), new FsOpener(fs));
    }

    /** {@code child}'s path under {@code base}, {@code /}-separated. */
    static String relative(Path base, Path child) {
        String b = base.toUri().getPath();
        String c = child.toUri().getPath();
        if (!c.startsWith(b.endsWith("/") ? b : b + "/")) {
            throw new IllegalArgumentException(child + " is not under " + base);
        }
        return c.substring(b.endsWith("/") ? b.length() : b.length() + 1);
    }

    private static final class Walker {
        private final FileSystem fs;
        private final Path root;

        Walker(FileSystem fs, Path root) {
            this.fs = fs;
            this.root = root;
        }

        void walk(OrderedWalk.Out<Path> out, Path dir, Path repoRoot, String repo, boolean inRepo) throws IOException {
            FileStatus[] children;
            try {
                children = fs.listStatus(dir);
            } catch (IOException e) {
                if (dir.equals(repoRoot) && repo.isEmpty()) {
                    throw e;
                }
                out.add(new Entry<>(dir, repo, relative(repoRoot, dir), 0, Verdict.of(IngestRules.UNREADABLE,
                        "folder cannot be listed: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
                return;
            }
            Arrays.sort(children, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            for (FileStatus child : children) {
                Path p = child.getPath();
                String name = p.getName();
                if (name.equals(".git")) {
                    continue;
                }
                String path = relative(repoRoot, p);
                if (name.indexOf('\uFFFD') >= 0) {
                    out.add(new Entry<>(p, repo, path, 0, Verdict.of(IngestRules.BAD_NAME,
                            "name holds U+FFFD (bytes not valid in the file-name encoding); not read")));
                    continue;
                }
                if (child.isSymlink()) {
                    out.add(new Entry<>(p, repo, path, child.getLen(), Verdict.of(IngestRules.SYMLINK,
                            "symlink on " + fs.getScheme() + "://; not followed")));
                } else if (child.isDirectory()) {
                    boolean ownRepo = fs.exists(new Path(p, ".git"));
                    if (!inRepo || ownRepo) {
                        String childRepo = inRepo || ownRepo ? relative(root, p) : name;
                        out.folder(o -> walk(o, p, p, childRepo, true));
                    } else {
                        out.folder(o -> walk(o, p, repoRoot, repo, true));
                    }
                } else if (child.isFile()) {
                    out.add(new Entry<>(p, repo, path, child.getLen(), null));
                } else {
                    out.add(new Entry<>(p, repo, path, child.getLen(),
                            Verdict.of(IngestRules.SPECIAL_FILE, "not a regular file")));
                }
            }
        }
    }

    static Verdict tooLarge(long size, long max) {
        return Verdict.of(IngestRules.TOO_LARGE, "file of " + size + " bytes exceeds max_file_bytes", size, max);
    }
}
