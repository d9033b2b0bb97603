package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.write;
import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase checkpoints and {@code --resume} on the Spark runner ({@link PhaseCheckpoints}): a run
 * with {@code spark.codemill.checkpoint=true} whose driver fails right after checkpoint k
 * ({@code spark.codemill.test.failAfterCheckpoint}), then {@code --resume}, must give every file of
 * an uninterrupted run byte for byte (stats.json and report.html after zeroing the timings; the
 * same phase names in {@code phase_seconds}), for k = 1 (after the {@code license} group stage)
 * and k = 3 (after {@code near_dedup}). A resume into the checkpoints of another recipe is refused
 * (exit 2) and leaves them; with the checkpoints off nothing is saved (the fault, which fires after
 * a save, never fires). Input written here: three repositories, 9 files, one exact and one near
 * duplicate; recipe with a group stage, {@code exact_dedup}, {@code near_dedup} and two branches
 * (one fed from {@code exact_dedup}, so branch copies are side records of the checkpoints). The
 * same with OUT on an in-JVM HDFS, k = 2 (skipped, saying why, when the mini cluster cannot start).
 */
class SparkResumeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String RECIPE = """
            seed: 11
            stages: [{type: decode}, {type: language}, {type: license}, {type: exact_dedup}, {type: near_dedup}]
            output: {formats: [parquet, jsonl]}
            branches:
              - {name: fim, stages: [{type: fim}]}
              - {name: repo_samples, from: exact_dedup, stages: [{type: repo_samples}]}
            """;

    /** The stats.json files of a run. */
    static final List<String> STATS = List.of("stats.json", "fim/stats.json", "repo_samples/stats.json");
    /** The phase names in each stats.json of the uninterrupted run. */
    static final java.util.Map<String, List<String>> PHASES = new java.util.HashMap<>();

    @TempDir
    static Path dir;
    static Path in;
    static Path plain;
    static String recipe;

    @BeforeAll
    static void uninterrupted() throws Exception {
        in = dir.resolve("in");
        StringBuilder table = new StringBuilder("\"\"\"Unit conversions used by the shop.\"\"\"\n\n");
        for (int i = 0; i < 40; i++) {
            table.append("def convert_").append(i).append("(value):\n    return value * ").append(i * 7 + 3)
                    .append(" + ").append(i % 5).append("\n\n\n");
        }
        write(in.resolve("shop/shop/units.py"), table.toString());
        // a near duplicate: one function changed
        write(in.resolve("depot/lib/units.py"), table.toString().replace("return value * 73 + 0", "return value * 74 + 1"));
        write(in.resolve("shop/shop/money.py"), """
                # SPDX-License-Identifier: MIT
                \"\"\"Amounts of money in cents.\"\"\"


                class Money:
                    def __init__(self, cents):
                        self.cents = cents


                def add(a, b):
                    return Money(a.cents + b.cents)
                """);
        write(in.resolve("shop/shop/money_copy.py"), Files.readString(in.resolve("shop/shop/money.py"))); // exact
        write(in.resolve("shop/LICENSE"), "MIT License\n\nCopyright (c) 2026 Shop\n\nPermission is hereby granted, free "
                + "of charge, to any person obtaining a copy of this software.\n");
        write(in.resolve("bank/src/main/java/bank/Account.java"), """
                // SPDX-License-Identifier: Apache-2.0
                package bank;

                /** A bank account holding a balance in cents. */
                public class Account {
                    private long balance;

                    public void deposit(long amount) {
                        balance += amount;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/Teller.java"), """
                // SPDX-License-Identifier: Apache-2.0
                package bank;

                /** Opens accounts with a first deposit. */
                public class Teller {
                    public Account open(long amount) {
                        Account a = new Account();
                        a.deposit(amount);
                        return a;
                    }
                }
                """);
        write(in.resolve("bank/README.md"), "# bank\n\nAccounts and tellers.\n");
        write(in.resolve("depot/notes.txt"), "plain notes\nsecond line\n");
        Files.writeString(dir.resolve("r.yaml"), RECIPE);
        recipe = dir.resolve("r.yaml").toString();
        plain = dir.resolve("plain");
        // checkpoints off: the fault (which fires after a checkpoint is saved) never fires, nothing is saved
        System.setProperty(Faults.FAIL_AFTER_CHECKPOINT, "0");
        try {
            assertThat(spark(plain)).isZero();
        } finally {
            System.clearProperty(Faults.FAIL_AFTER_CHECKPOINT);
        }
        assertThat(plain.resolve(PhaseCheckpoints.DIR)).doesNotExist();
        JsonNode stats = JSON.readTree(plain.resolve("stats.json").toFile());
        JsonNode docs = stats.path("documents");
        assertThat(docs.path("in").asInt()).as("%s", docs).isEqualTo(9);
        assertThat(docs.path("kept").asInt()).as("%s", docs).isEqualTo(7);
        assertThat(stats.path("clusters").path("near_dedup").path("clusters").asInt()).as("%s", stats.path("clusters"))
                .isEqualTo(1);
        for (String f : STATS) {
            List<String> names = new ArrayList<>();
            JSON.readTree(plain.resolve(f).toFile()).path("run").path("phase_seconds").fieldNames().forEachRemaining(names::add);
            PHASES.put(f, names);
        }
        assertThat(PHASES.get("stats.json")).containsExactly("reading", "license", "exact_dedup", "near_dedup", "counts",
                "branches", "writing");
        normalise(plain);
    }

    /** Timings zeroed in every stats.json, report.html rebuilt ({@link SparkEquivalenceTest#normaliseTimings}). */
    private static void normalise(Path out) throws IOException {
        for (String f : STATS.subList(1, STATS.size())) {
            SparkEquivalenceTest.normaliseStats(out.resolve(f));
        }
        SparkEquivalenceTest.normaliseTimings(out);
    }

    @Test
    void aRunThatFailsAfterTheGroupStageResumesToTheSameFiles() throws Exception {
        failThenResume(1, "reading, license");
    }

    @Test
    void aRunThatFailsAfterNearDedupResumesToTheSameFiles() throws Exception {
        failThenResume(3, "reading, license, exact_dedup, near_dedup");
    }

    /**
     * A resumed run that fails again (after checkpoint 3) and is resumed once more: checkpoint 3 of
     * the resumed run holds the side records of reading and {@code license} (from checkpoint 1) once,
     * so the counts and files still equal the uninterrupted run's.
     */
    @Test
    void aResumedRunThatFailsAgainResumesToTheSameFiles() throws Exception {
        Path out = dir.resolve("twice");
        failAfter(out, 1);
        System.setProperty(PhaseCheckpoints.CONF, "true");
        System.setProperty(Faults.FAIL_AFTER_CHECKPOINT, "3");
        try {
            assertThat(spark(out, "--resume")).isEqualTo(4);
        } finally {
            System.clearProperty(Faults.FAIL_AFTER_CHECKPOINT);
        }
        String err;
        try {
            err = stderrOf(() -> assertThat(spark(out, "--resume")).isZero());
        } finally {
            System.clearProperty(PhaseCheckpoints.CONF);
        }
        assertThat(err).contains("codemill: resumed: reading, license, exact_dedup, near_dedup were done (checkpoint 3)");
        assertSameOutput(out);
    }

    /**
     * An aggregate stage ({@code mix}) after a resume from the last phase: its summaries come from
     * the documents read back from the checkpoint (other partitions than the uninterrupted run's),
     * the mixture plan and every file are the same.
     */
    @Test
    void aMixRunThatFailsAfterItsLastPhaseResumesToTheSameFiles() throws Exception {
        Path mix = dir.resolve("mix.yaml");
        Files.writeString(mix, """
                seed: 5
                stages: [{type: decode}, {type: language}, {type: exact_dedup}, {type: tokens, tokenizer: cl100k_base}]
                output: {formats: [parquet, jsonl]}
                mix: {total_tokens: 3000, targets: {Python: 0.5, Java: 0.3}, max_epochs: 3}
                """);
        Path a = dir.resolve("mix-plain");
        Path b = dir.resolve("mix-resumed");
        List<String> common = List.of("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-q",
                "--recipe", mix.toString());
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("-o", a.toString()));
        assertThat(Main.execute(args.toArray(String[]::new))).isZero();
        System.setProperty(PhaseCheckpoints.CONF, "true");
        try {
            List<String> toB = new ArrayList<>(common);
            toB.addAll(List.of("-o", b.toString()));
            System.setProperty(Faults.FAIL_AFTER_CHECKPOINT, "1");
            try {
                assertThat(Main.execute(toB.toArray(String[]::new))).isEqualTo(4);
            } finally {
                System.clearProperty(Faults.FAIL_AFTER_CHECKPOINT);
            }
            toB.add("--resume");
            String err = stderrOf(() -> assertThat(Main.execute(toB.toArray(String[]::new))).isZero());
            assertThat(err).contains("codemill: resumed: reading, exact_dedup were done (checkpoint 1)");
        } finally {
            System.clearProperty(PhaseCheckpoints.CONF);
        }
        SparkEquivalenceTest.normaliseTimings(a);
        SparkEquivalenceTest.normaliseTimings(b);
        List<Path> files = files(a);
        assertThat(files).contains(Path.of("stats.json"));
        assertThat(files(b)).containsExactlyElementsOf(files);
        for (Path f : files) {
            if (!f.toString().equals(".codemill.lock")) {
                assertThat(java.util.Arrays.equals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f))))
                        .as("%s has the same bytes", f).isTrue();
            }
        }
    }

    @Test
    void aResumeIntoAnotherRecipesCheckpointsIsRefused() throws Exception {
        Path out = dir.resolve("other");
        failAfter(out, 0);
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, RECIPE.replace("seed: 11", "seed: 12"));
        String err = stderrOf(() -> assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]",
                in.toString(), "-o", out.toString(), "-q", "--recipe", other.toString(), "--resume")).isEqualTo(2));
        assertThat(err).contains("cannot resume: ").contains("holds the checkpoints of a run with other inputs, recipe or "
                + "output settings; run without --resume to start over");
        assertThat(out.resolve(PhaseCheckpoints.DIR).resolve("phase-0000.marker")).as("left as it was").exists();
        assertThat(out.resolve("stats.json")).doesNotExist();
        // without --resume the run starts over: the checkpoints go, the run publishes
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o", out.toString(),
                "-q", "--recipe", other.toString())).isZero();
        assertThat(out.resolve(PhaseCheckpoints.DIR)).doesNotExist();
        // --resume with no checkpoint: the run starts from the beginning (safe to add to every retry)
        String again = stderrOf(() -> assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]",
                in.toString(), "-o", out.toString(), "-q", "--recipe", other.toString(), "--resume")).isZero());
        assertThat(again).doesNotContain("resumed:");
        assertThat(out.resolve(PhaseCheckpoints.DIR)).doesNotExist();
    }

    /**
     * The raw documents a failed checkpointed Spark run left in OUT must not outlive a later run
     * that publishes there: a local run into the same OUT (which cannot resume them) deletes them.
     */
    @Test
    void aLocalRunIntoTheOutOfAFailedSparkRunDeletesItsCheckpoints() throws Exception {
        Path out = dir.resolve("then-local");
        failAfter(out, 1);
        assertThat(out.resolve(PhaseCheckpoints.DIR).resolve("phase-0001.marker")).exists();
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--recipe", recipe)).isZero();
        assertThat(out.resolve("stats.json")).exists();
        assertThat(out.resolve(PhaseCheckpoints.DIR)).as("spent: OUT published by a local run").doesNotExist();
    }

    /**
     * Codemill deletes nothing it did not write (OutputClaim): a folder named like the checkpoints'
     * in an OUT claimed with --overwrite, holding files that are no checkpoint, is left as it was by
     * a run with the checkpoints off (the default), and by the local runner.
     */
    @Test
    void aFolderOfTheCheckpointsNameThatCodemillDidNotWriteIsKept() throws Exception {
        Path out = dir.resolve("foreign");
        write(out.resolve(PhaseCheckpoints.DIR).resolve("notes.txt"), "mine\n");
        assertThat(spark(out, "--overwrite")).isZero();
        assertThat(out.resolve(PhaseCheckpoints.DIR).resolve("notes.txt")).hasContent("mine\n");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--recipe", recipe)).isZero();
        assertThat(out.resolve(PhaseCheckpoints.DIR).resolve("notes.txt")).hasContent("mine\n");
        // with the checkpoints on, or --resume, such a folder is refused (exit 2), not written into or read
        assertThat(spark(out, "--resume")).isEqualTo(2);
        System.setProperty(PhaseCheckpoints.CONF, "true");
        try {
            String err = stderrOf(() -> assertThat(spark(out)).isEqualTo(2));
            assertThat(err).contains(PhaseCheckpoints.DIR + " holds files Codemill did not write");
        } finally {
            System.clearProperty(PhaseCheckpoints.CONF);
        }
        assertThat(out.resolve(PhaseCheckpoints.DIR).resolve("notes.txt")).hasContent("mine\n");
        try (Stream<Path> list = Files.list(out.resolve(PhaseCheckpoints.DIR))) {
            assertThat(list.count()).isEqualTo(1);
        }
    }

    /**
     * The same on an in-JVM HDFS ({@code MiniDFSCluster}, as {@code HdfsStorageTest}): OUT is an
     * {@code hdfs://} URI, the checkpoints are saved there, survive the failed application (whose
     * lock and work folder go), and the resume gives the uninterrupted run's files. Skipped, saying
     * why, when the mini cluster cannot start here.
     */
    @Test
    void aRunIntoHdfsResumesToTheSameFiles() throws Exception {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set(org.apache.hadoop.hdfs.MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        org.apache.hadoop.hdfs.MiniDFSCluster cluster = null;
        try {
            cluster = new org.apache.hadoop.hdfs.MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
        } catch (Throwable e) {
            org.junit.jupiter.api.Assumptions.abort("an in-JVM HDFS (MiniDFSCluster) cannot start here: " + e);
        }
        try {
            org.apache.hadoop.fs.FileSystem fs = cluster.getFileSystem();
            String out = fs.getUri() + "/results/out";
            System.setProperty(PhaseCheckpoints.CONF, "true");
            System.setProperty(Faults.FAIL_AFTER_CHECKPOINT, "2");
            try {
                assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o", out, "-q",
                        "--recipe", recipe)).isEqualTo(4);
            } finally {
                System.clearProperty(Faults.FAIL_AFTER_CHECKPOINT);
            }
            try {
                assertThat(fs.exists(new org.apache.hadoop.fs.Path(out + "/" + PhaseCheckpoints.DIR + "/phase-0002.marker")))
                        .isTrue();
                assertThat(fs.exists(new org.apache.hadoop.fs.Path(out + "/stats.json"))).isFalse();
                assertThat(fs.getFileStatus(new org.apache.hadoop.fs.Path(out + "/" + PhaseCheckpoints.DIR)).getPermission()
                        .toShort()).as("owner-only").isEqualTo((short) 0700);
                String err = stderrOf(() -> assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]",
                        in.toString(), "-o", out, "-q", "--recipe", recipe, "--resume")).isZero());
                assertThat(err).contains("codemill: resumed: reading, license, exact_dedup were done (checkpoint 2)");
            } finally {
                System.clearProperty(PhaseCheckpoints.CONF);
            }
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(out + "/" + PhaseCheckpoints.DIR))).as("spent").isFalse();
            Path fetched = dir.resolve("fetched");
            fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(out), new org.apache.hadoop.fs.Path(fetched.toUri()), true);
            Files.writeString(fetched.resolve(".codemill.lock"), Files.readString(plain.resolve(".codemill.lock")));
            assertSameOutput(fetched);
        } finally {
            cluster.shutdown(true);
        }
    }

    private static void failThenResume(int k, String done) throws Exception {
        Path out = dir.resolve("resumed-" + k);
        failAfter(out, k);
        Path cp = out.resolve(PhaseCheckpoints.DIR);
        assertThat(names(cp)).as("only the last phase is kept")
                .containsExactly(String.format("phase-%04d", k), String.format("phase-%04d.marker", k));
        assertThat(out.resolve("stats.json")).doesNotExist();
        System.setProperty(PhaseCheckpoints.CONF, "true");
        String err;
        try {
            err = stderrOf(() -> assertThat(spark(out, "--resume")).isZero());
        } finally {
            System.clearProperty(PhaseCheckpoints.CONF);
        }
        assertThat(err).contains("codemill: resumed: " + done + " were done (checkpoint " + k + ")");
        assertThat(cp).as("spent once published").doesNotExist();
        assertSameOutput(out);
    }

    private static void failAfter(Path out, int k) throws Exception {
        System.setProperty(PhaseCheckpoints.CONF, "true");
        System.setProperty(Faults.FAIL_AFTER_CHECKPOINT, Integer.toString(k));
        try {
            assertThat(spark(out)).as("the driver fails after checkpoint %d (exit 4, internal)", k).isEqualTo(4);
        } finally {
            System.clearProperty(PhaseCheckpoints.CONF);
            System.clearProperty(Faults.FAIL_AFTER_CHECKPOINT);
        }
    }

    private static int spark(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--runner", "spark", "--master", "local[2]", in.toString(),
                "-o", out.toString(), "-q", "--recipe", recipe));
        args.addAll(List.of(more));
        return Main.execute(args.toArray(String[]::new));
    }

    /** Every file of {@code plain} in {@code b} with the same bytes, none more; stats.json's phases the same, timings aside. */
    static void assertSameOutput(Path b) throws IOException {
        Path a = plain;
        for (String stats : STATS) {
            List<String> names = new ArrayList<>();
            JSON.readTree(b.resolve(stats).toFile()).path("run").path("phase_seconds").fieldNames().forEachRemaining(names::add);
            assertThat(names).as("%s: the same phases", stats).containsExactlyElementsOf(PHASES.get(stats));
        }
        normalise(b);
        List<Path> files = files(a);
        assertThat(files).contains(Path.of("data/part-00000.parquet"), Path.of("ledger/part-00000.parquet"),
                Path.of("fim/manifest.json"), Path.of("repo_samples/examples.json"), Path.of("stats.json"));
        assertThat(files(b)).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(java.util.Arrays.equals(Files.readAllBytes(b.resolve(f)), Files.readAllBytes(a.resolve(f))))
                    .as("%s has the same bytes", f).isTrue();
        }
    }

    interface Action {
        void run() throws Exception;
    }

    /** What {@code action} printed to stderr (also passed on). */
    static String stderrOf(Action action) throws Exception {
        PrintStream before = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new org.apache.commons.io.output.TeeOutputStream(before, bytes), true,
                StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
        }
    }
}
