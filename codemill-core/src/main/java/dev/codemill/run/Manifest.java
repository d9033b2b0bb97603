package dev.codemill.run;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.codemill.plan.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of one output folder (layout in {@code docs/output.md}): every shard per
 * format with its files and their sizes in bytes, documents and tokens per shard (tokens only for
 * token formats), total documents and tokens, documents and tokens per language ({@code language}
 * annotation, {@code "unknown"} when absent) and per repository, the tokenizer, the recipe in a
 * canonical JSON form (keys sorted), the SHA-256 of that JSON text, the seed, and the reports of
 * the aggregate stages' decisions ({@code mixture}: null without one); for {@code megatron} also the
 * path of its shards' blend ({@link MegatronBlend}, null when nothing was kept). Tokens are those of the
 * first token format in the recipe (EOS included); with none, the sum of the {@code num_tokens}
 * annotations of the {@code tokens} stage ({@code token_source} says which).
 */
final class Manifest {
    private Manifest() {
    }

    /** The file name, in OUT and in each branch folder. */
    static final String FILE = "manifest.json";

    /** Recipe keys as a recipe spells them (snake_case), so the manifest's recipe runs again as it is. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The recipe as canonical JSON: compact, object keys sorted; what {@code recipe_sha256} hashes. */
    static String canonicalRecipe(Recipe recipe) throws IOException {
        return CANONICAL.writeValueAsString(recipe);
    }

    /**
     * Writes {@code root/manifest.json} once the part files are closed (so their sizes are final).
     *
     * @param root    the output folder; shard paths are relative to it
     * @param recipe  the recipe the run used (after command-line changes), or null when unknown
     * @param reports the aggregate decisions' reports, by key ({@link WriteTail#reports})
     */
    static void write(Path root, List<OutputFormat> formats, List<Parts> dataParts, List<Parts> ledgerParts,
                      Recipe recipe, Map<String, Object> reports) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest_version", 1);
        Parts counting = null;
        for (Parts p : dataParts) {
            if (formats.get(p.format).tokenizer() != null) {
                counting = p;
                break;
            }
        }
        String source;
        boolean tokenizing = counting != null;
        if (counting != null) {
            source = formats.get(counting.format).name();
        } else {
            counting = dataParts.isEmpty() ? null : dataParts.get(0);
            source = counting != null && counting.tokensKnown ? "num_tokens" : null;
        }
        m.put("tokenizer", tokenizing ? formats.get(counting.format).tokenizer() : null);
        m.put("token_source", source);
        m.put("seed", recipe == null ? null : recipe.seed());
        String recipeJson = recipe == null ? null : canonicalRecipe(recipe);
        m.put("recipe_sha256", recipeJson == null ? null : sha256(recipeJson));
        m.put("recipe", recipeJson == null ? null : CANONICAL.readTree(recipeJson));
        long docs = 0;
        long tokens = 0;
        if (counting != null) {
            for (Parts.Shard s : counting.shards) {
                docs += s.rows;
                tokens += s.tokens;
            }
        }
        m.put("documents", docs);
        m.put("total_tokens", source == null ? null : tokens);
        m.put("by_language", groups(counting, true, source != null));
        m.put("by_repository", groups(counting, false, source != null));
        m.putAll(reports);
        Map<String, Object> data = new LinkedHashMap<>();
        for (Parts p : dataParts) {
            OutputFormat format = formats.get(p.format);
            Map<String, Object> f = new LinkedHashMap<>(new TreeMap<>(format.describe()));
            f.put("shards", shards(root, p, format.tokenizer() != null));
            if (format.name().equals(MegatronBlend.FORMAT)) {
                f.put("data_args_path", MegatronBlend.write(root, p));
            }
            data.put(format.name(), f);
        }
        m.put("data", data);
        Map<String, Object> ledger = new LinkedHashMap<>();
        for (Parts p : ledgerParts) {
            ledger.put(formats.get(p.format).name(), Map.of("shards", shards(root, p, false)));
        }
        m.put("ledger", ledger);
        OutFiles.writeAtomically(root.resolve(FILE), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    private static Map<String, Object> groups(Parts w, boolean language, boolean withTokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (w == null) {
            return out;
        }
        for (Map.Entry<String, long[]> e : (language ? w.byLanguage : w.byRepository).entrySet()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("documents", e.getValue()[0]);
            g.put("tokens", withTokens ? e.getValue()[1] : null);
            out.put(e.getKey(), g);
        }
        return out;
    }

    private static List<Object> shards(Path root, Parts w, boolean withTokens) throws IOException {
        List<Object> out = new ArrayList<>();
        for (Parts.Shard s : w.shards) {
            Map<String, Object> shard = new LinkedHashMap<>();
            List<Object> files = new ArrayList<>();
            for (String name : s.files) {
                Path f = Path.of(name);
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("path", root.toAbsolutePath().relativize(f).toString().replace('\\', '/'));
                file.put("bytes", Files.size(f));
                files.add(file);
            }
            shard.put("files", files);
            shard.put(w.data ? "documents" : "rows", s.rows);
            if (w.data) {
                shard.put("tokens", withTokens ? s.tokens : null);
            }
            out.add(shard);
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
