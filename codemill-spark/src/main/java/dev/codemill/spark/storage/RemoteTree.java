package dev.codemill.spark.storage;

import dev.codemill.io.IngestRules;
import dev.codemill.io.Limited;
import dev.codemill.io.fs.DirectoryReader;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * bytes per repository. Refused while reading, as locally: symbolic links ({@code symlink}, never
 * followed), names holding U+FFFD ({@code bad_name}), files over {@code max_file_bytes}
 * ({@code too_large}), files or folders that cannot be read ({@code unreadable}).
 */
final class RemoteTree {
    private RemoteTree() {
    }

    /** One planned entry: a file to read, or an entry refused while walking. */
    record Entry(Path file, String repo, String path, long size, Verdict refusal) {
    }

    /**
     * @param root   the input folder, qualified
     * @param origin the input as documents name it ({@link SourceRef#origin()}): the qualified URI
     */
    static List<Split> plan(FileSystem fs, Path root, String origin, IngestOptions opts) throws IOException {
        Map<String, List<Entry>> byRepo = new LinkedHashMap<>();
        Walker w = new Walker(fs, root, byRepo);
        if (fs.exists(new Path(root, ".git"))) {
            w.walk(root, root, root.getName(), true);
        } else {
            w.walk(root, root, "", false);
        }
        List<Split> splits = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : byRepo.entrySet()) {
            List<Entry> batch = new ArrayList<>();
            long bytes = 0;
            int batchNo = 0;
            for (Entry en : e.getValue()) {
                long sz = en.refusal() == null ? en.size() : 0;
                if (!batch.isEmpty() && (batch.size() >= DirectoryReader.MAX_FILES_PER_SPLIT
                        || bytes + sz > DirectoryReader.MAX_BYTES_PER_SPLIT)) {
                    splits.add(new Batch(fs, origin, e.getKey(), batchNo++, List.copyOf(batch), bytes, opts.maxFileBytes()));
                    batch.clear();
                    bytes = 0;
                }
                batch.add(en);
                bytes += sz;
            }
            if (!batch.isEmpty()) {
                splits.add(new Batch(fs, origin, e.getKey(), batchNo, List.copyOf(batch), bytes, opts.maxFileBytes()));
            }
        }
        return splits;
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
        private final Map<String, List<Entry>> byRepo;

        Walker(FileSystem fs, Path root, Map<String, List<Entry>> byRepo) {
            this.fs = fs;
            this.root = root;
            this.byRepo = byRepo;
        }

        void walk(Path dir, Path repoRoot, String repo, boolean inRepo) throws IOException {
            FileStatus[] children;
            try {
                children = fs.listStatus(dir);
            } catch (IOException e) {
                if (dir.equals(repoRoot) && repo.isEmpty()) {
                    throw e;
                }
                add(repo, new Entry(dir, repo, relative(repoRoot, dir), 0, Verdict.of(IngestRules.UNREADABLE,
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
                    add(repo, new Entry(p, repo, path, 0, Verdict.of(IngestRules.BAD_NAME,
                            "name holds U+FFFD (bytes not valid in the file-name encoding); not read")));
                    continue;
                }
                if (child.isSymlink()) {
                    add(repo, new Entry(p, repo, path, child.getLen(), Verdict.of(IngestRules.SYMLINK,
                            "symlink on " + fs.getScheme() + "://; not followed")));
                } else if (child.isDirectory()) {
                    boolean ownRepo = fs.exists(new Path(p, ".git"));
                    if (!inRepo || ownRepo) {
                        walk(p, p, inRepo || ownRepo ? relative(root, p) : name, true);
                    } else {
                        walk(p, repoRoot, repo, true);
                    }
                } else if (child.isFile()) {
                    add(repo, new Entry(p, repo, path, child.getLen(), null));
                } else {
                    add(repo, new Entry(p, repo, path, child.getLen(),
                            Verdict.of(IngestRules.SPECIAL_FILE, "not a regular file")));
                }
            }
        }

        private void add(String repo, Entry e) {
            byRepo.computeIfAbsent(repo, k -> new ArrayList<>()).add(e);
        }
    }

    /** A batch of files of one repository, read through the file system. */
    static final class Batch implements Split {
        private final FileSystem fs;
        private final String origin;
        private final String repo;
        private final int number;
        private final List<Entry> entries;
        private final long bytes;
        private final long maxFileBytes;

        Batch(FileSystem fs, String origin, String repo, int number, List<Entry> entries, long bytes, long maxFileBytes) {
            this.fs = fs;
            this.origin = origin;
            this.repo = repo;
            this.number = number;
            this.entries = entries;
            this.bytes = bytes;
            this.maxFileBytes = maxFileBytes;
        }

        @Override
        public String name() {
            return origin + (repo.isEmpty() ? "" : "/" + repo) + " #" + number;
        }

        @Override
        public long sizeBytes() {
            return bytes;
        }

        @Override
        public void read(Emitter out) {
            for (Entry e : entries) {
                SourceRef src = new SourceRef(origin, e.repo(), e.path());
                String key = e.repo() + "/" + e.path();
                if (e.refusal() != null) {
                    IngestRules.quarantine(out, key, src, e.size(), e.refusal());
                    continue;
                }
                if (e.size() > maxFileBytes) {
                    IngestRules.quarantine(out, key, src, e.size(), tooLarge(e.size(), maxFileBytes));
                    continue;
                }
                byte[] data;
                try (InputStream in = fs.open(e.file())) {
                    data = Limited.readAtMost(in, maxFileBytes);
                } catch (IOException ex) {
                    IngestRules.quarantine(out, key, src, e.size(),
                            Verdict.of(IngestRules.UNREADABLE, ex.getClass().getSimpleName() + ": " + ex.getMessage()));
                    continue;
                }
                if (data.length > maxFileBytes) {
                    IngestRules.quarantine(out, key, src, data.length, tooLarge(data.length, maxFileBytes));
                    continue;
                }
                out.keep(IngestRules.bytesDocument(key, src, data));
            }
        }
    }

    static Verdict tooLarge(long size, long max) {
        return Verdict.of(IngestRules.TOO_LARGE, "file of " + size + " bytes exceeds max_file_bytes", size, max);
    }
}
