package dev.codemill.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Hugging Face dataset card {@code OUT/README.md}: YAML front matter whose {@code configs:}
 * name the exact files of each table (Hugging Face Hub, "Manual Configuration": {@code config_name}
 * plus {@code data_files} with one {@code train} split), so {@code datasets.load_dataset(OUT)}
 * loads the kept documents and {@code load_dataset(OUT, "ledger")} the ledger, and a body with the
 * run's figures from {@code stats.json} and {@code manifest.json}.
 *
 * <p>Configs, each only when its files exist: {@code default} = {@code data/part-*.parquet}
 * (or {@code data/part-*.jsonl.zst} when no Parquet part was written), {@code ledger} =
 * {@code ledger/part-*} likewise, {@code packed} = {@code tokens/packed-*.parquet},
 * {@code review} = {@code review/review-*.jsonl.zst}, and one per branch folder of the run
 * ({@code repo_samples}, {@code fim}, {@code cross_file}, …: {@code docs/architecture.md}) =
 * {@code FOLDER/data/part-*}. The globs name one
 * schema each, so no reader mixes documents with token rows. Megatron's {@code .bin}/{@code .idx}
 * are not a table and get no config.
 *
 * <p>{@code license: other}: the files keep their own licences, given per row by the
 * {@code license_type} and {@code detected_licenses} columns.
 */
public final class DatasetCard {
    /** The card's file name in OUT. */
    public static final String FILE = "README.md";

    /** Rules listed in the card's "most frequent removals" table. */
    static final int TOP_RULES = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetCard() {
    }

    /**
     * (Re)writes {@code outDir/README.md} from {@code outDir/stats.json}, {@code manifest.json}
     * and the folders present, with one more config per folder of {@code derived} that holds data
     * parts; for the CLI after it wrote derived outputs (a folder an earlier run left is not named).
     *
     * @throws IOException when stats.json is missing or unreadable
     */
    public static void write(Path outDir, List<String> derived) throws IOException {
        write(outDir, Files.readAllBytes(outDir.resolve("stats.json")), derived);
    }

    /** Writes {@code outDir/README.md} from the given stats.json bytes and {@code outDir/manifest.json} (when present). */
    static void write(Path outDir, byte[] statsJson, List<String> derived) throws IOException {
        JsonNode stats = JSON.readTree(statsJson);
        Path m = outDir.resolve("manifest.json");
        JsonNode manifest = Files.exists(m) ? JSON.readTree(m.toFile()) : JSON.createObjectNode();
        OutFiles.writeAtomically(outDir.resolve(FILE),
                render(outDir, stats, manifest, derived).getBytes(StandardCharsets.UTF_8));
    }

    /** One config: its name and the glob of its files, relative to OUT. */
    record Config(String name, String glob) {
    }

    /** The configs of {@code outDir} as it is on disk, {@code default} first. */
    static List<Config> configs(Path outDir, List<String> derived) throws IOException {
        List<Config> out = new ArrayList<>();
        String data = parts(outDir, "data", "part-");
        if (data != null) {
            out.add(new Config("default", data));
        }
        String ledger = parts(outDir, "ledger", "part-");
        if (ledger != null) {
            out.add(new Config("ledger", ledger));
        }
        String packed = parts(outDir, "tokens", "packed-");
        if (packed != null) {
            out.add(new Config("packed", packed));
        }
        String review = parts(outDir, "review", "review-");
        if (review != null) {
            out.add(new Config("review", review));
        }
        for (String name : derived) {
            String glob = parts(outDir.resolve(name), "data", "part-");
            if (glob != null) {
                out.add(new Config(name, name + "/" + glob));
            }
        }
        return out;
    }

