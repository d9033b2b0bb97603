package dev.codemill.stages.analysis.fim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.DocId;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FimTransformTest {
    final FimTransform fim = FimTransform.defaults();

    /** A real-looking Python file that talks about FIM sentinels and holds the escape code point. */
    static final String TRICKY = "PSM = \"<fim_prefix>\" + p + \"<fim_suffix>\" + s + \"<fim_middle>\"\n"
            + "SEP = \"\u2063\"  # invisible separator\n"
            + "nested = \"<fim_<fim_middle>\"\n";

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void escapeIsExactAndReversible() {
        String esc = fim.escape(TRICKY);
        assertThat(esc).isEqualTo("PSM = \"<\u2063fim_prefix>\" + p + \"<\u2063fim_suffix>\" + s + \"<\u2063fim_middle>\"\n"
                + "SEP = \"\u2063\u2063\"  # invisible separator\n"
                + "nested = \"<fim_<\u2063fim_middle>\"\n");
        for (String s : List.of("<fim_prefix>", "<fim_middle>", "<fim_suffix>")) {
            assertThat(esc).doesNotContain(s);
        }
        assertThat(fim.unescape(esc)).isEqualTo(TRICKY);
        assertThat(fim.unescape(fim.escape("plain code"))).isEqualTo("plain code");
        assertThat(fim.escape("\u2063\u2063")).isEqualTo("\u2063\u2063\u2063\u2063");
    }

    @Test
    void cutInsideSentinelMovesToItsStart() {
        int inside = TRICKY.indexOf("<fim_suffix>") + 5;
        assertThat(fim.snapDown(TRICKY, inside)).isEqualTo(TRICKY.indexOf("<fim_suffix>"));
        FimTransform.Sample s = fim.sample(TRICKY, 3, inside, FimTransform.Mode.SPM);
        assertThat(s.middleEnd()).isEqualTo(TRICKY.indexOf("<fim_suffix>"));
        assertThat(s.escaped()).isEqualTo(5);
    }

    @Test
    void sentinelRoundTripOverThousandSeeds() {
        for (long seed = 0; seed < 1000; seed++) {
            FimTransform always = new FimTransform(1, 0.5, "<fim_prefix>", "<fim_middle>", "<fim_suffix>", 0x2063);
            FimTransform.Sample s = always.apply(TRICKY, FimTransform.rngFor(seed, DocId.of("tricky.py")));
            assertThat(count(s.text(), "<fim_prefix>")).isEqualTo(1);
            assertThat(count(s.text(), "<fim_middle>")).isEqualTo(1);
            assertThat(count(s.text(), "<fim_suffix>")).isEqualTo(1);
            assertThat(always.reassemble(s.text())).as("seed %d", seed).isEqualTo(TRICKY);
        }
    }

    @Test
    void sameSeedAndIdGiveSameDraws() {
        DocId id = DocId.of("repo/a.py");
        RandomGenerator r1 = FimTransform.rngFor(42, id);
        RandomGenerator r2 = FimTransform.rngFor(42, id);
        for (int i = 0; i < 10; i++) {
            assertThat(r1.nextLong()).isEqualTo(r2.nextLong());
        }
        assertThat(FimTransform.rngFor(42, id).nextLong()).isNotEqualTo(FimTransform.rngFor(43, id).nextLong());
        assertThat(FimTransform.rngFor(42, id).nextLong())
                .isNotEqualTo(FimTransform.rngFor(42, DocId.of("repo/b.py")).nextLong());
    }

    @Test
    void emptyTextIsNeverTransformed() {
        FimTransform always = new FimTransform(1, 0.5, "<fim_prefix>", "<fim_middle>", "<fim_suffix>", 0x2063);
        assertThat(always.apply("", FimTransform.rngFor(1, DocId.of("e")))).isNull();
    }

    @Test
    void badSentinelsAreRejected() {
        assertThatThrownBy(() -> new FimTransform(0.5, 0.5, "<a>", "<a>", "<c>", 0x2063))
                .hasMessageContaining("sentinels must differ");
        assertThatThrownBy(() -> new FimTransform(0.5, 0.5, "ab", "ba", "<c>", 0x2063))
                .hasMessageContaining("ends with");
        assertThatThrownBy(() -> new FimTransform(0.5, 0.5, "<a>", "x", "<c>", 0x2063))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new FimTransform(0.5, 0.5, "<a\u2063>", "<b>", "<c>", 0x2063))
                .hasMessageContaining("escape");
        assertThatThrownBy(() -> new FimTransform(1.5, 0.5, "<a>", "<b>", "<c>", 0x2063))
                .hasMessageContaining("rates");
    }
}
