package dev.codemill.stages.dedup.near;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.Locale;

/**
 * Recipe type {@code near_dedup}. Parameters (defaults from BigCode's near-dedup of The Stack):
 * {@code ngram} 5, {@code shingle} {@code word}|{@code char}, {@code permutations} 256,
 * {@code threshold} 0.7, {@code signature} {@code oph}|{@code classic}, {@code verify} true,
 * {@code exact_max_shingles} 8192 (verify by exact Jaccard up to this many distinct shingles per
 * document; 0 verifies by estimate only), {@code unit} {@code document}|{@code repository},
 * {@code exclude_boilerplate} true (leave licence header comments out of shingling, {@link Boilerplate}),
 * {@code boilerplate_patterns} [] (regular expressions whose matches are left out too),
 * {@code survivor_comparisons} 1000 (survivors of a cluster each unit is also compared with, so
 * survivors stay pairwise below the threshold; 0 compares with the kept unit only), and optionally {@code bands} with {@code rows} (both, with bands × rows ≤ permutations) instead
 * of the optimised ones. The recipe seed seeds the permutations.
 */
public final class NearDedupStageFactory implements StageFactory {
    @Override
    public String name() {
        return NearDedupStage.NAME;
    }

    @Override
    public String description() {
        return "drop near duplicates: MinHash LSH over word 5-grams, clusters by connected components, keep rule";
    }

    @Override
    public Stage create(Params p) {
        int ngram = (int) p.integer("ngram", Shingler.DEFAULT_NGRAM, 1, 64);
        String shingle = p.string("shingle", "word").toLowerCase(Locale.ROOT);
        Shingler.Mode mode = switch (shingle) {
            case "word" -> Shingler.Mode.WORD;
            case "char" -> Shingler.Mode.CHAR;
            default -> throw p.error("shingle", "must be word or char, got " + shingle);
        };
        int k = (int) p.integer("permutations", MinHasher.DEFAULT_K, 1, 65536);
        double threshold = p.number("threshold", LshParams.DEFAULT_THRESHOLD, 0.01, 0.99);
        String kind = p.string("signature", "oph").toLowerCase(Locale.ROOT);
        MinHasher hasher = switch (kind) {
            case "oph" -> MinHasher.of(MinHasher.Kind.OPH, k, p.seed());
            case "classic" -> MinHasher.of(MinHasher.Kind.CLASSIC, k, p.seed());
            default -> throw p.error("signature", "must be oph or classic, got " + kind);
        };
        LshParams lsh;
        if (p.has("bands") || p.has("rows")) {
            int bands = (int) p.integer("bands", 0, 1, k);
            int rows = (int) p.integer("rows", 0, 1, k);
            if (bands == 0 || rows == 0 || (long) bands * rows > k) {
                throw new RecipeException("stage 'near_dedup': 'bands' and 'rows' go together and bands × rows must be ≤ permutations (" + k + ")");
            }
            lsh = new LshParams(bands, rows, threshold, Double.NaN, Double.NaN); // areas not computed for given b × r
        } else {
            lsh = LshParams.optimal(threshold, k);
        }
        String unitName = p.string("unit", "document").toLowerCase(Locale.ROOT);
        NearDedupStage.Unit unit = switch (unitName) {
            case "document" -> NearDedupStage.Unit.DOCUMENT;
            case "repository" -> NearDedupStage.Unit.REPOSITORY;
            default -> throw p.error("unit", "must be document or repository, got " + unitName);
        };
        int exactMax = (int) p.integer("exact_max_shingles", NearDedupStage.DEFAULT_EXACT_MAX_SHINGLES, 0, 1 << 24);
        java.util.List<java.util.regex.Pattern> declared = new java.util.ArrayList<>();
        for (String regex : p.strings("boilerplate_patterns", java.util.List.of())) {
            try {
                declared.add(java.util.regex.Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw p.error("boilerplate_patterns", "not a regular expression: " + e.getDescription() + " in " + regex);
            }
        }
        Boilerplate boilerplate = new Boilerplate(p.bool("exclude_boilerplate", true), declared);
        int survivors = (int) p.integer("survivor_comparisons", NearDedupStage.DEFAULT_SURVIVOR_COMPARISONS, 0, 1 << 20);
        return new NearDedupStage(unit, mode, ngram, hasher, lsh, p.bool("verify", true), exactMax, boilerplate, survivors);
    }
}
