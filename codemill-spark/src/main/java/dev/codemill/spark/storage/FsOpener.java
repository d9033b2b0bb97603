package dev.codemill.spark.storage;

import dev.codemill.io.fs.DirectoryReader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens and measures a walk's files through a Hadoop {@link FileSystem}: {@link RemoteTree}'s batches. */
final class FsOpener implements DirectoryReader.FileOpener<Path> {
    private final FileSystem fs;

    FsOpener(FileSystem fs) {
        this.fs = fs;
    }

    @Override
    public InputStream open(Path file) throws IOException {
        return fs.open(file);
    }

    @Override
    public long size(Path file) throws IOException {
        return fs.getFileStatus(file).getLen();
    }
}
