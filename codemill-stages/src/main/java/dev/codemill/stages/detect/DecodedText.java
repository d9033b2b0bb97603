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
 */
public record DecodedText(String text, String encoding, Check binaryCheck, Check encodingCheck) {
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

    static DecodedText text(String text, String encoding, Check binaryCheck) {
        return new DecodedText(text, encoding, binaryCheck,
                Check.pass(ENCODING_RULE, encoding, "strict", "decodes strictly as " + encoding));
    }

    static DecodedText binary(Check failedBinaryCheck) {
        return new DecodedText(null, null, failedBinaryCheck,
                new Check(ENCODING_RULE, false, "", "strict", "not decoded: the file is binary (" + failedBinaryCheck.detail() + ")"));
    }

    static DecodedText undecodable(Check binaryCheck, String failures, String detail) {
        return new DecodedText(null, null, binaryCheck, Check.fail(ENCODING_RULE, failures, "strict", detail));
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
