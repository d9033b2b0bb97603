package dev.codemill.io.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.Inputs;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DirectoryReader#plan(Path, IngestOptions, int)} on several threads plans what the
 * one-thread walk plans: the same splits (names, sizes, batches) with the same entries (file,
 * repository, path, listed size, walk-time refusal) in the same order, on a small tree with exact
 * expected batches and on a generated one with many repositories, nested folders and
 * repositories, empty folders, 64-file batches, links inside and outside the root, FIFOs, names
 * that are not valid UTF-8 and a folder that cannot be listed (when the tests do not run as root).
 */
class ParallelListingTest {
    @TempDir
    Path tmp;

    static final IngestOptions OPTS = new IngestOptions(100, 100, 2, "content", "path", "repo_name", "blob_id");

    static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    /** Each split as one line: name, bytes, then per entry its path, size and refusal rule. */
    static List<String> describe(List<Split> splits) {
        List<String> out = new ArrayList<>();
        for (Split s : splits) {
            DirectoryReader.Batch<?> b = DirectoryReader.describe(s);
            StringBuilder line = new StringBuilder(s.name()).append(" ").append(s.sizeBytes()).append(":");
            if (b != null) {
                for (DirectoryReader.Entry<?> e : b.entries()) {
                    Verdict v = e.refusal();
                    line.append(' ').append(e.path()).append('=').append(e.size())
                            .append(v == null ? "" : "!" + v.rule());
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** The full data of each batch (file handles and refusal details included): what a {@code SplitRef} ships. */
    static List<String> full(List<Split> splits) {
        List<String> out = new ArrayList<>();
        for (Split s : splits) {
            out.add(s.name() + " " + s.sizeBytes() + " " + DirectoryReader.describe(s));
        }
        return out;
    }

    @Test
    void aSmallTreeGivesTheSameBatchesOnAnyThreadCount() throws Exception {
        Path root = tmp.resolve("corpus");
        write(root.resolve("README.md"), "# r\n");
        write(root.resolve("alpha/a.py"), "a = 1\n");
        write(root.resolve("alpha/sub/b.py"), "b = 22\n");
        write(root.resolve("alpha/vendor/lib/.git/config"), "[core]\n");
        write(root.resolve("alpha/vendor/lib/c.py"), "c\n");
        write(root.resolve("alpha/z.py"), "z\n");
        write(root.resolve("beta/big.bin"), "x".repeat(101));
        Files.createDirectories(root.resolve("empty/inner"));
        Files.createSymbolicLink(root.resolve("beta/out"), Path.of("/etc/passwd"));
        List<String> expected = List.of(
                root + " #0 4: README.md=4",
                root + "/alpha #0 15: a.py=6 sub/b.py=7 z.py=2",
                root + "/alpha/vendor/lib #0 2: c.py=2",
                root + "/beta #0 101: big.bin=101 out=11!symlink_outside_root");
        for (int threads : new int[] {1, 2, 4, 16}) {
            assertThat(describe(DirectoryReader.plan(root, OPTS, threads))).as("%d threads", threads)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(describe(Inputs.splits(List.of(root), OPTS, 4))).containsExactlyElementsOf(expected);
    }

    @Test
    void aGeneratedTreeGivesTheSameSplitsOnAnyThreadCount() throws Exception {
        Path root = tmp.resolve("gen");
        Random rnd = new Random(1818);
        int files = 0;
        for (int r = 0; r < 120; r++) {
            files += folder(rnd, root.resolve(String.format("repo%03d", r)), 0);
        }
        write(root.resolve("top.txt"), "t\n");
        write(root.resolve("many/.git/HEAD"), "ref\n");
        for (int i = 0; i < 150; i++) { // 64 + 64 + 22
            write(root.resolve("many/f" + i + ".c"), "int f" + i + ";\n");
        }
        Files.createDirectories(root.resolve("repo007/empty/deeper/deepest"));
        Files.createSymbolicLink(root.resolve("repo003/in"), Path.of("../repo004"));
        Files.createSymbolicLink(root.resolve("repo003/outside"), tmp);
        Files.createSymbolicLink(root.resolve("repo003/dangling"), Path.of("nowhere"));
        sh(root.resolve("repo005"), "mkfifo pipe.py; printf 'x\\n' > \"$(printf 'bad\\377.py')\"; mkdir \"$(printf 'dir\\376')\"");
        Path locked = root.resolve("repo009/locked");
        write(locked.resolve("secret.py"), "s\n");
        boolean lockable = locked.toFile().setReadable(false, false) && locked.toFile().setExecutable(false, false)
                && !Files.isReadable(locked);
        try {
            List<Split> one = DirectoryReader.plan(root, OPTS, 1);
            assertThat(files).isGreaterThan(1000);
            assertThat(one.size()).isGreaterThan(150);
            List<String> rules = describe(one).stream().filter(l -> l.contains("!")).toList();
            assertThat(String.join("\n", rules)).contains("in=10!symlink", "outside=", "!symlink_outside_root",
                    "dangling=7!symlink", "pipe.py=0!special_file", "!bad_name");
            if (lockable) {
                assertThat(String.join("\n", rules)).contains("locked=0!unreadable");
            }
            assertThat(describe(one)).filteredOn(l -> l.startsWith(root + "/many #")).hasSize(3);
            for (int threads : new int[] {2, 3, 8, 32}) {
                List<Split> many = DirectoryReader.plan(root, OPTS, threads);
                assertThat(full(many)).as("%d threads", threads).containsExactlyElementsOf(full(one));
            }
        } finally {
            locked.toFile().setReadable(true, false);
            locked.toFile().setExecutable(true, false);
        }
    }

    /** A folder of random files and sub-folders (now and then an empty one or a nested repository); returns the files written. */
    private static int folder(Random rnd, Path dir, int depth) throws IOException {
        Files.createDirectories(dir);
        int n = 0;
        for (int i = rnd.nextInt(depth == 0 ? 12 : 7); i > 0; i--) {
            write(dir.resolve("f" + i + (rnd.nextBoolean() ? ".py" : ".md")), "x".repeat(rnd.nextInt(130)));
            n++;
        }
        if (rnd.nextInt(15) == 0) {
            write(dir.resolve(".git/HEAD"), "ref\n");
        }
        if (depth < 3) {
            for (int i = rnd.nextInt(4); i > 0; i--) {
                n += folder(rnd, dir.resolve("d" + i), depth + 1);
            }
        }
        return n;
    }

    @Test
    void aRootHoldingGitAndAMissingRootAreTheSameOnManyThreads() throws Exception {
        Path root = tmp.resolve("myrepo");
        write(root.resolve(".git/HEAD"), "ref\n");
        write(root.resolve("pkg/a/mod.py"), "p\n");
        write(root.resolve("pkg/b/mod.py"), "q\n");
        write(root.resolve("main.py"), "m\n");
        List<String> expected = List.of(root + "/myrepo #0 6: main.py=2 pkg/a/mod.py=2 pkg/b/mod.py=2");
        assertThat(describe(DirectoryReader.plan(root, OPTS, 1))).containsExactlyElementsOf(expected);
        assertThat(describe(DirectoryReader.plan(root, OPTS, 8))).containsExactlyElementsOf(expected);
        // the root itself must be listable: its failure is the walk's, on any thread count
        Path gone = tmp.resolve("gone");
        assertThatThrownBy(() -> DirectoryReader.plan(gone, OPTS, 8)).isInstanceOf(NoSuchFileException.class);
    }

    static void sh(Path dir, String cmd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
