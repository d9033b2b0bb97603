package dev.codemill.plan;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML reader for recipes and {@code --set} values, with limits that a recipe never
 * needs to exceed, so that a hostile or broken file fails at once with a message instead of
 * running for minutes (SnakeYAML reads a long line at only ~0.2 MB/s, so an 8 MB line took 76 s):
 * at most {@value #MAX_BYTES} bytes ({@link #read}), nesting at most
 * {@value #MAX_DEPTH} deep, and a key given twice in one mapping is an error (YAML 1.2 says keys
 * are unique; SnakeYAML and Jackson otherwise keep the last silently).
 */
final class RecipeYaml {
    /** Largest recipe, in bytes (a recipe with thousands of mix targets still fits). */
    static final int MAX_BYTES = 256 * 1024;
    /** Deepest nesting of mappings and lists. */
    static final int MAX_DEPTH = 32;

    static final ObjectMapper MAPPER = mapper();

    private RecipeYaml() {
    }

    /**
     * Reads a whole recipe, refusing one larger than {@value #MAX_BYTES} bytes after reading at
     * most one byte more.
     */
    static byte[] read(InputStream in, String where) throws IOException {
        byte[] b = in.readNBytes(MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
            throw new RecipeException(where + ": a recipe may hold at most " + MAX_BYTES + " bytes; this one is larger");
        }
        return b;
    }

    private static ObjectMapper mapper() {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(MAX_BYTES);
        opts.setNestingDepthLimit(MAX_DEPTH);
        opts.setAllowDuplicateKeys(false);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(opts)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_BYTES).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(f);
    }
}
