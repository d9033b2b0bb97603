package dev.codemill.spark.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.plan.BranchSpec;
import dev.codemill.run.BranchFolders;
import dev.codemill.run.ExternalRunner;
import dev.codemill.run.OutputClaim;
import dev.codemill.run.WorkDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * OUT on a Hadoop file system, for one run: claimed like a local OUT ({@link OutputClaim}'s
 * rules), written through a local <b>view</b> on the driver in which the local runner's write tail
 * runs unchanged, and published by renames on the file system.
 *
 * <p>How the bytes move: write tasks write their attempt folders under the view path and
 * {@link PartTarget#upload} them to {@code OUT/.codemill-work/…} (the remote work folder); the
 * driver then puts an empty stand-in of each uploaded file in the view ({@link #standIns}: a
 * sparse file of the same length, so the manifest's sizes are right, with the modification time
 * {@link #STAND_IN_TIME}) and remembers which remote file it stands for, by the local file's key.
 * The tail ({@code WriteTail.publish}: the job-level commit renaming the
 * parts of the attempts whose results the driver got, manifest.json, examples.json, the card,
 * stats.json) and the report run on the view; {@link #publish} then mirrors the view into OUT:
 * every stand-in by a rename of its remote file (a metadata operation on HDFS; no bytes through
 * the driver), the small files the driver wrote by an upload, {@code stats.json} last. A file of
 * failed or duplicate attempts is never renamed, and goes with the remote work folder.
 *
 * <p>Claim: OUT that exists and is not a folder, or holds files without the marker
 * {@value OutputClaim#MARKER} (unless {@code overwrite}), is refused (exit 2) before anything is
 * written; one run at a time through {@value OutputClaim#LOCK}, created exclusively (a file system
 * has no process locks, so a run killed with {@code kill -9} leaves it behind: the message says
 * to delete it).
 */
public final class RemoteOut implements AutoCloseable {
    /** What a run replaces in OUT besides the branch folders (the local Publisher's list). */
    static final List<String> FOLDERS = List.of("data", "ledger", "tokens", "review");
    /** The files the driver writes, in upload order: stats.json last marks a complete output. */
    static final List<String> FILES = List.of("manifest.json", "examples.json", "README.md", "report.html", "stats.json");

    private final FileSystem fs;
    private final Path root;
    private final Path lock;
    private final java.nio.file.Path view;
    private final Map<Object, StandIn> standIns = new ConcurrentHashMap<>();

    /**
     * Every stand-in's modification time: no file the driver writes has it. A file key alone does not
     * name a stand-in for good: one deleted from the view (a branch run's uncommitted attempt, gone with
     * that run's work folder) frees its inode, which ext4 hands to the next new file at once.
     */
    static final FileTime STAND_IN_TIME = FileTime.fromMillis(0);

    /** The remote file a stand-in stands for, and its length. */
    private record StandIn(Path remote, long length) {
    }
    private boolean published;

    private RemoteOut(FileSystem fs, Path root, Path lock, java.nio.file.Path view) {
        this.fs = fs;
        this.root = root;
        this.lock = lock;
        this.view = view;
    }

    /**
     * Claims {@code out} (a URI), creating it when missing.
     *
     * @throws ExternalRunner.UsageError when another run holds it, it is a file, or it holds files
     *                                   Codemill did not write and {@code overwrite} is false
     */
    public static RemoteOut claim(String out, boolean overwrite, Configuration conf) throws IOException {
        Path given = new Path(out);
        FileSystem fs = HadoopFs.of(given, conf);
        Path root = fs.makeQualified(given);
        if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
            throw new ExternalRunner.UsageError("output " + root + " exists and is not a folder");
        }
        boolean marked = fs.exists(new Path(root, OutputClaim.MARKER));
        if (!marked && !overwrite && fs.exists(root)) {
            List<String> foreign = new ArrayList<>();
            for (FileStatus s : fs.listStatus(root)) {
                if (!s.getPath().getName().equals(OutputClaim.LOCK)) {
                    foreign.add(s.getPath().getName() + (s.isDirectory() ? "/" : ""));
                }
            }
            foreign.sort(null);
            if (!foreign.isEmpty()) {
                throw new ExternalRunner.UsageError("output folder " + root + " holds files Codemill did not write ("
                        + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", …" : "")
                        + "); choose a new or empty folder, or pass --overwrite to let Codemill replace its own outputs "
                        + "there (data/, ledger/, manifest.json, stats.json, ...)");
            }
        }
        fs.mkdirs(root);
        Path lock = new Path(root, OutputClaim.LOCK);
        try (OutputStream o = fs.create(lock, false)) {
            o.write(("codemill run since " + java.time.Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new ExternalRunner.UsageError("another codemill run is writing " + root + " (it holds " + lock
                    + "); wait for it or choose another output folder; if no run is writing there (one was killed), "
                    + "delete " + lock);
        }
        if (!marked) {
            try (OutputStream o = fs.create(new Path(root, OutputClaim.MARKER), true)) {
                o.write(("This folder is written by Codemill; a run replaces its data/, ledger/, manifest.json, stats.json, "
                        + "examples.json, README.md, report.html and output folders.\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        java.nio.file.Path view = Files.createTempDirectory("codemill-out-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        RemoteOut r = new RemoteOut(fs, root, lock, view);
        r.deleteWork(); // a left-over work folder of a killed run
        return r;
    }

    /** OUT as a qualified URI. */
    public Path root() {
        return root;
    }

    /** The driver's local view of OUT, where the write tail runs. */
    public java.nio.file.Path view() {
        return view;
    }

    /** What write tasks need to put their attempt folders on the file system. */
    public PartTarget target() {
        return new PartTarget(view.toString(), root.toString());
    }

    /**
     * Puts a stand-in into the view for every file uploaded under the view folder {@code dir} (the
     * write job's parts folder, after its tasks ended): a sparse local file of the remote file's
     * length, remembered by its file key, which survives the tail's local renames.
     */
    public void standIns(java.nio.file.Path dir) throws IOException {
        Path remote = target().remoteOf(dir);
        if (!fs.exists(remote)) {
            return;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(remote, true);
        while (it.hasNext()) {
            LocatedFileStatus s = it.next();
            java.nio.file.Path local = dir.resolve(RemoteTree.relative(remote, s.getPath()));
            Files.createDirectories(local.getParent());
            try (RandomAccessFile f = new RandomAccessFile(local.toFile(), "rw")) {
                f.setLength(s.getLen());
            }
            Files.setLastModifiedTime(local, STAND_IN_TIME);
            BasicFileAttributes a = Files.readAttributes(local, BasicFileAttributes.class);
            Object key = a.fileKey();
            if (!a.lastModifiedTime().equals(STAND_IN_TIME)) {
                // publish would take the stand-in for a new file and upload its zeros
                throw new IOException("the local file system of " + view + " does not keep a file's modification time "
                        + STAND_IN_TIME + "; an OUT on " + root.toUri().getScheme() + ":// needs a POSIX temporary folder on the driver");
            }
            if (key == null) {
                throw new IOException("the local file system of " + view + " gives no file keys; an OUT on "
                        + root.toUri().getScheme() + ":// needs a POSIX temporary folder on the driver");
            }
            standIns.put(key, new StandIn(s.getPath(), s.getLen()));
        }
    }

    /**
     * Refuses, before anything is moved, when a branch folder the publish would replace (this run's or
     * the earlier run's) has no {@value OutputClaim#MARKER} and holds files Codemill does not write
     * there: {@link BranchFolders}, the local publish's rule.
     *
     * @throws ExternalRunner.UsageError naming the folder and the foreign entries
     */
    private void checkBranchFolders(java.util.Set<String> names) throws IOException {
        for (String name : names) {
            Path dir = new Path(root, name);
            if (FOLDERS.contains(name) || !fs.exists(dir) || fs.exists(new Path(dir, OutputClaim.MARKER))) {
                continue;
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new ExternalRunner.UsageError("branch folder " + dir + " is a file Codemill did not write; the run "
                        + "would replace it: move it, or name the branch differently");
            }
            List<String> entries = new ArrayList<>();
            for (FileStatus st : fs.listStatus(dir)) {
                entries.add(st.getPath().getName() + (st.isDirectory() ? "/" : ""));
            }
            String why = BranchFolders.refusal(dir.toString(), entries);
            if (why != null) {
                throw new ExternalRunner.UsageError(why);
            }
        }
    }

    /**
     * Publishes the finished view into OUT, with the local Publisher's order: the old
     * {@code stats.json} and the other files the driver writes go first (a run killed while
     * swapping never leaves new data next to old stats), the folders a run replaces (and the old
     * run's branch folders) are moved into the remote work folder, every stand-in's remote file is
     * renamed to its place, the other files of the view are uploaded, {@code stats.json} last; then
     * the remote work folder is deleted.
     */
    public void publish() throws IOException {
        Path work = new Path(root, WorkDir.NAME);
        TreeSet<String> replaced = new TreeSet<>(FOLDERS);
        replaced.addAll(previousBranches());
        try (Stream<java.nio.file.Path> top = Files.list(view)) {
            top.filter(Files::isDirectory).forEach(p -> replaced.add(p.getFileName().toString()));
        }
        replaced.remove(WorkDir.NAME);
        checkBranchFolders(replaced);
        for (String f : List.of("stats.json", "report.html", "manifest.json", "examples.json", "README.md")) {
            fs.delete(new Path(root, f), false);
        }
        fs.mkdirs(work);
        for (String name : replaced) {
            Path target = new Path(root, name);
            if (fs.exists(target)) {
                rename(target, new Path(work, "old-" + name));
            }
        }
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(view)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (java.nio.file.Path f : files) {
            String rel = view.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith(WorkDir.NAME + "/") || (FILES.contains(rel))) {
                continue;
            }
            Path dst = new Path(root, rel);
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            StandIn in = standIns.get(a.fileKey());
            // the key of a deleted stand-in may now be a new file's: that one is uploaded
            if (in != null && a.lastModifiedTime().equals(STAND_IN_TIME) && a.size() == in.length()) {
                fs.mkdirs(dst.getParent());
                rename(in.remote(), dst);
            } else {
                upload(f, dst);
            }
        }
        for (String name : FILES) {
            java.nio.file.Path f = view.resolve(name);
            if (Files.isRegularFile(f)) {
                upload(f, new Path(root, name));
            }
        }
        published = true;
        deleteWork();
    }

    /** The branch names the manifest.json in OUT (an earlier run's) names, as the local {@code BranchOutputs}. */
    private List<String> previousBranches() {
        List<String> out = new ArrayList<>();
        try (InputStream in = fs.open(new Path(root, "manifest.json"))) {
            for (JsonNode b : new ObjectMapper().readTree(in).path("recipe").path("branches")) {
                String name = b.path("name").asText("");
                if (BranchSpec.NAME.matcher(name).matches() && !BranchSpec.RESERVED.contains(name)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            // none, or unreadable: it names nothing (its own file is replaced anyway)
        }
        return out;
    }

    /** A rename that must happen as asked: the target must not exist (HDFS would move a folder into it). */
    private void rename(Path src, Path dst) throws IOException {
        if (fs.exists(dst)) {
            throw new IOException("cannot rename " + src + " to " + dst + ": the target exists");
        }
        if (!fs.rename(src, dst)) {
            throw new IOException("rename of " + src + " to " + dst + " failed on " + fs.getUri());
        }
    }

    /** Uploads a small local file under a temporary name, then renames it into place. */
    private void upload(java.nio.file.Path local, Path dst) throws IOException {
        Path tmp = new Path(dst.getParent(), "." + dst.getName() + ".tmp");
        fs.delete(tmp, false);
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
        if (fs.exists(dst)) {
            fs.delete(dst, false);
        }
        rename(tmp, dst);
    }

    private void deleteWork() throws IOException {
        fs.delete(new Path(root, WorkDir.NAME), true);
    }

    /** Deletes the remote work folder (attempt folders of a failed run too), the lock and the view. */
    @Override
    public void close() throws IOException {
        try {
            if (!published) {
                deleteWork();
            }
        } finally {
            try {
                fs.delete(lock, false);
            } finally {
                LocalTrees.deleteQuietly(view);
            }
        }
    }
}
