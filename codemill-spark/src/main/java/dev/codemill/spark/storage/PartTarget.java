package dev.codemill.spark.storage;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a write task's parts go when OUT is on a Hadoop file system: the task writes its attempt
 * folder under the driver's local view of OUT ({@code viewRoot}, the same path string on every
 * executor, so that the part names in its result are the ones the driver commits), then
 * {@link #upload}s it to the same place under {@code remoteRoot} and removes the local copy. No
 * byte of a part passes through the driver.
 *
 * @param viewRoot   the driver's local view of OUT (an absolute local path)
 * @param remoteRoot OUT, a qualified URI
 */
public record PartTarget(String viewRoot, String remoteRoot) implements Serializable {
    /** The remote twin of a local path under {@link #viewRoot}. */
    public Path remoteOf(java.nio.file.Path view) {
        java.nio.file.Path rel = java.nio.file.Path.of(viewRoot).relativize(view.toAbsolutePath().normalize());
        if (rel.startsWith("..")) {
            throw new IllegalArgumentException(view + " is not under " + viewRoot);
        }
        return rel.toString().isEmpty() ? new Path(remoteRoot) : new Path(remoteRoot + "/" + rel.toString().replace('\\', '/'));
    }

    /**
     * Copies the attempt folder {@code dir} (written locally under the view) to its remote twin,
     * then deletes the local copy. An attempt folder that is already there remotely (the same task
     * attempt id twice cannot happen) is an error, never merged.
     */
    public void upload(java.nio.file.Path dir) throws IOException {
        Path remote = remoteOf(dir);
        FileSystem fs = HadoopFs.of(remote, HadoopFs.conf());
        if (fs.exists(remote)) {
            throw new IOException("attempt folder " + remote + " exists already");
        }
        fs.mkdirs(remote.getParent());
        if (Files.isDirectory(dir)) {
            fs.copyFromLocalFile(false, false, new Path(dir.toUri()), remote);
        } else {
            fs.mkdirs(remote); // a partition without any part file
        }
        // The view's empty parent folders stay on an executor (another task may be creating its attempt folder there).
        LocalTrees.deleteQuietly(dir);
    }
}
