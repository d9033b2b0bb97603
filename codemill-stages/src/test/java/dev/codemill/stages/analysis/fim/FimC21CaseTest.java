package dev.codemill.stages.analysis.fim;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Case C21: FIM split points inside a multi-byte character or a surrogate pair (rules 1–4). */
public class FimC21CaseTest {
    static final Path CASE = SharedData.path("cases",
            "C21_fim_multibyte_split");
    final FimTransform fim = FimTransform.defaults();

    public static String source() throws IOException {
        return strictUtf8(Files.readAllBytes(CASE.resolve("fim_source.py")));
    }

    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Rule 1: encodes to UTF-8 strictly (no lone surrogate), decodes back strictly, no U+FFFD. */
    public static void assertCleanUtf8(String s) throws CharacterCodingException {
        ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
        byte[] arr = new byte[bytes.remaining()];
        bytes.get(arr);
        assertThat(strictUtf8(arr)).isEqualTo(s);
        assertThat(s).doesNotContain("\uFFFD");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).as("pair at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }

    /** The split points of split_points.json, each converted to a code-point offset with floor. */
    Map<String, Integer> snapped() throws IOException {
        String text = source();
        JsonNode root = new ObjectMapper().readTree(CASE.resolve("split_points.json").toFile());
        assertThat(root.get("code_points").asInt()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(root.get("utf16_units").asInt()).isEqualTo(text.length());
        assertThat(root.get("utf8_bytes").asInt()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode p : root.get("split_points")) {
            int off = p.get("offset").asInt();
            int cp = switch (p.get("unit").asText()) {
                case "utf8_byte" -> FimTransform.codePointFloorOfUtf8Byte(text, off);
                case "utf16_index" -> FimTransform.codePointFloorOfUtf16Index(text, off);
                case "code_point" -> off;
                default -> throw new AssertionError(p);
            };
            assertThat(cp).as(p.get("id").asText()).isEqualTo(p.get("snapped_code_point_offset_if_floor").asInt());
            out.put(p.get("id").asText(), cp);
        }
        return out;
    }

    @Test
    @NeedsShared("cases/C21_fim_multibyte_split")
    void rule2_offsetsSnapDownToCodePointBoundaries() throws IOException {
        assertThat(snapped()).containsExactly(Map.entry("A", 2), Map.entry("B", 10), Map.entry("C", 57),
                Map.entry("D", 44), Map.entry("E", 12));
    }

    @Test
    @NeedsShared("cases/C21_fim_multibyte_split")
    void rule4_combiningMarkCutMovesToGraphemeStart() throws IOException {
        String text = source();
        int d = text.offsetByCodePoints(0, 44); // between 'e' and U+0301
        assertThat(text.codePointAt(d)).isEqualTo(0x301);
        assertThat(FimTransform.graphemeFloor(text, d)).isEqualTo(d - 1);
        FimTransform.Sample s = fim.sample(text, 44, 60, FimTransform.Mode.PSM);
        assertThat(s.middleStart()).isEqualTo(43);
        assertThat(s.middleEnd()).isEqualTo(60);
        assertThat(s.text()).isEqualTo("<fim_prefix># 結果を表示する 😀\ndef greet(name):\n    return f\"h"
                + "<fim_suffix><fim_middle>e\u0301llo, {name} 👋\"\n");
        // a cut between the surrogates (UTF-16 index 11) moves down to index 10
        assertThat(FimTransform.graphemeFloor(text, 11)).isEqualTo(10);
    }

    @Test
    @NeedsShared("cases/C21_fim_multibyte_split")
    void exactPsmAndSpmSamplesForSnappedAandC() throws IOException {
        String text = source();
        FimTransform.Sample psm = fim.sample(text, 57, 2, FimTransform.Mode.PSM);
        String mid = "結果を表示する 😀\ndef greet(name):\n    return f\"he\u0301llo, {name} ";
        assertThat(psm.text()).isEqualTo("<fim_prefix># <fim_suffix>👋\"\n<fim_middle>" + mid);
        assertThat(psm.middleStart()).isEqualTo(2);
        assertThat(psm.middleEnd()).isEqualTo(57);
        assertThat(psm.codePoints()).isEqualTo(60);
        FimTransform.Sample spm = fim.sample(text, 2, 57, FimTransform.Mode.SPM);
        assertThat(spm.text()).isEqualTo("<fim_prefix><fim_suffix>👋\"\n<fim_middle># " + mid);
        assertThat(spm.escaped()).isZero();
    }

    /** Rules 1 and 3 for every pair of split points (and each with 0 and n), both modes. */
    @Test
    @NeedsShared("cases/C21_fim_multibyte_split")
    void rules1and3_everyPairOfSplitPointsRoundTrips() throws IOException {
        String text = source();
        byte[] original = Files.readAllBytes(CASE.resolve("fim_source.py"));
        Map<String, Integer> points = new LinkedHashMap<>(snapped());
        points.put("start", 0);
        points.put("end", 60);
        int samples = 0;
        for (int a : points.values()) {
            for (int b : points.values()) {
                for (FimTransform.Mode mode : FimTransform.Mode.values()) {
                    FimTransform.Sample s = fim.sample(text, a, b, mode);
                    assertCleanUtf8(s.text());
                    FimTransform.Pieces p = fim.parse(s.text());
                    if (mode == FimTransform.Mode.PSM) {
                        int lo = text.offsetByCodePoints(0, s.middleStart());
                        int hi = text.offsetByCodePoints(0, s.middleEnd());
                        assertThat(p.prefix()).isEqualTo(text.substring(0, lo));
                        assertThat(p.middle()).isEqualTo(text.substring(lo, hi));
                        assertThat(p.suffix()).isEqualTo(text.substring(hi));
                    }
                    assertThat(p.joined()).isEqualTo(text);
                    assertThat(p.joined().getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
                    samples++;
                }
            }
        }
        assertThat(samples).isEqualTo(7 * 7 * 2);
    }
}
