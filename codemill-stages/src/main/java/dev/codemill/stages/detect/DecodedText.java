package dev.codemill.stages.detect;

import dev.codemill.stage.Check;
import dev.codemill.stage.Verdict;
import java.util.Objects;

/**
 * What {@link EncodingDetector#detect(byte[])} found for one file: decoded text, or the reason
 * there is none.
 *
 * <p>Exactly one of three outcomes:
 * <ul>
 *   <li>text: {@link #text()} non-null (BOM removed, line endings as in the file),
 *       {@link #encoding()} the encoding's name, both checks passed;</li>
 *   <li>binary: {@link #binaryCheck()} failed (its detail names the evidence), text and encoding
 *       null, the file was not decoded;</li>
 *   <li>undecodable: {@link #encodingCheck()} failed (no candidate decoded strictly), text and
 *       encoding null.</li>
 * </ul>
 *
 * @param text          decoded text without BOM, or null
 * @param encoding      encoding name as stored in {@code Keys.ENCODING} ({@code UTF-8},
 *                      {@code UTF-8 (BOM)}, {@code UTF-16LE}, {@code UTF-16LE (no BOM)},
 *                      {@code windows-31j}, {@code windows-1252}, …), or null
 * @param binaryCheck   the {@code binary} rule's verdict
 * @param encodingCheck the {@code encoding} rule's verdict (value: the encoding, or the failures)
 * @param evidence      how the encoding was found, or null when there is no text: {@code empty},
 *                      {@code ascii}, {@code bom}, {@code utf16_pattern}, {@code utf8},
 *                      {@code declared:KIND} (KIND one of {@code xml css emacs vim pep263 html},
 *                      see {@link EncodingDeclaration}) or {@code detected}
 * @param confidence    in [0, 1]: 1 for every evidence but {@code detected}, whose confidence is
 *                      {@link StatisticalDetector}'s; NaN when there is no text
 * @param declaration   the declaration found and what became of it ({@code pep263:gbk} when it
 *                      was used; {@code pep263:utf-8 rejected: …} when the bytes contradict it),
 *                      or null when the file declares nothing (or was not searched: BOM, UTF-16/32)
 */
public record DecodedText(String text, String encoding, Check binaryCheck, Check encodingCheck,
                          String evidence, double confidence, String declaration) {
    /** Rule name of the quarantine verdict for files no candidate decodes. */
    public static final String UNDECODABLE = "undecodable";
    /** Rule name of the encoding check in {@code explain}. */
    public static final String ENCODING_RULE = "encoding";

    public DecodedText {
        Objects.requireNonNull(binaryCheck, "binaryCheck");
        Objects.requireNonNull(encodingCheck, "encodingCheck");
        if ((text == null) != (encoding == null)) {
            throw new IllegalArgumentException("text and encoding go together");
        }
        if ((text != null) != (binaryCheck.passed() && encodingCheck.passed())) {
            throw new IllegalArgumentException("text exactly when both checks pass");
        }
    }

    static DecodedText text(String text, String encoding, Check binaryCheck, String evidence, double confidence, String declaration) {
        return new DecodedText(text, encoding, binaryCheck,
                Check.pass(ENCODING_RULE, encoding, "strict", "decodes strictly as " + encoding + " (" + evidence
                        + (evidence.equals("detected") ? String.format(java.util.Locale.ROOT, ", confidence %.3f", confidence) : "")
                        + (declaration == null ? "" : "; declaration " + declaration) + ")"),
                evidence, confidence, declaration);
    }

    static DecodedText binary(Check failedBinaryCheck) {
        return new DecodedText(null, null, failedBinaryCheck,
                new Check(ENCODING_RULE, false, "", "strict", "not decoded: the file is binary (" + failedBinaryCheck.detail() + ")"),
                null, Double.NaN, null);
    }

    static DecodedText undecodable(Check binaryCheck, String failures, String detail) {
        return undecodable(binaryCheck, failures, "strict", detail);
    }

    static DecodedText undecodable(Check binaryCheck, String failures, String limit, String detail) {
        return new DecodedText(null, null, binaryCheck, Check.fail(ENCODING_RULE, failures, limit, detail), null, Double.NaN, null);
    }

    public boolean isText() {
        return text != null;
    }

    public boolean isBinary() {
        return !binaryCheck.passed();
    }

    public boolean isUndecodable() {
        return binaryCheck.passed() && !encodingCheck.passed();
    }

    /**
     * The ledger verdict: rule {@code binary} (detail: the evidence) or {@code undecodable}
     * (value: each candidate and the byte offset where it failed); throws for text.
     */
    public Verdict verdict() {
        if (isBinary()) {
            return binaryCheck.toVerdict();
        }
        if (isUndecodable()) {
            return new Verdict(UNDECODABLE, encodingCheck.detail(), encodingCheck.value(), encodingCheck.limit(), "");
        }
        throw new IllegalStateException("decoded text has no verdict");
    }
}
