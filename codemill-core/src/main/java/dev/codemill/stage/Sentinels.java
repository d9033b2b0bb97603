package dev.codemill.stage;

import java.util.List;

/**
 * A stage that inserts control strings meant to become special-token ids (the FIM sentinels of
 * the {@code fim} stage). Such a stage records every string it inserted in the annotation
 * {@link dev.codemill.model.Keys#FIM_SENTINELS} (offsets in the text), and escapes occurrences of
 * the same strings that were already in the text, so that only recorded spans are control
 * strings. The token formats encode recorded spans as special ids and all other text as
 * ordinary text; {@code codemill validate} and {@code run} check the strings against the
 * recipe's tokenizer.
 */
public interface Sentinels {
    /** The control strings this stage inserts, e.g. {@code <fim_prefix>}, {@code <fim_middle>}, {@code <fim_suffix>}. */
    List<String> sentinels();
}
