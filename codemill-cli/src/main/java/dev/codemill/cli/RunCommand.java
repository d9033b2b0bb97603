package dev.codemill.cli;

import dev.codemill.io.Formats;
import dev.codemill.io.Inputs;
import dev.codemill.metrics.RunStats;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.StageSpec;
import dev.codemill.run.ExternalRunner;
import dev.codemill.run.LocalRunner;
import dev.codemill.run.OutputClaim;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.Progress;
import dev.codemill.run.RunPlan;
import dev.codemill.run.RunResult;
import dev.codemill.run.Split;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codemill run INPUT... -o OUT}: runs a recipe on the embedded local runner. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Refine INPUTs (directories, zip/jar/tar archives, tars and JSONL/NDJSON dumps plain or "
                + "compressed (gz, zst, xz, bz2, lz4, lzma), or Parquet dumps) into OUT/data, OUT/ledger, OUT/manifest.json, OUT/stats.json, OUT/README.md (dataset card) and OUT/report.html.")
final class RunCommand implements Callable<Integer> {
    enum Format { parquet, jsonl, both }

    /** As given: a local path, or (with --runner spark) a Hadoop FileSystem URI, which a {@link Path} would mangle. */
    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "inputs (default: the recipe's sources); with "
            + "--runner spark also hdfs://, s3a://, gs://, file:// URIs")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output directory; with "
            + "--runner spark also an hdfs://, s3a://, gs://, file:// URI")
    String output;

    /** {@link #output} as a local path (not set for a URI). */
    Path out;

    @Mixin
    RecipeOption recipe;

    @Option(names = "--format", defaultValue = "both", description = "parquet, jsonl or both (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--overwrite", description = "write into an OUT that holds files Codemill did not write "
            + "(Codemill then replaces its own outputs there: data/, ledger/, manifest.json, ...); without it such an "
            + "OUT is refused")
    boolean overwrite;

    @Option(names = "--resume", description = "go on from where a crashed run (kill -9, the OOM killer) into the same OUT "
            + "stopped, redoing only unfinished splits, phases and branches; the output is the same as an uninterrupted "
            + "run's. Same inputs, recipe and options needed; with nothing to resume the run starts from the beginning. "
            + "With --runner spark: from the last phase checkpoint of a run with --conf spark.codemill.checkpoint=true "
            + "(docs/reliability.md)")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress display")
    boolean quiet;

    @Option(names = "--benchmarks", paramLabel = "PATH", split = ",",
            description = "benchmark files or folders (JSONL/JSON, .gz; HumanEval, HumanEval-X, MBPP layouts) for the "
                    + "decontaminate stage; replaces its benchmarks (repeat the option or separate with commas); "
                    + "the stage is added after exact_dedup when the recipe has none")
    List<Path> benchmarks = new ArrayList<>();

    @Option(names = "--runner", defaultValue = "local", paramLabel = "NAME",
            description = "local (default: threads on this machine) or spark (needs the codemill-spark application "
                    + "jar and Spark on the class path, e.g. through spark-submit; see README)")
    String runner;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --runner spark: local[N], spark://HOST:PORT, yarn, k8s://... "
                    + "(default: spark-submit's, else local[*])")
    String master;

    @Mixin
    BranchFlags branchFlags;

    @Option(names = "--tolerate-bad-inputs", description = "exit 0 even when an input was lost whole (every document "
            + "it yielded quarantined at ingest: a corrupt or unsupported shard); default: such a run ends with exit "
            + "code 3 (same as the recipe's ingest: {tolerate_bad_inputs: true})")
    boolean tolerateBadInputs;

    @Override
    public Integer call() throws Exception {
        Recipe r = withBenchmarks(recipe.load(branchFlags), benchmarks);
        List<Stage> stages = RecipeOption.buildAndLoad(r);
        List<String> given = new ArrayList<>(inputs);
        if (given.isEmpty()) {
            given.addAll(r.sources());
        }
        if (given.isEmpty()) {
            throw new ExitCodes.UsageException("no INPUT given and the recipe names no sources");
        }
        List<String> formatNames = format == Format.both ? r.output().formats() : List.of(format.name());
        List<OutputFormat> formats = new ArrayList<>();
        for (String f : formatNames) {
            formats.add(Formats.byName(f, r.output()));
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ExitCodes.UsageException("--threads must be at least 1");
        }
        if (!runner.equals("local") && threads != null) {
            throw new ExitCodes.UsageException("--threads is for the local runner; size " + runner + " executors instead");
        }
        if (runner.equals("local") && master != null) {
            throw new ExitCodes.UsageException("--master needs --runner spark");
        }
        ExternalRunner external = runner.equals("local") ? null : externalRunner(runner);
        if (isUri(output) || given.stream().anyMatch(RunCommand::isUri)) {
            if (external == null) {
                String uri = isUri(output) ? output : given.stream().filter(RunCommand::isUri).findFirst().orElseThrow();
                throw new ExitCodes.UsageException("'" + uri + "' is a URI: Hadoop FileSystem URIs (hdfs://, s3a://, "
                        + "gs://, file://) are read and written by --runner spark; the local runner takes local paths");
            }
            UriLocations.check(given, output, replacedParts(r.branches().stream().map(b -> b.name()).toList()));
            return runClaimed(r, stages, given, formatNames, formats, n, external, null);
        }
        out = Path.of(output);
        List<Path> paths = new ArrayList<>();
        given.forEach(g -> paths.add(Path.of(g)));
        refuseUri(out, "-o");
        for (Path p : paths) {
            refuseUri(p, "INPUT");
        }
        // an external runner lists the inputs itself, once (the Spark driver): here only that they exist
        List<Split> splits = external == null ? Inputs.splits(paths, r.ingest()) : requireExisting(paths);
        List<String> branchNames = r.branches().stream().map(b -> b.name()).toList();
        checkOutput(paths, out, branchNames);
        try (OutputClaim claim = OutputClaim.acquire(out, overwrite)) {
            dev.codemill.run.BranchFolders.checkReplaceable(out, branchNames); // before the work, not after it
            return runClaimed(r, stages, given, formatNames, formats, n, external, splits);
        }
    }

    /**
     * Runs on the claimed OUT; {@code splits} null: some location is a URI, and the external runner
     * lists, claims, writes and reports on its storage itself.
     */
    private int runClaimed(Recipe r, List<Stage> stages, List<String> given, List<String> formatNames,
                           List<OutputFormat> formats, int n, ExternalRunner external, List<Split> splits)
            throws IOException {
        // Configuration warnings (also written to stats.json by the runner), once, before the work.
        for (Stage stage : stages) {
            for (String w : stage.warnings()) {
                System.err.println("codemill: warning: " + stage.name() + ": " + w);
            }
        }
        for (String w : SentinelCheck.warnings(stages, r.output(), formatNames)) {
            System.err.println("codemill: warning: " + w);
        }
        RunResult result;
        Recipe used = r.withOutput(r.output().withFormats(formatNames));
        RunPlan plan = RunPlan.of(used, stages, formats);
        if (external != null) {
            Map<String, String> options = new LinkedHashMap<>();
            if (master != null) {
                options.put("master", master);
            }
            if (resume) {
                options.put("resume", "true"); // from the last phase checkpoint (--conf spark.codemill.checkpoint=true)
            }
            if (splits == null) {
                result = external.run(plan, given, options, output, overwrite);
            } else {
                List<Path> paths = new ArrayList<>();
                given.forEach(g -> paths.add(Path.of(g)));
                result = external.run(plan, paths, options, out);
            }
        } else {
            result = runLocal(plan, n, splits);
        }
        long reportStart = System.nanoTime();
        String report = splits == null ? output + "/" + dev.codemill.report.Report.FILE
                : dev.codemill.report.Report.write(out).toString();
        double reportSeconds = (System.nanoTime() - reportStart) / 1e9;
        RunStats s = result.stats();
        System.err.printf("codemill: %d documents in (%.1f MB): kept %d, dropped %d, quarantined %d; %d tokens kept; "
                        + "%.1f s, %.2f MB/s → %s%n", s.documentsIn(), s.bytesIn() / 1e6, s.kept(), s.dropped(),
                s.quarantined(), s.keptTokens(), result.wallSeconds(), s.bytesIn() / 1e6 / Math.max(1e-9, result.wallSeconds()),
                splits == null ? output : out);
        System.err.printf("codemill: report %s (%.2f s)%n", report, reportSeconds);
        for (String w : s.ingestWarnings()) {
            System.err.println("codemill: warning: ingest: " + w);
        }
        boolean lost = LostInputs.report(s.inputsLost(), tolerateBadInputs || r.ingest().tolerateBadInputs(), System.err);
        if (s.derivedDocuments() > 0) {
            System.err.printf("codemill: %d documents derived by stages, %d of them kept%n", s.derivedDocuments(),
                    s.derivedKept());
        }
        for (dev.codemill.plan.BranchSpec b : used.branches()) {
            System.err.printf("codemill: branch %s → %s%n", b.name(), splits == null ? output + "/" + b.name() : out.resolve(b.name()));
        }
        return lost ? Main.BAD_DATA : Main.OK;
    }

    /**
     * No splits (an external runner lists its inputs itself), after the check {@link Inputs#splits}
     * makes first.
     *
     * @throws java.nio.file.NoSuchFileException naming the first input that does not exist, before OUT is claimed
     */
    private static List<Split> requireExisting(List<Path> paths) throws java.nio.file.NoSuchFileException {
        for (Path p : paths) {
            if (!java.nio.file.Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "input does not exist");
            }
        }
        return List.of();
    }

    private RunResult runLocal(RunPlan plan, int n, List<Split> splits) throws IOException {
        Progress progress = new Progress();
        LocalRunner local = new LocalRunner(plan, n, progress).withResume(resume);
        try (ProgressDisplay display = quiet ? null : ProgressDisplay.start(progress)) {
            RunResult result = local.run(splits, out);
            if (local.resumed() != null) {
                System.err.println("codemill: resumed: " + local.resumed());
            }
            return result;
        }
    }

    /**
     * The runner named {@code name} among the {@link ExternalRunner}s on the class path; none:
     * a usage error saying where it comes from (the CLI never links Spark itself).
     */
    static ExternalRunner externalRunner(String name) {
        List<String> found = new ArrayList<>();
        for (ExternalRunner x : ServiceLoader.load(ExternalRunner.class)) {
            if (x.name().equals(name)) {
                return x;
            }
            found.add(x.name());
        }
        if (name.equals("spark")) {
            throw new ExitCodes.UsageException("--runner spark needs the codemill-spark application jar and Spark on the "
                    + "class path: spark-submit --class dev.codemill.cli.Main codemill-spark-app.jar run --runner spark ... "
                    + "(see README, 'Running on Spark')");
        }
        found.add(0, "local");
        throw new ExitCodes.UsageException("unknown runner '" + name + "'; available here: " + found);
    }

    /** True for a location written as a URI ({@code scheme:/…}, a scheme of two or more characters: not {@code C:/x}). */
    static boolean isUri(String location) {
        return location != null && location.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*");
    }

    /**
     * Refuses a path that was written as a URI ({@code hdfs://nn/x} parses as the relative path
     * {@code hdfs:/nn/x}): before issue 18 such an {@code -o} silently created a local folder named
     * {@code hdfs:}. A URI proper ({@link #isUri}) goes to a runner that reads it (--runner spark).
     */
    static void refuseUri(Path p, String what) {
        if (p != null && !p.isAbsolute() && p.getNameCount() > 0
                && p.getName(0).toString().matches("[A-Za-z][A-Za-z0-9+.-]+:")) {
            throw new ExitCodes.UsageException(what + " '" + p + "' looks like a URI (" + p.getName(0)
                    + "//…) but is not one: write scheme://… (read by --runner spark), or ./" + p + " for a local path");
        }
    }

    /**
     * Refuses, before any work, what would make a run read its own output, read an input twice,
     * or destroy an input: an input given twice or lying inside another directory input (every
     * file would be counted twice and "deduplicated" against itself); OUT inside a directory input
     * (the next run reads the last run's output as code); an input inside the OUT parts a run
     * replaces ({@code data}, {@code ledger}, {@code .codemill-work}, {@code manifest.json},
     * {@code stats.json}); OUT
     * that exists but is not a directory or cannot be created. Inputs exist (checked before).
     */
    static void checkOutput(List<Path> inputs, Path out) throws IOException {
        checkOutput(inputs, out, List.of());
    }

    /** {@link #checkOutput(List, Path)}, with the recipe's branch folders among the parts a run replaces. */
    static void checkOutput(List<Path> inputs, Path out, List<String> branches) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path p : inputs) {
            real.add(p.toRealPath());
        }
        for (int i = 0; i < real.size(); i++) {
            for (int j = 0; j < real.size(); j++) {
                if (i == j) {
                    continue;
                }
                if (real.get(i).equals(real.get(j)) && i > j) {
                    throw new ExitCodes.UsageException("input " + inputs.get(i) + " is the same as input " + inputs.get(j)
                            + " (each file would be read twice)");
                }
                if (!real.get(i).equals(real.get(j)) && real.get(i).startsWith(real.get(j))) {
                    throw new ExitCodes.UsageException("input " + inputs.get(i) + " lies inside input " + inputs.get(j)
                            + " (its files would be read twice)");
                }
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ExitCodes.UsageException("OUT " + out + " exists and is not a directory");
        }
        Path outReal = realPathOf(out);
        for (int i = 0; i < real.size(); i++) {
            if (Files.isDirectory(real.get(i)) && outReal.startsWith(real.get(i))) {
                throw new ExitCodes.UsageException("OUT " + out + " lies inside input " + inputs.get(i)
                        + " (a later run would read this run's output as input)");
            }
            for (String replaced : replacedParts(branches)) {
                if (real.get(i).startsWith(outReal.resolve(replaced))) {
                    throw new ExitCodes.UsageException("input " + inputs.get(i) + " lies inside " + out.resolve(replaced)
                            + ", which the run replaces");
                }
            }
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ExitCodes.UsageException("cannot create OUT " + out + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (!Files.isWritable(out)) {
            throw new ExitCodes.UsageException("OUT " + out + " is not writable");
        }
    }

    /** The names under OUT a run replaces: its outputs, work folder, the built-in and the recipe's branch folders. */
    static List<String> replacedParts(List<String> branches) {
        List<String> parts = new ArrayList<>(List.of("data", "ledger", "tokens", "review", ".codemill-work",
                "stats.json", "manifest.json", "repo_samples", "fim", "cross_file"));
        parts.addAll(branches);
        return parts;
    }

    /** The real path of {@code p}, resolving its longest existing ancestor (p itself may not exist yet). */
    private static Path realPathOf(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs));
    }

    /**
     * The recipe with {@code benchmarks} as the {@code benchmarks} parameter of every
     * {@code decontaminate} stage; when there is none, one is inserted right before the first
     * dedup stage (a contaminated file must not be the kept copy of a clean near-duplicate), at
     * the end when there is none. The recipe stays
     * plain data: only the stage specs change. No paths: the recipe is returned unchanged.
     */
    static Recipe withBenchmarks(Recipe r, List<Path> benchmarks) {
        if (benchmarks.isEmpty()) {
            return r;
        }
        List<String> paths = new ArrayList<>();
        for (Path p : benchmarks) {
            paths.add(p.toAbsolutePath().normalize().toString());
        }
        List<StageSpec> stages = new ArrayList<>();
        boolean found = false;
        int beforeDedup = -1;
        for (StageSpec s : r.stages()) {
            if (s.type().equals(DECONTAMINATE)) {
                Map<String, Object> params = new LinkedHashMap<>(s.params());
                params.put("benchmarks", paths);
                stages.add(new StageSpec(s.type(), params));
                found = true;
            } else {
                if (beforeDedup < 0 && (s.type().equals("exact_dedup") || s.type().equals("near_dedup"))) {
                    beforeDedup = stages.size();
                }
                stages.add(s);
            }
        }
        if (!found) {
            stages.add(beforeDedup < 0 ? stages.size() : beforeDedup, new StageSpec(DECONTAMINATE, Map.of("benchmarks", paths)));
        }
        return r.withStages(stages);
    }

    private static final String DECONTAMINATE = "decontaminate";
}
