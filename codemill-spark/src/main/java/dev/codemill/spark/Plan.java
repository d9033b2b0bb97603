package dev.codemill.spark;

import dev.codemill.io.Formats;
import dev.codemill.plan.OutputSpec;
import dev.codemill.run.Aggregation;
import dev.codemill.run.OutputFormat;
import dev.codemill.plan.BranchSpec;
import dev.codemill.plan.IngestOptions;
import dev.codemill.plan.MixSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.StageRegistry;
import dev.codemill.plan.StageSpec;
import dev.codemill.run.RunPlan;
import dev.codemill.run.Segment;
import dev.codemill.run.Split;
import dev.codemill.spark.storage.HadoopFs;
import dev.codemill.spark.storage.Locations;
import dev.codemill.spark.storage.SplitRef;
import dev.codemill.stage.AggregateStage;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What executors get of a run, as plain data: the stage specs (type and parameters), the seed,
 * the {@code mix} section, the ingest options and the branches' stage specs. Stage objects are rebuilt from it once per
 * executor JVM (cached by {@link #id}); stage objects are never serialized.
 *
 * <p>Splits are listed once, on the driver; each read task gets its own splits as plain data
 * ({@link SplitRef}, not in this plan) and rebuilds them ({@link #split}) without listing a folder.
 * Executors still need the inputs under the same names: a Hadoop FileSystem URI ({@code hdfs://},
 * {@code s3a://}, …) or a path of a shared or mounted file system.
 */
final class Plan implements Serializable {
    private static final long serialVersionUID = 1L;

    final String id;
    final long seed;
    final List<String> types = new ArrayList<>();
    final List<LinkedHashMap<String, Object>> params = new ArrayList<>();
    final long maxFileBytes;
    final double maxExpansionRatio;
    final int maxArchiveDepth;
    final String contentField;
    final String pathField;
    final String repoField;
    final String idField;
    final long splitBytes;
    final ArrayList<String> contentAliases;
    final boolean tolerateBadInputs;
    /** The output formats by name ({@link dev.codemill.io.Formats#byName}) and the recipe's output settings. */
    final ArrayList<String> formatNames = new ArrayList<>();
    final long partBytes;
    final int spillPartitions;
    final String tokenizer;
    final int seqLength;
    final String eosToken;
    /** The recipe's {@code mix} section as plain data (null without one). */
    final Mix mix;
    /** The recipe's branches (none in a branch's own plan): names, main-chain positions feeding them (-1: end), stages. */
    final ArrayList<String> branchNames = new ArrayList<>();
    final ArrayList<Integer> branchFrom = new ArrayList<>();
    final ArrayList<ArrayList<String>> branchTypes = new ArrayList<>();
    final ArrayList<ArrayList<LinkedHashMap<String, Object>>> branchParams = new ArrayList<>();

    /** A serializable copy of a {@link MixSpec}. */
    record Mix(long totalTokens, String by, HashMap<String, Double> targets, ArrayList<String> exclude,
               HashMap<String, HashMap<String, Double>> weights, int maxEpochs) implements Serializable {
        static Mix of(MixSpec m) {
            if (m == null) {
                return null;
            }
            HashMap<String, HashMap<String, Double>> w = new HashMap<>();
            m.weights().forEach((k, v) -> w.put(k, new HashMap<>(v)));
            return new Mix(m.totalTokens(), m.by(), new HashMap<>(m.targets()), new ArrayList<>(m.exclude()), w,
                    m.maxEpochs());
        }

        MixSpec spec() {
            return new MixSpec(totalTokens, by, targets, exclude, new HashMap<>(weights), maxEpochs);
        }
    }

    Plan(String id, Recipe recipe, List<OutputFormat> formats, long partBytes) {
        this.id = id;
        formats.forEach(f -> formatNames.add(f.name()));
        this.partBytes = partBytes;
        OutputSpec out = recipe.output();
        spillPartitions = out.spillPartitions();
        tokenizer = out.tokenizer();
        seqLength = out.seqLength();
        eosToken = out.eosToken();
        this.seed = recipe.seed();
        for (StageSpec s : recipe.stages()) {
            types.add(s.type());
            params.add(new LinkedHashMap<>(s.params()));
        }
        IngestOptions o = recipe.ingest();
        if (o.history() != null) { // never read a repository as a snapshot only, silently
            throw new dev.codemill.stage.RecipeException("ingest.history", "the Spark runner does not read git history "
                    + "(ingest.history) yet; run this recipe with the local runner (docs/history.md)");
        }
        maxFileBytes = o.maxFileBytes();
        maxExpansionRatio = o.maxExpansionRatio();
        maxArchiveDepth = o.maxArchiveDepth();
        contentField = o.contentField();
        pathField = o.pathField();
        repoField = o.repoField();
        idField = o.idField();
        splitBytes = o.splitBytes();
        contentAliases = new ArrayList<>(o.contentAliases());
        tolerateBadInputs = o.tolerateBadInputs();
        mix = Mix.of(recipe.mix());
        for (BranchSpec b : recipe.branches()) {
            branchNames.add(b.name());
            branchFrom.add(b.fromIndex(recipe.stages()));
            ArrayList<String> t = new ArrayList<>();
            ArrayList<LinkedHashMap<String, Object>> p = new ArrayList<>();
            for (StageSpec s : b.stages()) {
                t.add(s.type());
                p.add(new LinkedHashMap<>(s.params()));
            }
            branchTypes.add(t);
            branchParams.add(p);
        }
    }

    /**
     * The plan of branch {@code b} ({@link #branchNames} order): its stages, the same seed and
     * ingest options, no inputs (it is fed the documents of its feeding point), no {@code mix}, no
     * branches of its own; cached under its own id.
     */
    private Plan(Plan main, int b) {
        id = main.id + "/branch/" + main.branchNames.get(b);
        seed = main.seed;
        types.addAll(main.branchTypes.get(b));
        params.addAll(main.branchParams.get(b));
        maxFileBytes = main.maxFileBytes;
        maxExpansionRatio = main.maxExpansionRatio;
        maxArchiveDepth = main.maxArchiveDepth;
        contentField = main.contentField;
        pathField = main.pathField;
        repoField = main.repoField;
        idField = main.idField;
        splitBytes = main.splitBytes;
        contentAliases = main.contentAliases;
        tolerateBadInputs = main.tolerateBadInputs;
        formatNames.addAll(main.formatNames);
        partBytes = main.partBytes;
        spillPartitions = main.spillPartitions;
        tokenizer = main.tokenizer;
        seqLength = main.seqLength;
        eosToken = main.eosToken;
        mix = null;
    }

    /** The plan of the {@code b}-th branch, for its nested run. */
    Plan branch(int b) {
        return new Plan(this, b);
    }

    /** The names of the branches fed by the documents leaving main-chain position {@code index} (-1: the end). */
    List<String> fedAt(int index) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < branchNames.size(); i++) {
            if (branchFrom.get(i) == index) {
                out.add(branchNames.get(i));
            }
        }
        return out;
    }

    IngestOptions ingest() {
        return new IngestOptions(maxFileBytes, maxExpansionRatio, maxArchiveDepth, contentField, pathField, repoField,
                idField, splitBytes, contentAliases, tolerateBadInputs);
    }

    private static final Map<String, List<Stage>> STAGES = new ConcurrentHashMap<>();
    /** A file input's splits per plan id and input, planned once per JVM ({@link Locations#fileSplits}). */
    private static final Map<String, List<Split>> FILE_SPLITS = new ConcurrentHashMap<>();
    private static final Map<String, List<AggregateStage<?>>> AGGREGATES = new ConcurrentHashMap<>();
    private static final Map<String, List<OutputFormat>> FORMATS = new ConcurrentHashMap<>();
    private static final Map<String, List<AggregateStage.Decision>> DECISIONS = new ConcurrentHashMap<>();

    /** The output formats, built once per JVM as the CLI builds them. */
    List<OutputFormat> formats() {
        return FORMATS.computeIfAbsent(id, k -> {
            OutputSpec spec = new OutputSpec(formatNames, partBytes, spillPartitions, tokenizer, seqLength, eosToken);
            List<OutputFormat> out = new ArrayList<>();
            formatNames.forEach(n -> out.add(Formats.byName(n, spec)));
            return List.copyOf(out);
        });
    }

    /**
     * The aggregate stages' decisions from their partition summaries (the driver's, shipped with the
     * task): {@link Aggregation#decide} in the same order as on the driver, once per JVM.
     */
    List<AggregateStage.Decision> decisions(List<List<byte[]>> summaries) {
        return DECISIONS.computeIfAbsent(id, k -> {
            List<AggregateStage.Decision> out = new ArrayList<>();
            for (int a = 0; a < summaries.size(); a++) {
                out.add(Aggregation.decide(aggregates().get(a), summaries.get(a)));
            }
            return List.copyOf(out);
        });
    }

    /** The aggregate stages of the recipe's {@code mix} section ({@link RunPlan#aggregates}), built once per JVM. */
    List<AggregateStage<?>> aggregates() {
        return AGGREGATES.computeIfAbsent(id, k -> {
            List<AggregateStage<?>> out = new ArrayList<>();
            for (Stage s : RunPlan.aggregates(mix == null ? null : mix.spec(), seed)) {
                out.add((AggregateStage<?>) s);
            }
            return List.copyOf(out);
        });
    }

    /** The stages, built once per JVM through the {@link StageRegistry}. */
    List<Stage> stages() {
        return STAGES.computeIfAbsent(id, k -> {
            StageRegistry registry = StageRegistry.load();
            List<Stage> out = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                out.add(registry.build(new StageSpec(types.get(i), params.get(i)), seed));
            }
            return List.copyOf(out);
        });
    }

    /**
     * The split {@code ref} describes: a folder batch rebuilt from its data; a split of a file input
     * from that one file's planning, once per JVM and input. No folder is listed here.
     */
    Split split(SplitRef ref) {
        try {
            List<Split> fileSplits = ref.batch() ? List.of() : FILE_SPLITS.computeIfAbsent(id + "\n" + ref.input(), k -> {
                try {
                    return Locations.fileSplits(ref.input(), ingest(), HadoopFs.conf());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot plan the input " + ref.input() + " on an executor", e);
                }
            });
            return ref.open(ingest(), HadoopFs::conf, fileSplits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + ref.name + " on an executor", e);
        }
    }

    /** Drops this plan's cached stages and splits (the driver calls it when the run ends). */
    void release() {
        STAGES.remove(id);
        FILE_SPLITS.keySet().removeIf(k -> k.startsWith(id + "\n"));
        AGGREGATES.remove(id);
        FORMATS.remove(id);
        DECISIONS.remove(id);
    }

    static List<Segment> segments(List<Stage> stages) {
        return Segment.of(stages);
    }

    List<Segment> segments() {
        return segments(stages());
    }
}
