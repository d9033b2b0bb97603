package dev.codemill.stages.dedup.near;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case C01 (MinHash on empty and very short documents), at the algorithm level: every record goes
 * through normalise → shingle → (too short ? exact dedup only : sign) without exception or NaN,
 * for every n-gram size 2..5 and both signature kinds; no short document gets a signature, so no
 * shared sentinel can join d03/d04/d05/d07/d08; d09 and d10 have equal signatures.
 */
class C01ShortDocsTest {
    private static final Path DOCS = SharedData.path("cases", "C01_minhash_empty_short_docs", "docs.jsonl");

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    @NeedsShared("cases/C01_minhash_empty_short_docs")
    void shortDocsAreFlaggedAndNeverShareASignature(int n) throws Exception {
        ObjectMapper om = new ObjectMapper();
        Map<String, String> docs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCS)) {
            JsonNode d = om.readTree(line);
            docs.put(d.get("id").asText(), d.get("content").asText());
        }
        assertThat(docs).hasSize(10);
        for (MinHasher.Kind kind : MinHasher.Kind.values()) {
            MinHasher h = MinHasher.of(kind, MinHasher.DEFAULT_K, 0);
            LshParams p = LshParams.optimal(LshParams.DEFAULT_THRESHOLD, MinHasher.DEFAULT_K);
            Shingler s = Shingler.words(n);
            List<String> tooShort = new ArrayList<>();
            Map<String, int[]> sigs = new LinkedHashMap<>();
            Map<String, long[]> sets = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : docs.entrySet()) {
                String key = Normaliser.normalise(e.getValue());
                int m = s.shingle(key);
                if (s.tooShort()) {
                    tooShort.add(e.getKey());
                } else {
                    sigs.put(e.getKey(), h.sign(s.buffer(), m));
                    sets.put(e.getKey(), s.shingleSet(key));
                }
            }
            // tokens: d01 0, d02 0, d03 1, d04 1, d05 0, d06 1, d07 2 (return, 0), d08 2 (fn, main)
            if (n == 2) {
                assertThat(tooShort).containsExactly("d01", "d02", "d03", "d04", "d05", "d06");
                assertThat(Jaccard.estimate(sigs.get("d07"), sigs.get("d08"))).isLessThan(0.05);
                assertThat(BandKeys.collide(BandKeys.of(sigs.get("d07"), p), BandKeys.of(sigs.get("d08"), p))).isFalse();
            } else {
                assertThat(tooShort).containsExactly("d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08");
            }
            assertThat(sigs.get("d09")).isEqualTo(sigs.get("d10"));
            assertThat(Jaccard.exact(sets.get("d09"), sets.get("d10"))).isEqualTo(1.0);
            for (String a : sigs.keySet()) {
                for (String b : sigs.keySet()) {
                    double est = Jaccard.estimate(sigs.get(a), sigs.get(b));
                    double ex = Jaccard.exact(sets.get(a), sets.get(b));
                    assertThat(est).isNotNaN().isBetween(0.0, 1.0);
                    assertThat(ex).isNotNaN().isBetween(0.0, 1.0);
                }
            }
        }
    }
}
