package dev.codemill.tokenize;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.TokenIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a document for the token formats, turning the sentinels a stage inserted into special
 * ids. The spans come from the annotation {@link Keys#FIM_SENTINELS} ({@code start-end} UTF-16
 * offsets, comma-separated, text order), written by the {@code fim} stage; everything outside them,
 * including the same strings occurring in source code (which that stage escapes anyway), is encoded
 * as ordinary text ({@link Tokenizer#encode}).
 *
 * <ul>
 *   <li>No annotation, or a document that is not decoded: {@code encode(content)}, as before.</li>
 *   <li>Every recorded span is a special token of the tokenizer ({@link Tokenizer#specialId}):
 *       the text is encoded piece by piece, {@code encode(text before)}, the span's special id,
 *       {@code encode(text between)}, …, {@code encode(rest)}; an empty piece gives no ids. This is
 *       how FIM training code builds samples (pieces tokenized separately, sentinel ids between).</li>
 *   <li>No recorded span is a special token (e.g. StarCoder's {@code <fim_prefix>} with tiktoken
 *       {@code cl100k_base}): the whole text in one call, so the sentinels become ordinary text
 *       ({@code codemill validate} warns about such a recipe).</li>
 *   <li>Some but not all are special, or a span lies outside the text or out of order (the text was
 *       changed after the stage recorded it): {@link IllegalStateException} naming the document,
 *       never a silently wrong encoding.</li>
 * </ul>
 */
public final class SentinelEncoder {
    private SentinelEncoder() {
    }

    /**
     * The content the tokenizer sees: the text, or undecoded bytes read as UTF-8 (as the text
     * formats write them).
     */
    public static String content(Document doc) {
        return doc.isDecoded() ? doc.text() : new String(doc.bytes(), StandardCharsets.UTF_8);
    }

    /**
     * {@link #encode}, as {@link TokenIds} to carry with the document: what the {@code tokens}
     * stage computes once, in parallel, for {@code num_tokens} and the token formats.
     */
    public static TokenIds tokenize(Tokenizer tokenizer, Document doc) {
        return TokenIds.of(tokenizer.name(), sentinels(doc), encode(tokenizer, doc));
    }

    /**
     * The ids {@link #encode} gives: the ids {@code doc} carries ({@link Document#tokens}) when
     * they were computed by this tokenizer under the same {@code fim_sentinels} annotation (the
     * content cannot have changed since: {@link Document#withText} drops them), else a fresh
     * encoding. What the token formats write.
     */
    public static int[] ids(Tokenizer tokenizer, Document doc) {
        TokenIds carried = doc.tokens();
        if (carried != null && carried.matches(tokenizer.name(), sentinels(doc))) {
            return carried.ids();
        }
        return encode(tokenizer, doc);
    }

    /** The annotation the encoding depends on besides the content: {@code fim_sentinels} of a decoded document, else null. */
    private static String sentinels(Document doc) {
        return doc.isDecoded() ? doc.get(Keys.FIM_SENTINELS) : null;
    }

    /** Token ids of {@code doc}'s content, recorded sentinel spans as special ids (see the class comment). */
    public static int[] encode(Tokenizer tokenizer, Document doc) {
        String text = content(doc);
        int[] at = specialSpans(tokenizer, doc, text);
        if (at == null) {
            return tokenizer.encode(text);
        }
        List<int[]> parts = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < at.length; k += 2) {
            if (at[k] > from) {
                parts.add(tokenizer.encode(text.substring(from, at[k])));
            }
            parts.add(new int[] {tokenizer.specialId(text.substring(at[k], at[k + 1]))});
            from = at[k + 1];
        }
        if (from < text.length()) {
            parts.add(tokenizer.encode(text.substring(from)));
        }
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /**
     * {@code encode(tokenizer, doc).length}, counted piece by piece without building the ids: the
     * {@code num_tokens} of the {@code tokens} stage, so the mixture budget and the token formats
     * count the same tokens (the formats add one EOS per document).
     */
    public static long count(Tokenizer tokenizer, Document doc) {
        String text = content(doc);
        int[] at = specialSpans(tokenizer, doc, text);
        if (at == null) {
            return tokenizer.count(text);
        }
        long n = 0;
        int from = 0;
        for (int k = 0; k < at.length; k += 2) {
            if (at[k] > from) {
                n += tokenizer.count(text.substring(from, at[k]));
            }
            n++;
            from = at[k + 1];
        }
        if (from < text.length()) {
            n += tokenizer.count(text.substring(from));
        }
        return n;
    }

    /**
     * The recorded sentinel spans when all are special tokens of {@code tokenizer}; null when the
     * text is to be encoded in one call (no annotation, undecoded, or no span special).
     */
    private static int[] specialSpans(Tokenizer tokenizer, Document doc, String text) {
        String spans = doc.isDecoded() ? doc.get(Keys.FIM_SENTINELS) : null;
        if (spans == null || spans.isEmpty()) {
            return null;
        }
        int[] at = parse(spans, text.length(), doc);
        int special = 0;
        for (int k = 0; k < at.length; k += 2) {
            special += tokenizer.specialId(text.substring(at[k], at[k + 1])) >= 0 ? 1 : 0;
        }
        if (special == 0) {
            return null;
        }
        if (special != at.length / 2) {
            throw new IllegalStateException("document " + doc.id().value() + ": of the sentinels at " + spans
                    + " only " + special + " are special tokens of " + tokenizer.name());
        }
        return at;
    }

    private static int[] parse(String spans, int length, Document doc) {
        String[] pairs = spans.split(",");
        int[] at = new int[pairs.length * 2];
        int prev = 0;
        for (int i = 0; i < pairs.length; i++) {
            String[] se = pairs[i].split("-");
            try {
                if (se.length != 2) {
                    throw new NumberFormatException(pairs[i]);
                }
                at[2 * i] = Integer.parseInt(se[0].strip());
                at[2 * i + 1] = Integer.parseInt(se[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("document " + doc.id().value() + ": bad " + Keys.FIM_SENTINELS.name()
                        + " '" + spans + "'", e);
            }
            if (at[2 * i] < prev || at[2 * i + 1] <= at[2 * i] || at[2 * i + 1] > length) {
                throw new IllegalStateException("document " + doc.id().value() + ": " + Keys.FIM_SENTINELS.name() + " '"
                        + spans + "' does not fit its text of " + length + " chars (was the text changed after the fim stage?)");
            }
            prev = at[2 * i + 1];
        }
        return at;
    }
}
