package dev.codemill.spark;

import dev.codemill.run.OutputClaim;
import dev.codemill.run.RunPlan;
import dev.codemill.run.RunResult;
import dev.codemill.spark.storage.HadoopFs;
import dev.codemill.spark.storage.Locations;
import dev.codemill.spark.storage.RemoteOut;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark run whose inputs or OUT are Hadoop FileSystem URIs (the CLI's path for them): checks,
 * claims OUT on its storage, runs the session and publishes (docs/spark.md, "Storage").
 */
final class StorageRun {
    private StorageRun() {
    }

    /**
     * Inputs and OUT as locations, local paths or Hadoop FileSystem URIs ({@code hdfs://},
     * {@code s3a://}, {@code gs://}, {@code file://}): every input must exist and every scheme's
     * connector be on the class path before OUT is claimed ({@link RemoteOut}, or
     * {@link OutputClaim} for a local OUT) and the Spark session starts. Writes {@code report.html}.
     */
    static RunResult run(SparkConf conf, RunPlan plan, List<String> inputs, String out, boolean overwrite, boolean resume)
            throws IOException {
        org.apache.hadoop.conf.Configuration hadoop = org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(conf);
        List<String> located = Locations.absolute(inputs, hadoop);
        Locations.requireExisting(located, hadoop);
        if (!HadoopFs.isUri(out)) {
            Path outDir = Path.of(out);
            try (OutputClaim claim = OutputClaim.acquire(outDir, overwrite)) {
                RunResult r = session(conf, plan, located, outDir, null, resume);
                dev.codemill.report.Report.write(outDir);
                return r;
            }
        }
        try (RemoteOut remote = RemoteOut.claim(out, overwrite, hadoop)) {
            RunResult r = session(conf, plan, located, remote.view(), remote, resume);
            dev.codemill.report.Report.write(remote.view());
            remote.publish();
            // published: the phase checkpoints (PhaseCheckpoints) of this run are spent
            PhaseCheckpoints.delete(HadoopFs.of(remote.root(), hadoop), remote.root());
            return new RunResult(r.stats(), r.wallSeconds(), Path.of(remote.root().toString()));
        }
    }

    private static RunResult session(SparkConf conf, RunPlan plan, List<String> inputs, Path outDir, RemoteOut remote,
                                     boolean resume) throws IOException {
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        try {
            return SparkRunner.run(new JavaSparkContext(session.sparkContext()), plan, inputs, outDir, remote, resume);
        } finally {
            session.stop();
        }
    }

}
