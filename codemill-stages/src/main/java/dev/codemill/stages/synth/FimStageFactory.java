package dev.codemill.stages.synth;

import dev.codemill.stages.analysis.fim.FimTransform;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/**
 * Recipe type {@code fim}. Parameters:
 * <ul>
 *   <li>{@code rate} — probability a document becomes a FIM sample, 0..1 (default 0.5,
 *       StarCoder / DeepSeek-Coder);</li>
 *   <li>{@code spm_rate} — share of SPM among FIM samples, 0..1 (default 0.5, StarCoder);</li>
 *   <li>{@code prefix}, {@code middle}, {@code suffix} — sentinels (default StarCoder's
 *       {@code <fim_prefix>}, {@code <fim_middle>}, {@code <fim_suffix>});</li>
 *   <li>{@code escape} — a single code point inserted to escape sentinels found in the source
 *       (default U+2063 INVISIBLE SEPARATOR; see {@link FimTransform});</li>
 *   <li>{@code spans} — {@code random} (default: two uniform code-point cuts, as StarCoder) or
 *       {@code syntax} (the middle is one whole statement, block, body or expression of the
 *       tree-sitter tree of the document's language, {@link SyntaxSpans}).</li>
 * </ul>
 * Randomness comes from the recipe seed and the document id.
 */
public final class FimStageFactory implements StageFactory {
    @Override
    public String name() {
        return FimStage.NAME;
    }

    @Override
    public String description() {
        return "fill-in-the-middle samples (PSM/SPM, random code-point spans, StarCoder sentinels)";
    }

    @Override
    public Stage create(Params params) {
        double rate = params.number("rate", FimTransform.DEFAULT_RATE, 0, 1);
        double spm = params.number("spm_rate", FimTransform.DEFAULT_SPM_RATE, 0, 1);
        String prefix = params.string("prefix", FimTransform.DEFAULT_PREFIX);
        String middle = params.string("middle", FimTransform.DEFAULT_MIDDLE);
        String suffix = params.string("suffix", FimTransform.DEFAULT_SUFFIX);
        String esc = params.string("escape", new String(Character.toChars(FimTransform.DEFAULT_ESCAPE)));
        String spans = params.string("spans", "random");
        if (!spans.equals("random") && !spans.equals("syntax")) {
            throw params.error("spans", "must be random or syntax, got '" + spans + "'");
        }
        if (esc.isEmpty() || esc.codePointCount(0, esc.length()) != 1) {
            throw params.error("escape", "must be exactly one code point, got '" + esc + "'");
        }
        try {
            return new FimStage(new FimTransform(rate, spm, prefix, middle, suffix, esc.codePointAt(0)), params.seed(),
                    spans.equals("syntax") ? FimTransform.Spans.SYNTAX : FimTransform.Spans.RANDOM);
        } catch (IllegalArgumentException e) {
            throw new RecipeException("stage 'fim': " + e.getMessage());
        }
    }
}
