package dev.codemill.io.git;

import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the git repositories of an input folder and plans their history splits
 * ({@code ingest.history}, {@code docs/history.md}).
 *
 * <p>A folder holding {@code .git} (a folder, or the {@code .git} file of a worktree) is a
 * repository with a work tree; its {@code repo_name} is the one {@link dev.codemill.io.fs.DirectoryReader}
 * gives its files (the root's own name when the root holds {@code .git}, else the path relative to
 * the root), so a repository's snapshot files and its commit changes share the name. A folder
 * that is itself a bare repository ({@code HEAD}, {@code objects/} and {@code refs/} and no work
 * tree) is read from git alone: its snapshot at {@link HistoryOptions#branch()} and its history.
 * Folders are visited depth first, children sorted by name; symbolic links are never followed;
 * {@code .git} folders are not entered.
 */
public final class GitRepositories {
    private GitRepositories() {
    }

    /** Whether {@code dir} is a bare repository (git's own layout at its top, no {@code .git}). */
    public static boolean isBare(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("objects"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("refs"), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The history splits of the repositories under {@code root} (a directory that is not bare),
     * in walk order; none when {@code opts.history()} is null.
     */
    public static List<Split> historySplits(Path root, IngestOptions opts) throws IOException {
        List<Split> out = new ArrayList<>();
        if (opts.history() == null) {
            return out;
        }
        Path lexicalRoot = root.toAbsolutePath().normalize();
        if (Files.exists(root.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            out.add(new HistorySplit(root, false, nameOf(lexicalRoot), opts));
        }
        walk(root, root, out, opts);
        return out;
    }

    /** The splits of a bare repository: its snapshot at the start revision, then its history. */
    public static List<Split> bareSplits(Path root, IngestOptions opts) {
        HistoryOptions h = opts.history() == null ? HistoryOptions.DEFAULTS : opts.history();
        String name = nameOf(root.toAbsolutePath().normalize());
        if (name.endsWith(".git") && name.length() > 4) {
            name = name.substring(0, name.length() - 4);
        }
        List<Split> out = new ArrayList<>();
        out.add(new SnapshotSplit(root, name, h.branch(), opts.maxFileBytes()));
        if (opts.history() != null) {
            out.add(new HistorySplit(root, true, name, opts));
        }
        return out;
    }

    private static void walk(Path root, Path dir, List<Split> out, IngestOptions opts) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().equals(".git"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
        for (Path child : children) {
            if (Files.exists(child.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                String rel = root.relativize(child).toString().replace('\\', '/');
                out.add(new HistorySplit(child, false, rel, opts));
            }
            walk(root, child, out, opts);
        }
    }

    private static String nameOf(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString();
    }
}
