package dev.codemill.spark.storage;

import dev.codemill.io.Inputs;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The splits of the runner's inputs, local paths and Hadoop FileSystem URIs alike, in input
 * order: a local path through {@link Inputs} (the local runner's readers), a URI through its
 * file system: a folder by {@link RemoteTree} (the local folder rules), a file by
 * {@link RemoteFile}. The driver and every executor list the same strings the same way.
 */
public final class Locations {
    private Locations() {
    }

    /**
     * The inputs as the driver ships them: local paths absolute and normalised (an executor's
     * working folder is not the driver's), URIs fully qualified ({@code hdfs:///x} gets the
     * default name node), so that split names and origins are the same strings everywhere.
     */
    public static List<String> absolute(List<String> inputs, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (String in : inputs) {
            out.add(HadoopFs.isUri(in) ? HadoopFs.qualified(in, conf)
                    : java.nio.file.Path.of(in).toAbsolutePath().normalize().toString());
        }
        return out;
    }

    /**
     * Plans the splits of {@code inputs} ({@link #absolute} strings).
     *
     * @throws NoSuchFileException naming the first input that does not exist, before any is listed
     */
    public static List<Split> splits(List<String> inputs, IngestOptions opts, Configuration conf) throws IOException {
        requireExisting(inputs, conf);
        List<Split> out = new ArrayList<>();
        for (String in : inputs) {
            if (!HadoopFs.isUri(in)) {
                out.addAll(Inputs.splits(List.of(java.nio.file.Path.of(in)), opts));
                continue;
            }
            Path p = new Path(in);
            FileSystem fs = HadoopFs.of(p, conf);
            FileStatus st = fs.getFileStatus(p);
            if (st.isDirectory()) {
                out.addAll(RemoteTree.plan(fs, st.getPath(), in, opts));
            } else {
                out.add(new RemoteFile(fs, st.getPath(), in, st.getLen(), opts));
            }
        }
        return out;
    }

    /**
     * @throws NoSuchFileException naming the first of {@code inputs} that does not exist
     * @throws dev.codemill.run.ExternalRunner.UsageError for a URI whose file system connector is missing
     */
    public static void requireExisting(List<String> inputs, Configuration conf) throws IOException {
        for (String in : inputs) {
            boolean exists;
            if (HadoopFs.isUri(in)) {
                Path p = new Path(in);
                exists = HadoopFs.of(p, conf).exists(p);
            } else {
                exists = java.nio.file.Files.exists(java.nio.file.Path.of(in));
            }
            if (!exists) {
                throw new NoSuchFileException(in, null, "input does not exist");
            }
        }
    }
}
