package dev.codemill.stages.dedup.near;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case C02 (dedup normalisation) plus exact outputs of each normalisation step. */
class NormaliserTest {
    private static final Path CASE = SharedData.path("cases", "C02_dedup_normalization");

    private static int tokens(String text) {
        Shingler s = Shingler.words(1);
        s.shingle(Normaliser.normalise(text));
        return s.tokenCount();
    }

    @Test
    @NeedsShared("cases/C02_dedup_normalization")
    void everyUnitRowOfC02Holds() throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(CASE.resolve("normalization_cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = om.readTree(line);
            String id = row.get("case").asText();
            if (row.has("expect_min_tokens")) {
                assertThat(tokens(row.get("input").asText())).as(id)
                        .isGreaterThanOrEqualTo(row.get("expect_min_tokens").asInt());
            } else {
                String a = Normaliser.normalise(row.get("pair").get(0).asText());
                String b = Normaliser.normalise(row.get("pair").get(1).asText());
                boolean same = row.get("expect_equal_after_norm").asBoolean();
                assertThat(a.equals(b)).as(id + ": '" + a + "' vs '" + b + "'").isEqualTo(same);
                // the shingle sets agree with the keys (same key => same shingles)
                if (same) {
                    assertThat(Shingler.chars(3).shingleSet(a)).as(id).isEqualTo(Shingler.chars(3).shingleSet(b));
                }
            }
            checked.add(id);
        }
        assertThat(checked).containsExactly("n1", "n2", "n3", "p1", "p2", "p3", "p4", "p5", "p6");
    }

    @Test
    void exactTokenCountsOfTheSeparatorRows() {
        assertThat(tokens("1|2|300$")).isEqualTo(3);
        assertThat(tokens("cfg.max_size(limit)")).isEqualTo(3);
        assertThat(tokens("a-b")).isEqualTo(2);
        assertThat(Normaliser.normalise("1|2|300$")).isEqualTo("1|2|300$");
    }

    @Test
    void exactNormalisedForms() {
        assertThat(Normaliser.normalise("x = 1   \ny = 2\t\n\n")).isEqualTo("x = 1\ny = 2");
        assertThat(Normaliser.normalise("x = 1\r\ny = 2\r\n")).isEqualTo("x = 1\ny = 2");
        assertThat(Normaliser.normalise("a\rb")).isEqualTo("a\nb");
        assertThat(Normaliser.normalise("\uFEFFx = 1\n")).isEqualTo("x = 1");
        assertThat(Normaliser.normalise("cafe\u0301")).isEqualTo("caf\u00e9");
        assertThat(Normaliser.normalise("def f():\n\treturn 1\n")).isEqualTo("def f():\nreturn 1");
        assertThat(Normaliser.normalise("if x:\n    y  =  2")).isEqualTo("if x:\ny = 2");
        assertThat(Normaliser.normalise("A\u2028B")).isEqualTo("A\nB");
        // no-break space is content, not a separator run
        assertThat(Normaliser.normalise("a\u00a0b")).isEqualTo("a\u00a0b");
        // case and punctuation survive
        assertThat(Normaliser.normalise("Foo.BAR(x)")).isEqualTo("Foo.BAR(x)");
        assertThat(Normaliser.normalise("")).isEmpty();
        assertThat(Normaliser.normalise(" \n\t\n")).isEmpty();
    }

    @Test
    void alreadyNormalTextIsReturnedAsIs() {
        String s = "import os\nprint(os.sep)";
        assertThat(Normaliser.normalise(s)).isSameAs(s);
    }

    @Test
    void nfcMattersForBigCodeTokens() {
        // non-ASCII letters are separators: NFD "cafe\u0301" would tokenise as "cafe", NFC as "caf"
        Shingler s = Shingler.words(1);
        assertThat(s.shingleSet(Normaliser.normalise("cafe\u0301")))
                .isEqualTo(s.shingleSet(Normaliser.normalise("caf\u00e9")))
                .isEqualTo(s.shingleSet("caf"));
    }

