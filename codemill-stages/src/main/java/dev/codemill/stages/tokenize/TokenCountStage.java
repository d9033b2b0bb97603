package dev.codemill.stages.tokenize;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;

/**
 * Sets {@code num_tokens}: the number of tokens of the document's text under a tiktoken
 * encoding ({@code cl100k_base} by default, {@code o200k_base} selectable), counted with jtokkit's
 * {@code countTokensOrdinary}, so special-token strings such as {@code <|endoftext|>} inside
 * source text count as ordinary text. No EOS token is added. Always keeps the document.
 */
public final class TokenCountStage implements DocStage {
    public static final String NAME = "tokens";
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    /** @param encodingName a tiktoken encoding name, e.g. {@code cl100k_base}; see {@link #supported()} */
    public TokenCountStage(String encodingName) {
        this.encoding = REGISTRY.getEncoding(EncodingType.fromName(encodingName)
                .orElseThrow(() -> new IllegalArgumentException("unknown tokenizer " + encodingName)));
    }

    public static java.util.List<String> supported() {
        return java.util.Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        out.keep(doc.with(Keys.NUM_TOKENS, (long) encoding.countTokensOrdinary(doc.text())));
    }
}
