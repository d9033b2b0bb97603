package dev.codemill.stages.detect;

import dev.codemill.model.Document;
import dev.codemill.model.Key;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * The {@code decode} stage: turns a document's bytes into text (see {@link EncodingDetector}
 * for the order of decisions and the evidence used).
 *
 * <ul>
 *   <li>Bytes that decode: kept as {@code doc.withText(text)} (BOM removed, line endings exactly
 *       as decoded: CRLF stays), with {@link Keys#ENCODING} set to the encoding found,
 *       {@link #ENCODING_EVIDENCE}, {@link #ENCODING_CONFIDENCE}, {@link #ENCODING_DECLARED} (when
 *       the file declares an encoding, used or rejected) and {@link Keys#LENGTH_BYTES} the
 *       original byte count. No ledger row.</li>
 *   <li>Binary bytes: dropped, rule {@code binary}, detail the evidence ({@code magic:png},
 *       {@code nul_bytes}, {@code control_bytes}, {@code nul_chars}, {@code control_chars}),
 *       value and limit as measured.</li>
 *   <li>Bytes no candidate decodes strictly: quarantined, rule {@code undecodable}, value
 *       {@code CHARSET@OFFSET,…} for every candidate tried. Bytes whose best statistical reading
 *       has a confidence below the floor: quarantined, rule {@code undecodable}, value
 *       {@code CHARSET:CONFIDENCE}, limit {@code confidence >= FLOOR}, detail
 *       {@code low_confidence: …} naming the competing reading.</li>
 *   <li>A document that already has text (a JSONL/Parquet dump) passes through unchanged,
 *       except that {@link Keys#ENCODING} becomes {@code UTF-8} and {@link Keys#LENGTH_BYTES} its
 *       UTF-8 length where absent. Java strings from a dump (JSON {@code \ud800} escapes) can
 *       hold unpaired surrogates, which no UTF-8 writer can store without replacing them: such a
 *       document is quarantined as {@code undecodable} with detail {@code unpaired_surrogate} and
 *       the char index as value. (Text decoded here never has them: the decoders are strict.)</li>
 * </ul>
 */
public final class DecodeStage implements DocStage, Explainable {
    public static final String NAME = "decode";
    /**
     * How the encoding was found: {@code ascii}, {@code empty}, {@code bom}, {@code utf16_pattern},
     * {@code utf8}, {@code declared:KIND} ({@code xml css emacs vim pep263 html}) or {@code detected}.
     */
    public static final Key<String> ENCODING_EVIDENCE = Key.of("encoding_evidence", String.class);
    /** Confidence in [0, 1] of the encoding: 1 unless {@code detected} (see {@link StatisticalDetector}). */
    public static final Key<Double> ENCODING_CONFIDENCE = Key.of("encoding_confidence", Double.class);
    /**
     * The encoding declaration found in the file ({@code KIND:LABEL}), with {@code rejected: WHY}
     * appended when the bytes contradict it; absent when the file declares nothing.
     */
    public static final Key<String> ENCODING_DECLARED = Key.of("encoding_declared", String.class);

    private final EncodingDetector detector;

    public DecodeStage(EncodingDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    public EncodingDetector detector() {
        return detector;
    }

    /** False: drops only binary and undecodable bytes, never decoded text. */
    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void process(Document doc, Emitter out) {
        byte[] bytes = doc.bytes();
        if (bytes == null) {
            passText(doc, out);
            return;
        }
        DecodedText d = detector.detect(bytes);
        if (d.isText()) {
            Document kept = doc.withText(d.text())
                    .with(Keys.ENCODING, d.encoding())
                    .with(ENCODING_EVIDENCE, d.evidence())
                    .with(ENCODING_CONFIDENCE, d.confidence())
                    .with(Keys.LENGTH_BYTES, (long) bytes.length);
            out.keep(d.declaration() == null ? kept : kept.with(ENCODING_DECLARED, d.declaration()));
        } else if (d.isBinary()) {
            out.drop(doc, d.verdict());
        } else {
            out.quarantine(doc, d.verdict());
        }
    }

    private static void passText(Document doc, Emitter out) {
        String text = doc.text();
        long utf8 = utf8Length(text);
        if (utf8 < 0) {
            out.quarantine(doc, Verdict.of(DecodedText.UNDECODABLE, "unpaired_surrogate", -utf8 - 1, ""));
            return;
        }
        Document result = doc;
        if (!doc.annotations().has(Keys.ENCODING)) {
            result = result.with(Keys.ENCODING, EncodingDetector.UTF8);
        }
        if (!doc.annotations().has(Keys.LENGTH_BYTES)) {
            result = result.with(Keys.LENGTH_BYTES, utf8);
        }
        out.keep(result);
    }

    /**
     * Number of bytes {@code s} takes in UTF-8, or {@code -(index + 1)} of the first unpaired
     * surrogate.
     */
    static long utf8Length(String s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    return -(i + 1L);
                }
            } else if (Character.isLowSurrogate(c)) {
                return -(i + 1L);
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The {@code binary} and the {@code encoding} check, passed or failed, with values and limits. */
    @Override
    public List<Check> explain(Document doc) {
        if (doc.bytes() == null) {
            long utf8 = utf8Length(doc.text());
            Check bin = Check.pass(BinaryDetector.RULE, "", "", "already text (read from a dump)");
            if (utf8 < 0) {
                return List.of(bin, Check.fail(DecodedText.ENCODING_RULE, -utf8 - 1, "",
                        "unpaired_surrogate: the text cannot be written as UTF-8"));
            }
            String enc = doc.annotations().getOr(Keys.ENCODING, EncodingDetector.UTF8);
            return List.of(bin, Check.pass(DecodedText.ENCODING_RULE, enc, "", "already text (read from a dump)"));
        }
        DecodedText d = detector.detect(doc.bytes());
        return List.of(d.binaryCheck(), d.encodingCheck());
    }
}