    @Test
    @NeedsShared("cases/C02_dedup_normalization")
    void theFiveFileVariantsShareOneKeyAndOneShingleSet(@TempDir Path dir) throws Exception {
        Files.copy(CASE.resolve("a_lf.py"), dir.resolve("a_lf.py"));
        Files.copy(CASE.resolve("make_inputs.py"), dir.resolve("make_inputs.py"));
        Process p = new ProcessBuilder("python3", "make_inputs.py").directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String[] names = {"a_lf.py", "b_crlf.py", "c_trailing_ws.py", "d_nfd.py", "e_tabs.py"};
        String ref = null;
        long[] refSet = null;
        for (String name : names) {
            String raw = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            String key = Normaliser.normalise(raw);
            long[] set = Shingler.words(Shingler.DEFAULT_NGRAM).shingleSet(key);
            if (ref == null) {
                ref = key;
                refSet = set;
                // python: re.split("[^A-Za-z_0-9]") gives 79 tokens, 75 distinct 5-grams
                assertThat(set).hasSize(75);
            } else {
                assertThat(key).as(name).isEqualTo(ref);
                assertThat(set).as(name).isEqualTo(refSet);
            }
            // the key is built beside the text: the raw text is untouched (not NFC'd, not stripped)
            assertThat(Files.readString(dir.resolve(name), StandardCharsets.UTF_8)).isEqualTo(raw);
        }
        // the raw variants really differ, so the equality above is the normaliser's work
        assertThat(Files.readString(dir.resolve("d_nfd.py"))).isNotEqualTo(Files.readString(dir.resolve("a_lf.py")));
        assertThat(ref).contains("caf\u00e9").contains("print(\"Welcome to the caf\u00e9 inventory\")");
    }

    @Test
    void wordTokensOfTheRawTextEqualThoseOfTheNormalisedTextBelowU0300() {
        // whitespace runs, CRLF, lone CR, tabs, edges, NBSP, Latin-1 letters: only separators change
        String raw = "  \tdef f(x):\r\n\r\n    return  x\u00a0+ caf\u00e9_1\r  \n\n";
        assertThat(Normaliser.forWordTokens(raw)).isSameAs(raw);
        Shingler a = Shingler.words(2);
        Shingler b = Shingler.words(2);
        int n = a.shingle(Normaliser.forWordTokens(raw));
        assertThat(n).isEqualTo(b.shingle(Normaliser.normalise(raw)));
        assertThat(java.util.Arrays.copyOf(a.buffer(), n)).isEqualTo(java.util.Arrays.copyOf(b.buffer(), n));
        assertThat(a.tokenCount()).isEqualTo(b.tokenCount()).isEqualTo(7); // def f x return x caf _1
        java.util.Random rnd = new java.util.Random(20);
        String alphabet = "ab_Z09 \t\r\n\u000b\f\u001c\u00a0\u00e9\u0085.(";
        for (int t = 0; t < 500; t++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, len = rnd.nextInt(40); i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            int m = a.shingle(Normaliser.forWordTokens(text));
            int k = b.shingle(Normaliser.normalise(text));
            assertThat(m).as(text).isEqualTo(k);
            assertThat(java.util.Arrays.copyOf(a.buffer(), m)).as(text).isEqualTo(java.util.Arrays.copyOf(b.buffer(), k));
        }
    }

    @Test
    void wordTokensAreNormalisedWhereNfcCanChangeThem() {
        String decomposed = "cafe\u0301 menu"; // NFC: caf\u00e9 -> tokens "caf", "menu" instead of "cafe", "menu"
        assertThat(Normaliser.forWordTokens(decomposed)).isEqualTo("caf\u00e9 menu");
        assertThat(Normaliser.forWordTokens("\u212a elvin")).isEqualTo("K elvin"); // KELVIN SIGN -> K
    }
}
