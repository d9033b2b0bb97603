package dev.codemill.spark.storage;

import dev.codemill.run.ExternalRunner;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkEnv;

/**
 * Where a location string lives: a local path, or a URI of a Hadoop {@link FileSystem}
 * ({@code file://}, {@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://} …), and the
 * file system that serves it. A scheme whose connector is not on the class path is a usage error
 * (exit 2) naming the connector to add, before anything is read or written.
 */
public final class HadoopFs {
    /** {@code scheme:/…}: two or more scheme characters, so a Windows drive ({@code C:/x}) is not a URI. */
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /** The artifact that serves each well-known scheme, for the missing-connector message. */
    private static final Map<String, String> CONNECTORS = Map.of(
            "s3a", "the S3A connector (org.apache.hadoop:hadoop-aws of the Hadoop version Spark ships, and the AWS SDK "
                    + "bundle it depends on)",
            "gs", "the Cloud Storage connector (com.google.cloud.bigdataoss:gcs-connector, hadoop3 build, shaded)",
            "abfs", "the ABFS connector (org.apache.hadoop:hadoop-azure)",
            "abfss", "the ABFS connector (org.apache.hadoop:hadoop-azure)",
            "wasb", "the WASB connector (org.apache.hadoop:hadoop-azure)",
            "hdfs", "the HDFS client (org.apache.hadoop:hadoop-client-runtime, which Spark's jars include)");

    private HadoopFs() {
    }

    /** True for {@code scheme:/…} and {@code scheme://…}; false for local paths (relative or absolute). */
    public static boolean isUri(String location) {
        return location != null && URI.matcher(location).matches();
    }

    /**
     * The Hadoop configuration of this JVM: Spark's on the driver and on executors (core-site.xml,
     * hdfs-site.xml and every {@code spark.hadoop.*} setting), a plain one outside Spark.
     */
    public static Configuration conf() {
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            return org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(env.conf());
        }
        return new Configuration();
    }

    /**
     * The file system of {@code path} (a fully qualified one when the path has a scheme); for
     * {@code file://} the raw local one (no {@code .crc} files).
     *
     * @throws ExternalRunner.UsageError when no file system implementation is on the class path for its scheme
     */
    public static FileSystem of(Path path, Configuration conf) throws IOException {
        String scheme = path.toUri().getScheme();
        if (scheme != null) {
            try {
                FileSystem.getFileSystemClass(scheme, conf);
            } catch (UnsupportedFileSystemException | RuntimeException e) {
                // no fs.SCHEME.impl and no service entry, or one naming a class that is not there (core-default.xml
                // names S3AFileSystem whether hadoop-aws is on the class path or not)
                String which = CONNECTORS.getOrDefault(scheme.toLowerCase(Locale.ROOT),
                        "a Hadoop FileSystem implementation for '" + scheme + "' (fs." + scheme + ".impl)");
                throw new ExternalRunner.UsageError(scheme + ":// (" + path + ") needs " + which
                        + " on the class path of the driver and the executors (spark-submit --jars or --packages); "
                        + "not found: " + e.getMessage());
            }
        }
        FileSystem fs = path.getFileSystem(conf);
        // file://: the raw local file system, not its checksum wrapper, which would put a .crc file next to every
        // part in OUT (the local runner writes none)
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** {@code location} fully qualified (scheme and authority of its file system), as driver and executors name it. */
    public static String qualified(String location, Configuration conf) throws IOException {
        Path p = new Path(location);
        return of(p, conf).makeQualified(p).toString();
    }
}
