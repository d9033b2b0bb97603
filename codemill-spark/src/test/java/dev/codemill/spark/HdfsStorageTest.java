package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import dev.codemill.spark.storage.Locations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codemill run --runner spark} with INPUT and OUT on an in-JVM HDFS (Hadoop's
 * {@link MiniDFSCluster}, one name node and one data node on loopback): the files of OUT have
 * the same names and bytes as the local runner's OUT for the same input (a folder of five
 * repositories and a JSONL dump written here, with a duplicate, a file over
 * {@code max_file_bytes}, a nested git repository and a malformed dump line), a branch
 * included, replacing an earlier run's output there (its stale parts and branch folder go); a missing input, an OUT holding foreign files and a
 * scheme without its connector are refused with exit 2 before anything is written. Skipped,
 * saying why, when the mini cluster cannot start here.
 */
class HdfsStorageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RECIPE = """
            seed: 5
            ingest: {max_file_bytes: 2000}
            stages: [{type: decode}, {type: language}, {type: exact_dedup}, {type: tokens}]
            output: {formats: [parquet, jsonl, megatron]}
            branches:
              - {name: early, from: language, stages: [{type: exact_dedup}]}
            """;

    @TempDir
    static Path base;
    static MiniDFSCluster cluster;
    static FileSystem fs;
    static String hdfs;

    @BeforeAll
    static void startHdfs() {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        try {
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
            fs = cluster.getFileSystem();
        } catch (Throwable e) {
            Assumptions.abort("an in-JVM HDFS (MiniDFSCluster of hadoop-client-minicluster) cannot start here: " + e);
        }
        hdfs = fs.getUri().toString();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void hdfsInputAndOutputGiveTheLocalRunnersFiles() throws Exception {
        Path in = base.resolve("in");
        write(in.resolve("shop/money.py"), """
                class Money:
                    def __init__(self, cents):
                        self.cents = cents


                def add(a, b):
                    return Money(a.cents + b.cents)
                """);
        write(in.resolve("shop/cart.py"), """
                from money import Money, add


                class Cart:
                    def __init__(self):
                        self.total = Money(0)

                    def put(self, price):
                        self.total = add(self.total, price)
                """);
        write(in.resolve("shop/money_copy.py"), Files.readString(in.resolve("shop/money.py")));
        write(in.resolve("bank/src/bank/Account.java"), """
                package bank;

                /** A bank account holding a balance in cents. */
                public class Account {
                    private long balance;

                    public void deposit(long amount) {
                        balance += amount;
                    }
                }
                """);
        write(in.resolve("bank/big.txt"), "x".repeat(3000) + "\n"); // over max_file_bytes: too_large
        write(in.resolve("web/app.js"), "export function total(xs) {\n  return xs.reduce((a, b) => a + b, 0);\n}\n");
        write(in.resolve("vendor/lib/.git/HEAD"), "ref: refs/heads/main\n"); // a repository of its own: vendor/lib
        write(in.resolve("vendor/lib/util.py"), "def clamp(x, lo, hi):\n    return max(lo, min(x, hi))\n");
        write(in.resolve("NOTES.md"), "# Notes\n\nFiles in the root have no repository.\n");
        Path dump = base.resolve("dump.jsonl");
        write(dump, """
                {"content": "def square(x):\\n    return x * x\\n", "path": "sq.py", "repo_name": "dump/math"}
                {"content": "fn main() {\\n    println!(\\"hi\\");\\n}\\n", "path": "main.rs", "repo_name": "dump/hello"}
                {"content": "not closed
                {"content": "def square(x):\\n    return x * x\\n", "path": "sq2.py", "repo_name": "dump/math"}
                """);
        Path recipe = write(base.resolve("r.yaml"), RECIPE);
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(in.toUri()), new org.apache.hadoop.fs.Path(hdfs + "/corpus/in"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(dump.toUri()), new org.apache.hadoop.fs.Path(hdfs + "/corpus/dump.jsonl"));

        Path local = base.resolve("local");
        assertThat(Main.execute("run", in.toString(), dump.toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe.toString())).isZero();
        // OUT holds an earlier run's output: its data, stats.json and a branch folder its manifest names go
        String out = hdfs + "/results/out";
        put(out + "/.codemill", Files.readString(local.resolve(".codemill"))); // the marker an earlier run left
        put(out + "/data/part-00099.parquet", "stale");
        put(out + "/stats.json", "{}");
        put(out + "/manifest.json", "{\"recipe\": {\"branches\": [{\"name\": \"gone\"}]}}");
        put(out + "/gone/data/part-00000.jsonl.zst", "stale");
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", hdfs + "/corpus/in",
                hdfs + "/corpus/dump.jsonl", "-o", out, "-q", "--recipe", recipe.toString())).isZero();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(out + "/.codemill-work"))).as("work folder removed").isFalse();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(out + "/.codemill.lock"))).as("lock released").isFalse();
        Path fetched = base.resolve("fetched");
        fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(out), new org.apache.hadoop.fs.Path(fetched.toUri()), true);
        sameFiles(local, fetched);
        JsonNode stats = JSON.readTree(local.resolve("stats.json").toFile());
        assertThat(stats.path("documents").path("kept").asLong()).isEqualTo(8);
        assertThat(files(local)).contains(Path.of("early/manifest.json"), Path.of("tokens/megatron-00000.bin"));
    }

    @Test
    void theParallelListingOfAnHdfsFolderIsTheOneThreadListing() throws Exception {
        // spark.codemill.listingThreads: many repositories of nested folders, listed on 1 and on 8 threads
        // (empty files: a file with bytes costs the mini cluster a block pipeline, about a second each here)
        Path in = dev.codemill.spark.storage.ParallelLocationsTest.tree(base.resolve("listing"), 15, true);
        try (Stream<Path> walk = Files.walk(in)) {
            for (Path p : walk.toList()) {
                org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(hdfs + "/listing/" + in.relativize(p));
                if (Files.isDirectory(p)) {
                    fs.mkdirs(to);
                } else if (Files.size(p) == 0) {
                    fs.create(to, true).close();
                } else {
                    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(p.toUri()), to);
                }
            }
        }
        Configuration conf = fs.getConf();
        List<String> uri = Locations.absolute(List.of(hdfs + "/listing"), conf);
        Locations.Listing one = Locations.list(uri, LISTING, conf, 1);
        Locations.Listing many = Locations.list(uri, LISTING, conf, 8);
        Locations.Listing local = Locations.list(List.of(in.toString()), LISTING, conf, 1);
        assertThat(one.splits().size()).isGreaterThan(15);
        assertThat(dev.codemill.spark.storage.ParallelLocationsTest.names(one.splits())).containsExactlyElementsOf(
                dev.codemill.spark.storage.ParallelLocationsTest.names(local.splits()).stream()
                        .map(n -> uri.get(0) + n.substring(in.toString().length())).toList());
        assertThat(dev.codemill.spark.storage.ParallelLocationsTest.shipped(many))
                .containsExactlyElementsOf(dev.codemill.spark.storage.ParallelLocationsTest.shipped(one));
    }

    static final dev.codemill.plan.IngestOptions LISTING =
            new dev.codemill.plan.IngestOptions(100, 100, 3, "content", "path", "repo_name", "id");

    /**
     * Same names (but the local lock file, which a local run keeps) and bytes, every file: stats.json
     * after its timings are zeroed (main and branch folder), report.html rebuilt from the files
     * ({@link SparkEquivalenceTest#normaliseTimings}).
     */
    private static void sameFiles(Path local, Path remote) throws IOException {
        for (Path out : List.of(local, remote)) {
            SparkEquivalenceTest.normaliseTimings(out);
            SparkEquivalenceTest.normaliseStats(out.resolve("early/stats.json"));
        }
        List<Path> names = new ArrayList<>(files(local));
        names.remove(Path.of(".codemill.lock"));
        assertThat(files(remote)).containsExactlyElementsOf(names);
        for (Path f : names) {
            assertThat(Files.readAllBytes(remote.resolve(f))).as("%s has the same bytes", f)
                    .isEqualTo(Files.readAllBytes(local.resolve(f)));
        }
    }

    @Test
    void aMissingInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        String out = hdfs + "/refused/missing";
        Result r = run("run", "--runner", "spark", "--master", "local[1]", hdfs + "/nowhere", "-o", out, "-q");
        assertThat(r.code).isEqualTo(Main.USAGE);
        assertThat(r.err).contains("no such input: " + hdfs + "/nowhere");
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(out))).isFalse();
    }

    @Test
    void anOutputHoldingForeignFilesIsRefusedWithoutOverwrite() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs + "/refused/foreign"));
        try (var o = fs.create(new org.apache.hadoop.fs.Path(hdfs + "/refused/foreign/notes.txt"))) {
            o.write("mine\n".getBytes(StandardCharsets.UTF_8));
        }
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs + "/refused/in"));
        try (var o = fs.create(new org.apache.hadoop.fs.Path(hdfs + "/refused/in/a.py"))) {
            o.write("print(1)\n".getBytes(StandardCharsets.UTF_8));
        }
        Result r = run("run", "--runner", "spark", "--master", "local[1]", hdfs + "/refused/in", "-o",
                hdfs + "/refused/foreign", "-q");
        assertThat(r.code).isEqualTo(Main.USAGE);
        assertThat(r.err).contains("holds files Codemill did not write (notes.txt)").contains("--overwrite");
        List<String> left = new ArrayList<>();
        for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/refused/foreign"))) {
            left.add(s.getPath().getName());
        }
        assertThat(left).containsExactly("notes.txt");
    }

    @Test
    void aSchemeWithoutItsConnectorIsAUsageErrorNamingIt() throws Exception {
        Path in = write(base.resolve("s3/a.py"), "print(1)\n");
        Result r = run("run", "--runner", "spark", "--master", "local[1]", in.getParent().toString(), "-o",
                "s3a://bucket/out", "-q");
        assertThat(r.code).isEqualTo(Main.USAGE);
        assertThat(r.err).contains("s3a://").contains("hadoop-aws");
    }

    record Result(int code, String err) {
    }

    private static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private static void put(String uri, String text) throws IOException {
        try (var o = fs.create(new org.apache.hadoop.fs.Path(uri), true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }
}