    /** {@code FOLDER/PREFIX*.parquet} when such a file exists, else {@code .jsonl.zst}, else null. */
    private static String parts(Path root, String folder, String prefix) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
        for (String ext : List.of(".parquet", ".jsonl.zst")) {
            if (names.stream().anyMatch(n -> n.endsWith(ext))) {
                return folder + "/" + prefix + "*" + ext;
            }
        }
        return null;
    }

    /** The card's text. */
    static String render(Path outDir, JsonNode stats, JsonNode manifest, List<String> derived) throws IOException {
        StringBuilder b = new StringBuilder();
        JsonNode recipe = manifest.path("recipe");
        String name = recipe.path("name").asText("");
        b.append("---\n");
        if (!name.isEmpty()) {
            b.append("pretty_name: ").append(quote(name)).append('\n');
        }
        b.append("license: other\nlicense_name: per-file\n");
        b.append("task_categories:\n- text-generation\ntags:\n- code\n- codemill\n");
        b.append("configs:\n");
        List<Config> configs = configs(outDir, derived);
        for (Config c : configs) {
            b.append("- config_name: ").append(c.name()).append('\n');
            if (c.name().equals("default")) {
                b.append("  default: true\n");
            }
            b.append("  data_files:\n  - split: train\n    path: ").append(quote(c.glob())).append('\n');
        }
        b.append("---\n\n");
        b.append("# ").append(name.isEmpty() ? "Codemill output" : name).append("\n\n");
        b.append("Source code refined by Codemill. Each row of the `default` config is one kept document; ")
                .append("each row of `ledger` says why a document was dropped, quarantined or changed. ")
                .append("Files keep their own licences: see the `license_type` and `detected_licenses` columns.\n\n");
        b.append("## Loading\n\n```python\nfrom datasets import load_dataset\n");
        for (Config c : configs) {
            b.append(c.name().equals("default") ? "docs = load_dataset(\"OUT\", split=\"train\")"
                    : identifier(c.name()) + " = load_dataset(\"OUT\", \"" + c.name() + "\", split=\"train\")");
            b.append("  # ").append(c.glob()).append('\n');
        }
        b.append("```\n\n");
        if (configs.stream().anyMatch(c -> c.glob().endsWith(".zst"))) {
            b.append("`.jsonl.zst` files need the `zstandard` Python package.\n\n");
        }
        JsonNode meg = manifest.path("data").path("megatron");
        if (!meg.isMissingNode()) {
            JsonNode f = meg.path("shards").path(0).path("files").path(0).path("path");
            int shards = meg.path("shards").size();
            // an output without kept documents has only the empty part 0: no dataset to train on
            if (shards == 1 && f.isTextual() && meg.path("shards").path(0).path("tokens").asLong(0) > 0) {
                String prefix = f.asText().replaceFirst("\\.bin$", "");
                b.append("Megatron-LM indexed dataset (not a table): `--data-path OUT/").append(prefix).append("`.\n\n");
            } else if (shards > 1 && meg.path("data_args_path").isTextual()) {
                // every shard, not the first one only: one .bin/.idx pair per non-empty hash partition
                b.append("Megatron-LM indexed dataset (not a table), ").append(shards)
                        .append(" shards: from OUT, `--data-args-path ").append(meg.path("data_args_path").asText())
                        .append("` (each shard weighted by its tokens; prefixes relative to OUT).");
                if (shards > MegatronBlend.MAX_DATASETS) {
                    b.append(" More shards than Megatron-LM blends (at most ")
                            .append(String.format(Locale.ROOT, "%,d", MegatronBlend.MAX_DATASETS))
                            .append(" datasets): merge them first (Megatron-LM `tools/merge_datasets.py`).");
                }
                b.append("\n\n");
            }
        }
        figures(b, stats, manifest);
        return b.toString();
    }

    private static void figures(StringBuilder b, JsonNode stats, JsonNode manifest) {
        JsonNode d = stats.path("documents");
        b.append("## This run\n\n| | documents | bytes |\n|---|---:|---:|\n");
        b.append("| in | ").append(n(d.path("in"))).append(" | ").append(n(stats.path("bytes").path("in"))).append(" |\n");
        b.append("| kept | ").append(n(d.path("kept"))).append(" | ").append(n(stats.path("bytes").path("kept"))).append(" |\n");
        b.append("| dropped | ").append(n(d.path("dropped"))).append(" | |\n");
        b.append("| quarantined | ").append(n(d.path("quarantined"))).append(" | |\n\n");
        JsonNode tokens = manifest.path("total_tokens");
        if (tokens.isNumber()) {
            b.append("Tokens: ").append(n(tokens)).append(" (").append(manifest.path("token_source").asText());
            if (manifest.path("tokenizer").isTextual()) {
                b.append(", ").append(manifest.path("tokenizer").asText()).append(", EOS included");
            }
            b.append(").\n");
        }
        if (manifest.path("recipe_sha256").isTextual()) {
            b.append("Recipe SHA-256: `").append(manifest.path("recipe_sha256").asText()).append("`; seed ")
                    .append(manifest.path("seed").asText()).append(" (the recipe is in `manifest.json`).\n");
        }
        b.append('\n');
        List<Object[]> rules = new ArrayList<>();
        stats.path("decisions").fields().forEachRemaining(stage -> stage.getValue().fields().forEachRemaining(rule -> {
            String[] actionRule = rule.getKey().split(":", 2);
            if (!actionRule[0].equals(LedgerRow.MODIFY)) {
                rules.add(new Object[] {stage.getKey(), actionRule.length > 1 ? actionRule[1] : actionRule[0],
                        actionRule[0], rule.getValue().path("documents").asLong()});
            }
        }));
        rules.sort(Comparator.comparing((Object[] r) -> -(long) r[3]).thenComparing(r -> (String) r[0])
                .thenComparing(r -> (String) r[1]));
        if (!rules.isEmpty()) {
            b.append("## Most frequent removals\n\n| stage | rule | action | documents |\n|---|---|---|---:|\n");
            for (Object[] r : rules.subList(0, Math.min(TOP_RULES, rules.size()))) {
                b.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", (long) r[3])).append(" |\n");
            }
            if (rules.size() > TOP_RULES) {
                b.append("\n").append(rules.size() - TOP_RULES).append(" more rules in `stats.json` (`decisions`).\n");
            }
            b.append('\n');
        }
        b.append("Every figure comes from `stats.json` and `manifest.json` beside this card; `report.html` charts them.\n");
    }

    private static String n(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%,d", v.asLong()) : "–";
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String identifier(String configName) {
        return configName.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
