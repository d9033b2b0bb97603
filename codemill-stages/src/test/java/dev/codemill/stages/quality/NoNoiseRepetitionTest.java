package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** no_noise's repeated 3-line windows over the kept lines (stripped, at least 4 chars, a letter or digit). */
class NoNoiseRepetitionTest {
    private final QualityScorer scorer = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);

    @Test
    void aWindowSeenEarlierMarksItsThreeLinesAndNamesTheFirstRepeat() {
        // kept lines: 1 2 3 5 6 7 8 10 (line 9 is too short, line 4 blank, line 10 equals line 1 once stripped)
        String text = "alpha = 1\nbeta = 2\ngamma = 3\n\ndelta = 4\nalpha = 1\nbeta = 2\ngamma = 3\nx=1\n   alpha = 1   \n";
        CheckResult r = scorer.score(text, "a.py", "Python").results().get("no_noise");
        // window (alpha, beta, gamma) again at kept index 4 (line 6): 3 of 8 kept lines repeat
        assertThat(r.measure()).endsWith("dup_share=0.375");
        assertThat(r.critiques()).extracting(Critique::toString)
                .containsExactly("no_noise:6:1: 0.375 of lines repeat earlier blocks (limit 0.3); first repeat of line 1");
        assertThat(r.score()).isEqualTo(1.0 - (0.375 - 0.3) / (1.0 - 0.3));
    }

    @Test
    void overlappingWindowsAreNoRepetitionAndEqualTextOnlyMeansEqualLines() {
        // x y x y x: the window (x, y, x) comes back at index 2, overlapping its first sight (0..2)
        CheckResult alternating = scorer.score("xxxx\nyyyy\nxxxx\nyyyy\nxxxx\n", "a.py", "Python").results().get("no_noise");
        assertThat(alternating.measure()).endsWith("dup_share=0");
        assertThat(alternating.critiques()).isEmpty();
        // same characters, other line breaks: windows of different lines never match
        CheckResult split = scorer.score("ab cd\nef gh\nij kl\nab\ncd ef gh\nij kl\n", "a.py", "Python").results().get("no_noise");
        assertThat(split.measure()).endsWith("dup_share=0");
    }
}
