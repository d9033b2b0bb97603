package dev.codemill.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.fs.DirectoryReader;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's listing on several threads ({@code spark.codemill.listingThreads}) is the
 * one-thread listing: the same splits and the same {@link SplitRef}s, byte for byte (Java
 * serialization), for a local folder and the same folder as a {@code file://} URI through Hadoop
 * ({@link RemoteTree}); a folder the file system refuses to list is the same {@code unreadable}
 * entry, and a failing file-system call fails the listing with the same exception, on any count.
 */
public class ParallelLocationsTest {
    static final IngestOptions OPTS = new IngestOptions(100, 100, 3, "content", "path", "repo_name", "id");

    @TempDir
    java.nio.file.Path dir;

    /** Many repositories of nested folders (some empty, some repositories of their own), root files, a 64-file batch. */
    public static java.nio.file.Path tree(java.nio.file.Path root, int repos) throws IOException {
        return tree(root, repos, false);
    }

    /** {@link #tree(java.nio.file.Path, int)}, with {@code emptyFiles} the repositories' files empty (cheap to copy to HDFS). */
    public static java.nio.file.Path tree(java.nio.file.Path root, int repos, boolean emptyFiles) throws IOException {
        Random rnd = new Random(4242);
        for (int r = 0; r < repos; r++) {
            folder(rnd, root.resolve(String.format("repo%02d", r)), 0, emptyFiles);
        }
        for (int i = 0; i < 70; i++) {
            write(root.resolve("wide/f" + i + ".py"), emptyFiles ? "" : "x = " + i + "\n");
        }
        write(root.resolve("ROOT.md"), emptyFiles ? "" : "# root\n");
        Files.createDirectories(root.resolve("repo03/empty/deeper"));
        return root;
    }

    private static void folder(Random rnd, java.nio.file.Path d, int depth, boolean empty) throws IOException {
        Files.createDirectories(d);
        for (int i = rnd.nextInt(6); i > 0; i--) {
            int n = rnd.nextInt(120);
            write(d.resolve("f" + i + ".py"), empty ? "" : "y".repeat(n));
        }
        if (rnd.nextInt(12) == 0) {
            write(d.resolve(".git/HEAD"), empty ? "" : "ref\n");
        }
        if (depth < 3) {
            for (int i = rnd.nextInt(4); i > 0; i--) {
                folder(rnd, d.resolve("d" + i), depth + 1, empty);
            }
        }
    }

    /** Each ref Java-serialized (what a read task is shipped), Base64. */
    public static List<String> shipped(Locations.Listing l) throws IOException {
        List<String> out = new ArrayList<>();
        for (SplitRef r : l.refs()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                o.writeObject(r);
            }
            out.add(r.name + " " + Base64.getEncoder().encodeToString(b.toByteArray()));
        }
        return out;
    }

    public static List<String> names(List<Split> splits) {
        return splits.stream().map(s -> s.name() + " " + s.sizeBytes()).toList();
    }

    @Test
    void localPathsAndFileUrisListTheSameOnAnyThreadCount() throws IOException {
        java.nio.file.Path in = tree(dir.resolve("in"), 80);
        Configuration conf = new Configuration();
        List<String> local = List.of(in.toString());
        List<String> uri = Locations.absolute(List.of(in.toUri().toString()), conf);
        Locations.Listing localOne = Locations.list(local, OPTS, conf, 1);
        Locations.Listing uriOne = Locations.list(uri, OPTS, conf, 1);
        assertThat(localOne.splits().size()).isGreaterThan(80);
        assertThat(names(uriOne.splits())).containsExactlyElementsOf(
                names(localOne.splits()).stream().map(n -> "file:" + n).toList());
        assertThat(names(localOne.splits())).contains(in + "/wide #0 441", in + "/wide #1 39", in + " #0 7");
        for (int threads : new int[] {2, 4, 16}) {
            Locations.Listing l = Locations.list(local, OPTS, conf, threads);
            assertThat(shipped(l)).as("local, %d threads", threads).containsExactlyElementsOf(shipped(localOne));
            assertThat(names(l.splits())).containsExactlyElementsOf(names(localOne.splits()));
            Locations.Listing u = Locations.list(uri, OPTS, conf, threads);
            assertThat(shipped(u)).as("file://, %d threads", threads).containsExactlyElementsOf(shipped(uriOne));
        }
    }

    /** A file system that refuses to list folders named {@code locked} and fails on {@code broken/.git}. */
    static final class Refusing extends FilterFileSystem {
        Refusing(FileSystem fs) {
            super(fs);
        }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            if (f.getName().equals("locked")) {
                throw new AccessControlException("Permission denied: user=codemill, access=READ_EXECUTE, inode=" + f.toUri().getPath());
            }
            return super.listStatus(f);
        }

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            if (f.getParent() != null && f.getParent().getName().equals("broken") && f.getName().equals(".git")) {
                throw new java.net.SocketTimeoutException("name node did not answer for " + f.toUri().getPath());
            }
            return super.getFileStatus(f);
        }
    }

    @Test
    void anUnlistableFolderIsTheSameUnreadableEntryOnAnyThreadCount() throws IOException {
        java.nio.file.Path in = tree(dir.resolve("in"), 80);
        write(in.resolve("repo05/locked/secret.py"), "s\n");
        write(in.resolve("repo40/d1/locked/deep.py"), "t\n");
        Configuration conf = new Configuration();
        FileSystem fs = new Refusing(HadoopFs.of(new Path(in.toUri()), conf));
        Path root = fs.makeQualified(new Path(in.toUri()));
        List<Split> one = RemoteTree.plan(fs, root, root.toString(), OPTS, 1);
        List<String> refused = new ArrayList<>();
        for (Split s : one) {
            for (DirectoryReader.Entry<?> e : DirectoryReader.describe(s).entries()) {
                Verdict v = e.refusal();
                if (v != null) {
                    refused.add(e.repo() + "|" + e.path() + "|" + v.rule() + "|" + v.detail());
                }
            }
        }
        String inode = in.toUri().getPath();
        assertThat(refused).containsExactly(
                "repo05|locked|unreadable|folder cannot be listed: AccessControlException: Permission denied: user=codemill, "
                        + "access=READ_EXECUTE, inode=" + inode + "repo05/locked",
                "repo40|d1/locked|unreadable|folder cannot be listed: AccessControlException: Permission denied: user=codemill, "
                        + "access=READ_EXECUTE, inode=" + inode + "repo40/d1/locked");
        for (int threads : new int[] {2, 8}) {
            List<Split> many = RemoteTree.plan(fs, root, root.toString(), OPTS, threads);
            assertThat(full(many)).as("%d threads", threads).containsExactlyElementsOf(full(one));
        }
        // a file-system call that fails outside a folder listing fails the whole listing, the same failure on any count
        Files.createDirectories(in.resolve("repo60/broken"));
        Files.createDirectories(in.resolve("repo70/broken"));
        for (int threads : new int[] {1, 2, 8}) {
            assertThatThrownBy(() -> RemoteTree.plan(fs, root, root.toString(), OPTS, threads)).as("%d threads", threads)
                    .isInstanceOf(java.net.SocketTimeoutException.class)
                    .hasMessage("name node did not answer for " + inode + "repo60/broken/.git");
        }
    }

    static List<String> full(List<Split> splits) {
        return splits.stream().map(s -> s.name() + " " + s.sizeBytes() + " " + DirectoryReader.describe(s)).toList();
    }

    private static void write(java.nio.file.Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListingThreadCountThatIsNotOneOrMoreIsRefusedNamingTheKey() {
        assertThat(Locations.threads(null)).isEqualTo(8);
        assertThat(Locations.threads("1")).isEqualTo(1);
        assertThat(Locations.threads(" 16 ")).isEqualTo(16);
        for (String bad : new String[] {"0", "-1", "abc", "", "2.5", "40000"}) {
            assertThatThrownBy(() -> Locations.threads(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("spark.codemill.listingThreads must be a whole number of listing threads from 1 to 32767"
                            + " (1: the driver's thread alone), not '" + bad + "'");
        }
    }
}
