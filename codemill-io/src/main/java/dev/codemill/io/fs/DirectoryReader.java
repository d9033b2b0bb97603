package dev.codemill.io.fs;

import dev.codemill.io.IngestRules;
import dev.codemill.io.Limited;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans the splits of an input directory: one repository per top-level folder, batched so
 * that many threads can share one big repository.
 *
 * <p><b>Repositories.</b> Each top-level folder of the root is one repository; its
 * {@code repo_name} is the folder name. A folder that holds {@code .git} is a repository of its
 * own wherever it is; its {@code repo_name} is its path relative to the input root
 * ({@code /}-separated), and its files leave the enclosing repository. If the root itself holds
 * {@code .git}, the whole root is one repository named after the root folder. Otherwise files
 * lying directly in the root get {@code repo_name ""} (the same as a plain-file input), so that
 * a file's {@code repo_name/path} does not depend on where the corpus is stored.
 * {@code .git} folders (and {@code .git} files of worktrees) are never read.
 *
 * <p><b>Refused entries</b> (quarantined at read time, rule in {@link IngestRules}):
 * symbolic links are never followed: one pointing outside the root (lexically, or after
 * resolving the whole link chain) is {@code symlink_outside_root}, any other {@code symlink};
 * FIFOs, devices and sockets are {@code special_file}; a file or folder whose name is not valid in
 * the file-name encoding (the JDK shows such bytes as U+FFFD, so the name would lose them and
 * could collide with another) is {@code bad_name}, a folder as one entry; files larger than
 * {@link IngestOptions#maxFileBytes()} are {@code too_large} (value = size, limit = maximum,
 * never read; a file that grows past the limit after planning is caught while reading, which
 * never reads more than the limit + 1 bytes); files that cannot be read are {@code unreadable}.
 *
 * <p><b>Ids and order.</b> A document's id is {@code DocId.of(repo_name + "/" + path)}. Folders
 * are walked depth first, children sorted by name (Java {@code String} order), so the plan and
 * every split's output order are the same on every run.
 *
 * <p><b>Splits.</b> The files of one repository are cut into batches of at most
 * {@link #MAX_FILES_PER_SPLIT} files or {@link #MAX_BYTES_PER_SPLIT} bytes (a single larger file
 * forms its own batch); {@link Split#sizeBytes()} is the sum of the batch's file sizes.
 */
public final class DirectoryReader {
    /** What the JDK puts in a file name for bytes it cannot decode. */
    private static final char UNDECODABLE = '\uFFFD';

    /** Files per split. */
    public static final int MAX_FILES_PER_SPLIT = 64;
    /** Bytes per split (16 MiB). */
    public static final long MAX_BYTES_PER_SPLIT = 16L << 20;

    private DirectoryReader() {
    }

    /** Walks {@code root} (a directory) and returns its splits in a deterministic order. */
    public static List<Split> plan(Path root, IngestOptions opts) throws IOException {
        return plan(root, opts, 1);
    }

    /**
     * {@link #plan(Path, IngestOptions)} with the folders listed on {@code threads} threads
     * ({@link OrderedWalk}): the same splits, in the same order, whatever the thread count.
     *
     * @param threads listing threads; 1 or less: the calling thread only
     */
    public static List<Split> plan(Path root, IngestOptions opts, int threads) throws IOException {
        Path lexicalRoot = root.toAbsolutePath().normalize();
        Path realRoot = root.toRealPath();
        Walker w = new Walker(lexicalRoot, realRoot);
        Map<String, List<Entry<Path>>> byRepo;
        if (Files.exists(root.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            String name = lexicalRoot.getFileName() == null ? "" : lexicalRoot.getFileName().toString();
            byRepo = OrderedWalk.walk(out -> w.walk(out, root, root, name, true), threads);
        } else {
            byRepo = OrderedWalk.walk(out -> w.walk(out, root, root, "", false), threads);
        }
        return batches(root.toString(), byRepo, opts.maxFileBytes(), LOCAL);
    }

    /**
     * How a batch opens and measures its planned files: the seam that lets a walk of another file
     * system (the Spark runner's Hadoop {@code FileSystem}) share the batching and reading rules.
     *
     * @param <F> the file handle of the walk ({@link Path} here)
     */
    public interface FileOpener<F> {
        /** @return the file's bytes from the start */
        InputStream open(F file) throws IOException;

        /** @return the file's size now, in bytes (it grew past the limit since planning) */
        long size(F file) throws IOException;
    }

    /**
     * A batch of {@link #batches} as plain data: where it was planned ({@code origin}, as documents
     * name it), its repository, its number there (the {@code #N} of its name), its entries and
     * planned bytes. {@link #describe} gives it for a planned split, {@link #batch} rebuilds the
     * split from it, so that a planner can ship batches to other machines without a second walk
     * (the Spark runner's executors).
     */
    public record Batch<F>(String origin, String repo, int number, List<Entry<F>> entries, long bytes) {
    }

    /** The batch behind {@code split} when this reader planned it ({@link #plan}, {@link #batches}); null for any other split. */
    public static Batch<?> describe(Split split) {
        return split instanceof FileBatch<?> b ? b.batch() : null;
    }

    /** The split of {@code b}, read through {@code opener}: name, size and documents those of the planned one. */
    public static <F> Split batch(Batch<F> b, long maxFileBytes, FileOpener<F> opener) {
        return new FileBatch<>(b.origin(), b.repo(), b.number(), List.copyOf(b.entries()), b.bytes(), maxFileBytes, opener);
    }

    /** The opener of {@link #plan}'s batches: the local file system, symbolic links never followed. */
    public static FileOpener<Path> localFiles() {
        return LOCAL;
    }

    /** The local file system: symbolic links never followed. */
    private static final FileOpener<Path> LOCAL = new FileOpener<>() {
        @Override
        public InputStream open(Path file) throws IOException {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public long size(Path file) throws IOException {
            return Files.size(file);
        }
    };

    /**
     * One planned entry of a walk: a file to read, or an entry refused while walking ({@code refusal}).
     *
     * @param path the file's path in its repository, {@code /}-separated
     * @param size bytes, as listed
     */
    public record Entry<F>(F file, String repo, String path, long size, Verdict refusal) {
    }

    /**
     * The splits of a walk: the entries of each repository ({@code byRepo}, in walk order) cut into
     * batches of at most {@link #MAX_FILES_PER_SPLIT} files or {@link #MAX_BYTES_PER_SPLIT} bytes,
     * named {@code origin/repo #N}, read through {@code opener} with this reader's rules
     * ({@code too_large}, {@code unreadable}, ids {@code repo/path}).
     */
    public static <F> List<Split> batches(String origin, Map<String, List<Entry<F>>> byRepo, long maxFileBytes,
                                          FileOpener<F> opener) {
        List<Split> splits = new ArrayList<>();
        for (Map.Entry<String, List<Entry<F>>> e : byRepo.entrySet()) {
            List<Entry<F>> batch = new ArrayList<>();
            long bytes = 0;
            int batchNo = 0;
            for (Entry<F> en : e.getValue()) {
                long sz = en.refusal() == null ? en.size() : 0;
                if (!batch.isEmpty() && (batch.size() >= MAX_FILES_PER_SPLIT || bytes + sz > MAX_BYTES_PER_SPLIT)) {
                    splits.add(new FileBatch<>(origin, e.getKey(), batchNo++, List.copyOf(batch), bytes, maxFileBytes, opener));
                    batch.clear();
                    bytes = 0;
                }
                batch.add(en);
                bytes += sz;
            }
            if (!batch.isEmpty()) {
                splits.add(new FileBatch<>(origin, e.getKey(), batchNo, List.copyOf(batch), bytes, maxFileBytes, opener));
            }
        }
        return splits;
    }

    private static final class Walker {
        private final Path lexicalRoot;
        private final Path realRoot;

        Walker(Path lexicalRoot, Path realRoot) {
            this.lexicalRoot = lexicalRoot;
            this.realRoot = realRoot;
        }

        /**
         * @param out      where the walk goes, in walk order (sub-folders walked there: {@link OrderedWalk})
         * @param dir      folder to list
         * @param repoRoot folder of the repository {@code dir} belongs to
         * @param repo     its repo_name
         * @param inRepo   whether {@code repoRoot} is a repository (false only for the bare input root)
         */
        void walk(OrderedWalk.Out<Path> out, Path dir, Path repoRoot, String repo, boolean inRepo) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(children::add);
            } catch (IOException e) {
                if (dir.equals(repoRoot) && repo.isEmpty()) {
                    throw e;
                }
                String path = repoRoot.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
                out.add(new Entry<>(dir, repo, path, 0, Verdict.of(IngestRules.UNREADABLE,
                        "folder cannot be listed: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
                return;
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.equals(".git")) {
                    continue;
                }
                String path = repoRoot.relativize(child).toString().replace(child.getFileSystem().getSeparator(), "/");
                if (name.indexOf(UNDECODABLE) >= 0) {
                    // The JDK decodes file names with sun.jnu.encoding and replaces bytes it cannot
                    // decode with U+FFFD: the name (and the id made from it) would lose bytes and
                    // two different files could get the same id. Refuse it, whole if a folder.
                    out.add(new Entry<>(child, repo, path, 0, Verdict.of(IngestRules.BAD_NAME,
                            "name is not valid in the file-name encoding " + System.getProperty("sun.jnu.encoding")
                                    + " (undecodable bytes shown as U+FFFD); not read")));
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    out.add(new Entry<>(child, repo, path, 0, Verdict.of(IngestRules.UNREADABLE,
                            e.getClass().getSimpleName() + ": " + e.getMessage())));
                    continue;
                }
                if (attrs.isDirectory()) {
                    boolean ownRepo = Files.exists(child.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
                    if (!inRepo || ownRepo) {
                        String childRepo = inRepo || ownRepo ? rel(child) : name;
                        out.folder(o -> walk(o, child, child, childRepo, true));
                    } else {
                        out.folder(o -> walk(o, child, repoRoot, repo, true));
                    }
                    continue;
                }
                if (attrs.isSymbolicLink()) {
                    out.add(new Entry<>(child, repo, path, attrs.size(), symlinkVerdict(child)));
                } else if (attrs.isRegularFile()) {
                    out.add(new Entry<>(child, repo, path, attrs.size(), null));
                } else {
                    out.add(new Entry<>(child, repo, path, attrs.size(),
                            Verdict.of(IngestRules.SPECIAL_FILE, "not a regular file (FIFO, device or socket)")));
                }
            }
        }

        private String rel(Path p) {
            return lexicalRoot.relativize(p.toAbsolutePath().normalize()).toString()
                    .replace(p.getFileSystem().getSeparator(), "/");
        }

        private Verdict symlinkVerdict(Path link) {
            String target;
            try {
                target = Files.readSymbolicLink(link).toString();
            } catch (IOException e) {
                return Verdict.of(IngestRules.SYMLINK, "unreadable symlink: " + e.getMessage());
            }
            Path lexical = link.toAbsolutePath().getParent().resolve(target).normalize();
            boolean outside = !lexical.startsWith(lexicalRoot);
            if (!outside) {
                try {
                    outside = !lexical.toRealPath().startsWith(realRoot);
                } catch (IOException dangling) {
                    // a dangling link inside the root: not followed either way
                }
            }
            return outside
                    ? Verdict.of(IngestRules.SYMLINK_OUTSIDE_ROOT, "symlink to " + target + " leaves the input root; not followed")
                    : Verdict.of(IngestRules.SYMLINK, "symlink to " + target + " (inside the input root); not followed");
        }
    }

    /** A batch of files of one repository. */
    static final class FileBatch<F> implements Split {
        private final String origin;
        private final String repo;
        private final int number;
        private final List<Entry<F>> entries;
        private final long bytes;
        private final long maxFileBytes;
        private final FileOpener<F> opener;

        FileBatch(String origin, String repo, int number, List<Entry<F>> entries, long bytes, long maxFileBytes,
                  FileOpener<F> opener) {
            this.origin = origin;
            this.repo = repo;
            this.number = number;
            this.entries = entries;
            this.bytes = bytes;
            this.maxFileBytes = maxFileBytes;
            this.opener = opener;
        }

        @Override
        public String name() {
            return origin + (repo.isEmpty() ? "" : "/" + repo) + " #" + number;
        }

        @Override
        public long sizeBytes() {
            return bytes;
        }

        List<Entry<F>> entries() {
            return entries;
        }

        Batch<F> batch() {
            return new Batch<>(origin, repo, number, entries, bytes);
        }

        @Override
        public void read(Emitter out) {
            for (Entry<F> e : entries) {
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
                try (InputStream in = opener.open(e.file())) {
                    data = Limited.readAtMost(in, maxFileBytes, e.size());
                } catch (IOException ex) {
                    IngestRules.quarantine(out, key, src, e.size(),
                            Verdict.of(IngestRules.UNREADABLE, ex.getClass().getSimpleName() + ": " + ex.getMessage()));
                    continue;
                }
                if (data.length > maxFileBytes) {
                    long size = e.size();
                    try {
                        size = opener.size(e.file());
                    } catch (IOException ignored) {
                        size = data.length;
                    }
                    IngestRules.quarantine(out, key, src, size, tooLarge(size, maxFileBytes));
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
