package dev.codemill.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a recipe from YAML and checks every section's keys and values before any data is read.
 * Unknown keys at any level are {@link RecipeException}s that name the key by its path
 * ({@link RecipeException#keyPath()}, e.g. {@code ingest.max_file_bytes}) and where it is; the
 * stage chains are checked by {@link PlanValidator}, which builds the stages.
 */
public final class RecipeLoader {
    /** Class-path resource of the built-in default recipe. */
    public static final String DEFAULT_RESOURCE = "codemill/default-recipe.yaml";

    private static final Set<String> TOP = Set.of("name", "seed", "sources", "ingest", "stages", "output", "mix",
            "branches");
    private static final Set<String> INGEST = Set.of("max_file_bytes", "max_expansion_ratio", "max_archive_depth",
            "content_field", "path_field", "repo_field", "id_field", "split_bytes", "content_aliases", "tolerate_bad_inputs", "history");
    private static final Set<String> OUTPUT = Set.of("formats", "part_bytes", "spill_partitions", "tokenizer",
            "seq_length", "eos_token");

    private static final Set<String> MIX = Set.of("total_tokens", "by", "targets", "exclude", "weights", "max_epochs");
    /** The stage type whose {@code num_tokens} annotation a {@code mix} section plans with. */
    public static final String TOKENS_STAGE = "tokens";

    private static final ObjectMapper YAML = RecipeYaml.MAPPER;

    private RecipeLoader() {
    }

    public static Recipe load(Path file) {
        return load(file, List.of());
    }

    /** Loads {@code file} with command-line changes ({@link RecipeOverrides}) applied before checking. */
    public static Recipe load(Path file, List<String> overrides) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), overrides);
        } catch (NoSuchFileException e) {
            throw new RecipeException("recipe file not found: " + file);
        } catch (IOException e) {
            throw new RecipeException("cannot read recipe " + file + ": " + e.getMessage());
        }
    }

    public static Recipe loadDefault() {
        return loadDefault(List.of());
    }

    /** The built-in default recipe with command-line changes ({@link RecipeOverrides}) applied. */
    public static Recipe loadDefault(List<String> overrides) {
        try (InputStream in = RecipeLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in recipe " + DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(in, "built-in default recipe", overrides);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in recipe", e);
        }
    }

    public static Recipe parse(InputStream in, String where) throws IOException {
        return parse(in, where, List.of());
    }

    /** Parses a recipe, applies {@code overrides} ({@link RecipeOverrides}) to its tree, then checks it. */
    public static Recipe parse(InputStream in, String where, List<String> overrides) throws IOException {
        Map<String, Object> top = tree(in, where);
        RecipeOverrides.apply(top, overrides);
        return fromTree(top, where);
    }

    /** Checks a recipe tree ({@link #tree}, maybe changed) and builds the recipe. */
    public static Recipe fromTree(Map<String, Object> top, String where) {
        checkKeys(top, TOP, "", where);
        String name = String.valueOf(top.getOrDefault("name", "unnamed"));
        long seed = asLong(top.getOrDefault("seed", 0), "", "seed", where);
        List<String> sources = new ArrayList<>();
        int si = 0;
        for (Object o : asList(top.get("sources"), "", "sources", where)) {
            String sourcePath = "sources[" + si++ + "]";
            if (o instanceof Map<?, ?> m) {
                Object path = m.get("path");
                if (path == null) {
                    throw new RecipeException(sourcePath + ".path", where + ": a source needs a 'path'");
                }
                checkKeys(asMap(m, where + " sources"), Set.of("path", "type"), sourcePath, where + " sources");
                sources.add(path.toString());
            } else {
                sources.add(String.valueOf(o));
            }
        }
        List<StageSpec> stages = stages(top.get("stages"), where);
        MixSpec mix = mix(top.get("mix"), where, stages);
        return new Recipe(name, seed, sources, ingest(top.get("ingest"), where), stages,
                output(top.get("output"), where), mix, BranchLoader.branches(top.get("branches"), where, stages));
    }

    /**
     * The recipe's YAML as a tree of maps, lists and scalars, unchecked (for printing and changing
     * a recipe before {@link #parse}).
     */
    public static Map<String, Object> tree(InputStream in, String where) throws IOException {
        Object root;
        try {
            root = YAML.readValue(RecipeYaml.read(in, where), Object.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RecipeException(where + ": not valid YAML: " + e.getOriginalMessage());
        }
        return new LinkedHashMap<>(asMap(root, where));
    }

    private static IngestOptions ingest(Object node, String where) {
        IngestOptions d = IngestOptions.DEFAULTS;
        if (node == null) {
            return d;
        }
        String at = where + " section 'ingest'";
        Map<String, Object> m = asMap(node, at);
        checkKeys(m, INGEST, "ingest", at);
        long maxBytes = asLong(m.getOrDefault("max_file_bytes", d.maxFileBytes()), "ingest", "max_file_bytes", at);
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new RecipeException(path("ingest", "max_file_bytes"), at + ": key 'max_file_bytes' must be in [1, " + (Integer.MAX_VALUE - 16) + "]");
        }
        double ratio = asDouble(m.getOrDefault("max_expansion_ratio", d.maxExpansionRatio()), "ingest", "max_expansion_ratio", at);
        if (!(ratio >= 1) || Double.isInfinite(ratio)) {
            throw new RecipeException(path("ingest", "max_expansion_ratio"), at + ": key 'max_expansion_ratio' must be a finite number >= 1, got " + ratio);
        }
        long depth = asLong(m.getOrDefault("max_archive_depth", d.maxArchiveDepth()), "ingest", "max_archive_depth", at);
        if (depth < 0 || depth > 1000) {
            throw new RecipeException(path("ingest", "max_archive_depth"), at + ": key 'max_archive_depth' must be in [0, 1000], got " + depth);
        }
        long splitBytes = asLong(m.getOrDefault("split_bytes", d.splitBytes()), "ingest", "split_bytes", at);
        if (splitBytes < 0) {
            throw new RecipeException(path("ingest", "split_bytes"), at + ": key 'split_bytes' must be >= 0 (0: never split), got " + splitBytes);
        }
        List<String> aliases = new ArrayList<>();
        Object al = m.getOrDefault("content_aliases", d.contentAliases());
        for (Object o : asList(al, "ingest", "content_aliases", at)) {
            if (!(o instanceof String a) || a.isEmpty()) {
                throw new RecipeException(path("ingest", "content_aliases"), at + ": key 'content_aliases' expects a list of field names, got " + al);
            }
            aliases.add(a);
        }
        Object tolerate = m.getOrDefault("tolerate_bad_inputs", d.tolerateBadInputs());
        if (!(tolerate instanceof Boolean t)) {
            throw new RecipeException(path("ingest", "tolerate_bad_inputs"), at + ": key 'tolerate_bad_inputs' expects true or false, got " + tolerate);
        }
        return new IngestOptions(maxBytes, ratio, (int) depth,
                str(m, "content_field", d.contentField()), str(m, "path_field", d.pathField()),
                str(m, "repo_field", d.repoField()), str(m, "id_field", d.idField()), splitBytes, aliases, t,
                m.containsKey("history") ? HistoryLoader.history(m.get("history"), at) : null);
    }

    private static List<StageSpec> stages(Object node, String where) {
        List<StageSpec> out = new ArrayList<>();
        int i = 0;
        for (Object entry : asList(node, "", "stages", where)) {
            i++;
            String at = where + " stage #" + i;
            Map<String, Object> m = new LinkedHashMap<>(asMap(entry, at));
            Object type = m.remove("type");
            if (type == null) {
                throw new RecipeException("stages[" + (i - 1) + "].type", at + ": missing key 'type'");
            }
            out.add(new StageSpec(type.toString(), m));
        }
        return out;
    }

    /**
     * The {@code mix} section, or null when absent. Checks: {@code total_tokens} ≥ 1; every
     * target share in (0, 1] and their sum ≤ 1 (+1e-9); no group both targeted and excluded;
     * weights ≥ 0 and finite; {@code max_epochs} in [1, 1000]; a {@code tokens} stage in
     * {@code stages} (the plan counts its {@code num_tokens}).
     */
    private static MixSpec mix(Object node, String where, List<StageSpec> stages) {
        if (node == null) {
            return null;
        }
        String at = where + " section 'mix'";
        Map<String, Object> m = asMap(node, at);
        checkKeys(m, MIX, "mix", at);
        if (!m.containsKey("total_tokens")) {
            throw new RecipeException(path("mix", "total_tokens"), at + ": missing key 'total_tokens' (the token budget)");
        }
        double total = asDouble(m.get("total_tokens"), "mix", "total_tokens", at);
        if (!(total >= 1) || total > Long.MAX_VALUE / 2 || total != Math.rint(total)) {
            throw new RecipeException(path("mix", "total_tokens"), at + ": key 'total_tokens' must be a whole number >= 1, got " + m.get("total_tokens"));
        }
        String by = str(m, "by", MixSpec.DEFAULT_BY);
        if (by.isBlank()) {
            throw new RecipeException(path("mix", "by"), at + ": key 'by' must name an annotation");
        }
        Map<String, Double> targets = new LinkedHashMap<>();
        double sum = 0;
        if (m.get("targets") != null) {
            for (Map.Entry<String, Object> e : asMap(m.get("targets"), at + " targets").entrySet()) {
                double share = asDouble(e.getValue(), "mix", "targets." + e.getKey(), at);
                if (!(share > 0) || share > 1) {
                    throw new RecipeException("mix.targets." + e.getKey(), at + ": target share of '" + e.getKey() + "' must be in (0, 1], got " + e.getValue());
                }
                targets.put(e.getKey(), share);
                sum += share;
            }
        }
        if (sum > 1 + 1e-9) {
            throw new RecipeException("mix.targets", at + ": target shares add up to " + sum + ", more than 1");
        }
        List<String> exclude = new ArrayList<>();
        for (Object o : asList(m.get("exclude"), "mix", "exclude", at)) {
            String g = String.valueOf(o);
            if (targets.containsKey(g)) {
                throw new RecipeException("mix.exclude", at + ": group '" + g + "' is both in 'targets' and in 'exclude'");
            }
            exclude.add(g);
        }
        Map<String, Map<String, Double>> weights = new LinkedHashMap<>();
        if (m.get("weights") != null) {
            for (Map.Entry<String, Object> e : asMap(m.get("weights"), at + " weights").entrySet()) {
                Map<String, Double> byValue = new LinkedHashMap<>();
                for (Map.Entry<String, Object> w : asMap(e.getValue(), at + " weights." + e.getKey()).entrySet()) {
                    double v = asDouble(w.getValue(), "mix", "weights." + e.getKey() + "." + w.getKey(), at);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new RecipeException("mix.weights." + e.getKey() + "." + w.getKey(), at + ": weight " + e.getKey() + "." + w.getKey()
                                + " must be a finite number >= 0, got " + w.getValue());
                    }
                    byValue.put(w.getKey(), v);
                }
                weights.put(e.getKey(), byValue);
            }
        }
        long epochs = asLong(m.getOrDefault("max_epochs", MixSpec.DEFAULT_MAX_EPOCHS), "mix", "max_epochs", at);
        if (epochs < 1 || epochs > 1000) {
            throw new RecipeException(path("mix", "max_epochs"), at + ": key 'max_epochs' must be in [1, 1000], got " + epochs);
        }
        if (stages.stream().noneMatch(s -> s.type().equals(TOKENS_STAGE))) {
            throw new RecipeException("mix", at + ": a mix needs the '" + TOKENS_STAGE + "' stage (it plans with the "
                    + "num_tokens it measures); add {type: " + TOKENS_STAGE + "} to 'stages'");
        }
        return new MixSpec((long) total, by, targets, exclude, weights, (int) epochs);
    }

    private static OutputSpec output(Object node, String where) {
        OutputSpec d = new OutputSpec(OutputSpec.CONTENT_FORMATS, 256L << 20, 0);
        if (node == null) {
            return d;
        }
        String at = where + " section 'output'";
        Map<String, Object> m = asMap(node, at);
        checkKeys(m, OUTPUT, "output", at);
        List<String> formats = new ArrayList<>();
        for (Object f : asList(m.getOrDefault("formats", d.formats()), "output", "formats", at)) {
            String s = f.toString();
            if (!OutputSpec.KNOWN_FORMATS.contains(s)) {
                throw RecipeException.unknownKey("output.formats", at + " formats", s, OutputSpec.KNOWN_FORMATS);
            }
            if (formats.contains(s)) {
                throw new RecipeException("output.formats", at + ": format '" + s + "' is listed twice in key 'formats'");
            }
            formats.add(s);
        }
        if (formats.isEmpty()) {
            throw new RecipeException(path("output", "formats"), at + ": key 'formats' needs at least one of " + OutputSpec.CONTENT_FORMATS);
        }
        if (formats.stream().noneMatch(OutputSpec.CONTENT_FORMATS::contains)) {
            throw new RecipeException(path("output", "formats"), at + ": key 'formats' needs " + String.join(" or ", OutputSpec.CONTENT_FORMATS)
                    + " besides " + formats + " (they hold the content and the ledger)");
        }
        String tokenizer = String.valueOf(m.getOrDefault("tokenizer", d.tokenizer()));
        String eosToken = null;
        if (OutputSpec.isTokenizerFile(tokenizer)) {
            eosToken = tokenizerEos(tokenizer, m.get("eos_token"), at);
        } else if (!OutputSpec.KNOWN_TOKENIZERS.contains(tokenizer)) {
            throw RecipeException.unknownKey("output.tokenizer", at + " tokenizer (or a path to a tokenizer.json)", tokenizer,
                    OutputSpec.KNOWN_TOKENIZERS);
        } else if (m.containsKey("eos_token")) {
            throw new RecipeException(path("output", "eos_token"), at + ": key 'eos_token' applies only to a tokenizer.json, not to '"
                    + tokenizer + "' (its EOS is <|endoftext|>)");
        }
        long seqLength = asLong(m.getOrDefault("seq_length", d.seqLength()), "output", "seq_length", at);
        if (seqLength < 1 || seqLength > (1 << 24)) {
            throw new RecipeException(path("output", "seq_length"), at + ": key 'seq_length' must be in [1, " + (1 << 24) + "], got " + seqLength);
        }
        long partBytes = asLong(m.getOrDefault("part_bytes", d.partBytes()), "output", "part_bytes", at);
        if (partBytes < 1) {
            throw new RecipeException(path("output", "part_bytes"), at + ": key 'part_bytes' must be at least 1, got " + partBytes);
        }
        long partitions = asLong(m.getOrDefault("spill_partitions", 0), "output", "spill_partitions", at);
        if (partitions < 0 || partitions > 65536) {
            throw new RecipeException(path("output", "spill_partitions"), at + ": key 'spill_partitions' must be in [0, 65536]");
        }
        return new OutputSpec(formats, partBytes, (int) partitions, tokenizer, (int) seqLength, eosToken);
    }

    /**
     * The EOS token of the {@code tokenizer.json} at {@code path}: {@code eos} when given, else the
     * first of {@link OutputSpec#DEFAULT_EOS_TOKENS} present; it must be in the vocabulary
     * ({@code model.vocab}: an object for BPE/WordLevel/WordPiece, a list of [piece, score] for
     * Unigram) or among {@code added_tokens}.
     */
    private static String tokenizerEos(String path, Object eos, String at) {
        Path p = Path.of(path);
        Set<String> vocab = new java.util.HashSet<>();
        try {
            com.fasterxml.jackson.databind.JsonNode root = new ObjectMapper().readTree(p.toFile());
            com.fasterxml.jackson.databind.JsonNode v = root.path("model").path("vocab");
            if (v.isObject()) {
                v.fieldNames().forEachRemaining(vocab::add);
            } else if (v.isArray()) {
                v.forEach(e -> vocab.add(e.path(0).asText()));
            }
            root.path("added_tokens").forEach(e -> vocab.add(e.path("content").asText()));
        } catch (IOException e) {
            throw new RecipeException(path("output", "tokenizer"), at + ": key 'tokenizer': cannot read tokenizer.json '" + path + "' (from "
                    + Path.of("").toAbsolutePath() + "): " + e);
        }
        if (eos != null) {
            if (!vocab.contains(eos.toString())) {
                throw new RecipeException(path("output", "eos_token"), at + ": key 'eos_token': '" + eos + "' is not a token of " + path);
            }
            return eos.toString();
        }
        for (String c : OutputSpec.DEFAULT_EOS_TOKENS) {
            if (vocab.contains(c)) {
                return c;
            }
        }
        throw new RecipeException("output.eos_token", at + ": " + path + " has none of " + OutputSpec.DEFAULT_EOS_TOKENS
                + " in its vocabulary; name its end-of-text token with key 'eos_token'");
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String section, String where) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw RecipeException.unknownKey(path(section, k), where, k, new java.util.TreeSet<>(allowed));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String where) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new RecipeException(where + ": expected a mapping, got " + node);
        }
        return (Map<String, Object>) m;
    }

    /** The path of {@code key} in {@code section} ("" for the top level): {@code ingest.max_file_bytes}. */
    private static String path(String section, String key) {
        return section.isEmpty() ? key : section + "." + key;
    }

    private static List<?> asList(Object node, String section, String key, String where) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new RecipeException(path(section, key), where + ": key '" + key + "' expects a list, got " + node);
        }
        return l;
    }

    private static long asLong(Object v, String section, String key, String where) {
        if (v instanceof java.math.BigInteger b) {
            throw new RecipeException(path(section, key), where + ": key '" + key + "' is out of range (at most "
                    + Long.MAX_VALUE + "), got " + b);
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            if (Math.abs(n.doubleValue()) >= 0x1p63) {
                throw new RecipeException(path(section, key), where + ": key '" + key + "' is out of range (at most "
                        + Long.MAX_VALUE + "), got " + v);
            }
            return n.longValue();
        }
        throw new RecipeException(path(section, key), where + ": key '" + key + "' expects a whole number, got " + v);
    }

    private static double asDouble(Object v, String section, String key, String where) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new RecipeException(path(section, key), where + ": key '" + key + "' expects a number, got " + v);
    }

    private static String str(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }
}
