package dev.codemill.cli;

import dev.codemill.io.Formats;
import dev.codemill.io.Inputs;
import dev.codemill.metrics.RunStats;
import dev.codemill.plan.IngestOptions;
import dev.codemill.plan.OutputSpec;
import dev.codemill.plan.Recipe;
import dev.codemill.plan.StageSpec;
import dev.codemill.run.LocalRunner;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.Progress;
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
import java.util.stream.Stream;

/**
 * The outputs of {@code codemill run --repo-samples / --fim / --cross-file-tasks}: after the main
 * run, one more local run per flag reads the kept documents back from {@code OUT/data} (its
 * {@code part-*.jsonl.zst}, else its {@code part-*.parquet}, as a dump: fields {@code id},
 * {@code path}, {@code repo_name}, {@code content}) and runs a one-stage recipe (the recipe's seed,
 * name {@code NAME/KIND}) writing a complete run output (its own {@code data/}, {@code ledger/},
 * {@code manifest.json}, {@code stats.json}) to {@code OUT/repo_samples/}, {@code OUT/fim/} or
 * {@code OUT/cross_file/}. No core change: the derived run is an ordinary {@link LocalRunner} run.
 */
final class DerivedOutputs {
    /**
     * One derived output.
     *
     * @param stage  recipe type of the one stage
     * @param folder folder under OUT
     */
    record Kind(String stage, String folder) {
    }

    static final Kind REPO_SAMPLES = new Kind("repo_samples", "repo_samples");
    static final Kind FIM = new Kind("fim", "fim");
    static final Kind CROSS_FILE = new Kind("cross_file_tasks", "cross_file");

    private DerivedOutputs() {
    }

    /** The formats the derived runs write and read back: the main run's content formats (parquet, jsonl). */
    static List<String> contentFormats(List<String> formats) {
        List<String> out = new ArrayList<>();
        for (String f : formats) {
            if (OutputSpec.CONTENT_FORMATS.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The one-stage recipe of a derived run. */
    static Recipe recipe(Recipe main, Kind kind, Map<String, Object> params, List<String> formats) {
        IngestOptions in = main.ingest();
        IngestOptions dump = new IngestOptions(in.maxFileBytes(), in.maxExpansionRatio(), in.maxArchiveDepth(),
                "content", "path", "repo_name", "id");
        OutputSpec o = main.output();
        return new Recipe(main.name() + "/" + kind.folder(), main.seed(), List.of(), dump,
                List.of(new StageSpec(kind.stage(), params)), new OutputSpec(formats, o.partBytes(), o.spillPartitions()));
    }

    /** The data parts of the main run that the derived run reads: jsonl parts when written, else parquet parts. */
    static List<Path> parts(Path data) throws IOException {
        for (String ext : List.of(".jsonl.zst", ".parquet")) {
            try (Stream<Path> s = Files.list(data)) {
                List<Path> parts = s.filter(p -> p.getFileName().toString().startsWith("part-")
                        && p.getFileName().toString().endsWith(ext)).sorted().toList();
                if (!parts.isEmpty()) {
                    return parts;
                }
            }
        }
        return List.of();
    }

    /** Runs one derived output; returns its result, or null when OUT/data holds no parts (nothing was kept). */
    static RunResult run(Recipe main, Kind kind, Map<String, Object> params, List<String> formats, int threads, Path out)
            throws IOException {
        Recipe r = recipe(main, kind, params, formats);
        // OUT/data holds decoded text: the one-stage chain is checked without the decode-first rule.
        List<Stage> stages = dev.codemill.plan.PlanValidator.standard()
                .chain("stages", r.stages(), r.seed(), dev.codemill.plan.PlanValidator.Chain.EMPTY).stages();
        stages.forEach(Stage::loadData);
        List<OutputFormat> fmts = new ArrayList<>();
        for (String f : formats) {
            fmts.add(Formats.byName(f, r.output()));
        }
        List<Path> parts = parts(out.resolve("data"));
        List<Split> splits = parts.isEmpty() ? List.of() : Inputs.splits(parts, r.ingest());
        Path dir = out.resolve(kind.folder());
        LocalRunner local = new LocalRunner(stages, fmts, threads, r.output().partBytes(), r.output().spillPartitions(),
                new Progress()).withRecipe(r);
        RunResult result = local.run(splits, dir);
        RunStats s = result.stats();
        System.err.printf("codemill: %s: %d documents in, %d out → %s%n", kind.stage(), s.documentsIn(), s.kept(), dir);
        return result;
    }

    /** Parameters of a derived stage: {@code context_tokens} when given and the stage has it. */
    static Map<String, Object> params(Kind kind, Integer contextTokens) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (contextTokens != null && kind != FIM) {
            p.put("context_tokens", contextTokens.longValue());
        }
        return p;
    }
}
