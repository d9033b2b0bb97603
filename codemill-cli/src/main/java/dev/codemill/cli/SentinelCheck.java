package dev.codemill.cli;

import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import dev.codemill.plan.OutputSpec;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Sentinels;
import dev.codemill.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the sentinels of stages that insert them (the {@code fim} stage, {@link Sentinels})
 * against the recipe's tokenizer when a token format ({@code megatron}, {@code packed}) is written,
 * for {@code codemill validate} and {@code codemill run}:
 * <ul>
 *   <li>every sentinel is a special token of the tokenizer: fine, they are written as its ids;</li>
 *   <li>none is (StarCoder's {@code <fim_prefix>} with tiktoken {@code cl100k_base}, whose FIM
 *       tokens are {@code <|fim_prefix|>} etc.): a warning that they will be encoded as ordinary
 *       text, so the model sees several ordinary ids per sentinel;</li>
 *   <li>some are and some are not: a {@link RecipeException} (a half-special sentinel set is
 *       always a mistake).</li>
 * </ul>
 */
final class SentinelCheck {
    private static final List<String> TOKEN_FORMATS = List.of("megatron", "packed");

    private SentinelCheck() {
    }

    /**
     * @param formats the formats the run writes
     * @return warnings, empty when no stage inserts sentinels, no token format is written, or all are special
     * @throws RecipeException when some but not all sentinels of a stage are special tokens, or a
     *                         {@code tokens} stage counts with another tokenizer than the token formats
     */
    static List<String> warnings(List<Stage> stages, OutputSpec output, List<String> formats) {
        List<String> out = new ArrayList<>();
        if (formats.stream().noneMatch(TOKEN_FORMATS::contains)) {
            return out;
        }
        for (Stage s : stages) {
            // num_tokens (and the mix budget that sums it) must count the tokens the formats write
            if (s instanceof dev.codemill.stages.tokenize.TokenCountStage t
                    && !t.tokenizerName().equals(Tokenizers.byName(output.tokenizer(), output.eosToken()).name())) {
                throw new RecipeException("stage 'tokens' counts with tokenizer " + t.tokenizerName() + " but output.tokenizer is "
                        + output.tokenizer() + ": num_tokens, the mix budget and the token output would count different "
                        + "tokens; give both the same tokenizer");
            }
        }
        Tokenizer tokenizer = null;
        for (Stage s : stages) {
            if (!(s instanceof Sentinels st)) {
                continue;
            }
            if (tokenizer == null) {
                tokenizer = Tokenizers.byName(output.tokenizer(), output.eosToken());
            }
            List<String> special = new ArrayList<>();
            List<String> text = new ArrayList<>();
            for (String sentinel : st.sentinels()) {
                (tokenizer.specialId(sentinel) >= 0 ? special : text).add(sentinel);
            }
            if (text.isEmpty()) {
                continue;
            }
            if (!special.isEmpty()) {
                throw new RecipeException("stage '" + s.name() + "': sentinels " + special + " are special tokens of tokenizer "
                        + tokenizer.name() + " but " + text + " are not; use sentinels that all are (or none)");
            }
            out.add("stage '" + s.name() + "': sentinels " + text + " are not special tokens of tokenizer " + tokenizer.name()
                    + "; " + String.join(" and ", formats.stream().filter(TOKEN_FORMATS::contains).toList())
                    + " will encode them as ordinary text (e.g. " + text.get(0) + " → "
                    + tokenizer.encode(text.get(0)).length + " ids)");
        }
        return out;
    }
}
