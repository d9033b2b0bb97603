package dev.codemill.stages.detect;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Builds the {@code decode} stage ({@link DecodeStage}). Parameters:
 * <ul>
 *   <li>{@code sniff_bytes} (whole number in [1, 2^30], default {@value BinaryDetector#DEFAULT_SNIFF_BYTES}):
 *       bytes from the start (after a BOM) scanned for binary evidence and the UTF-16 pattern.</li>
 *   <li>{@code binary_control_fraction} (number in [0, 1], default
 *       {@value BinaryDetector#DEFAULT_CONTROL_FRACTION}): largest share of control bytes in that
 *       window that is still text.</li>
 *   <li>{@code legacy} (list of Java charset names, default {@link EncodingDetector#DEFAULT_LEGACY}):
 *       candidates of statistical detection after declarations and UTF-8 (the order breaks exact
 *       ties); an empty list means UTF-8 only. An unknown name is a recipe error.</li>
 *   <li>{@code min_confidence} (number in [0, 1], default
 *       {@value EncodingDetector#DEFAULT_MIN_CONFIDENCE}): files whose detected encoding has a
 *       lower confidence are quarantined as {@code undecodable} instead of kept as a guess.</li>
 * </ul>
 */
public final class DecodeStageFactory implements StageFactory {
    @Override
    public String name() {
        return DecodeStage.NAME;
    }

    @Override
    public String description() {
        return "Decode bytes to text (BOM, declared encoding, UTF-8, UTF-16 with/without BOM, ICU4J detection with confidence, strict); drop binary files";
    }

    @Override
    public Stage create(Params params) {
        int sniff = (int) params.integer("sniff_bytes", BinaryDetector.DEFAULT_SNIFF_BYTES, 1, 1L << 30);
        double fraction = params.number("binary_control_fraction", BinaryDetector.DEFAULT_CONTROL_FRACTION, 0.0, 1.0);
        List<String> names = params.strings("legacy", EncodingDetector.DEFAULT_LEGACY);
        List<Charset> legacy;
        try {
            legacy = EncodingDetector.charsets(names);
        } catch (IllegalArgumentException e) {
            throw params.error("legacy", e.getMessage() + " (a Java charset name such as windows-1252 is expected)");
        }
        double floor = params.number("min_confidence", EncodingDetector.DEFAULT_MIN_CONFIDENCE, 0.0, 1.0);
        return new DecodeStage(new EncodingDetector(new BinaryDetector(sniff, fraction), legacy, floor));
    }
}
