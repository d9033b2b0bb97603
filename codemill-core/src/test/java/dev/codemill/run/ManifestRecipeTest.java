package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.plan.Recipe;
import dev.codemill.plan.RecipeLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recipe a manifest records is a recipe: loaded back, it is the same recipe. */
class ManifestRecipeTest {
    private static Recipe parse(String text) throws Exception {
        return RecipeLoader.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "r");
    }

    @Test
    void theCanonicalRecipeLoadsBackAsTheSameRecipe() throws Exception {
        Recipe r = parse("""
                name: every-section
                seed: 42
                sources: [/data/a, /data/b.jsonl.zst]
                ingest: {max_file_bytes: 1000000, split_bytes: 0, content_field: text, id_field: id,
                         content_aliases: [code], tolerate_bad_inputs: true}
                stages:
                  - {type: decode}
                  - {type: near_dedup, threshold: 0.8, ngram: 5}
                  - {type: tokens, tokenizer: cl100k_base}
                output: {formats: [parquet, megatron], part_bytes: 1000, seq_length: 16, tokenizer: cl100k_base}
                mix: {total_tokens: 5000, by: language, targets: {Python: 0.5}, max_epochs: 2,
                      weights: {quality_tier: {A: 2.0}}}
                """);
        String json = Manifest.canonicalRecipe(r);
        assertThat(json).contains("\"content_field\":\"text\"").contains("\"seq_length\":16")
                .contains("{\"ngram\":5,\"threshold\":0.8,\"type\":\"near_dedup\"}")
                .doesNotContain("contentField").doesNotContain("params");
        assertThat(parse(json)).isEqualTo(r);
        assertThat(Manifest.canonicalRecipe(parse(json))).isEqualTo(json);
    }
}
