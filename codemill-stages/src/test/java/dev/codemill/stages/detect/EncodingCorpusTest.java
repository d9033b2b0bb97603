package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The self-made multi-encoding set ({@link EncodingCorpus}): share decoded correctly per encoding. */
class EncodingCorpusTest {

    @Test
    void everySnippetIsEncodableInItsEncodings() throws Exception {
        for (var lang : EncodingCorpus.SNIPPETS.entrySet()) {
            for (String enc : EncodingCorpus.ENCODINGS.get(lang.getKey())) {
                for (String s : lang.getValue()) {
                    Charset cs = Charset.forName(enc);
                    assertThat(cs.newEncoder().canEncode(CharBuffer.wrap(s))).as(enc + " " + s).isTrue();
                }
            }
        }
    }

    /**
     * Tally per encoding and declaration: {correct, mojibake (kept with a wrong text),
     * quarantined, total}.
     */
    static Map<String, int[]> measure(EncodingDetector detector, StringBuilder wrong) {
        Map<String, int[]> tally = new TreeMap<>();
        for (EncodingCorpus.Sample s : EncodingCorpus.all()) {
            DecodedText d = detector.detect(s.bytes());
            int outcome = !d.isText() ? 2 : d.text().equals(s.text()) ? 0 : 1;
            for (String key : new String[] {s.encoding() + (s.declared() ? " declared" : " undeclared"), "ALL"}) {
                int[] t = tally.computeIfAbsent(key, k -> new int[4]);
                t[outcome]++;
                t[3]++;
            }
            if (wrong != null && !s.declared() && d.isText()) {
                System.out.printf("CONF %s %.3f %s%n", outcome == 0 ? "ok" : "BAD", d.confidence(), s.name());
            }
            if (outcome != 0 && wrong != null) {
                wrong.append(s.name()).append(" -> ").append(d.isText() ? d.encoding() + " " + d.confidence()
                        : d.encodingCheck().value() + " " + d.encodingCheck().detail()).append('\n');
            }
        }
        return tally;
    }

    /**
     * Exact per-file results on the fixed set with the defaults: every file decodes to its true
     * text, except the six 3-character files (初期化 in EUC-JP, 초기화 in EUC-KR, undeclared) whose
     * bytes are just as valid hanzi in GB18030: those are quarantined, none is kept as mojibake.
     */
    @Test
    void defaultsDecodeEveryFileExactlyOrQuarantineTheTies() {
        java.util.List<String> quarantined = new java.util.ArrayList<>();
        int correct = 0;
        for (EncodingCorpus.Sample s : EncodingCorpus.all()) {
            DecodedText d = EncodingDetector.defaults().detect(s.bytes());
            if (d.isText()) {
                assertThat(d.text()).as(s.name() + " " + d.encoding()).isEqualTo(s.text());
                assertThat(d.evidence()).as(s.name()).isEqualTo(s.declared() ? "declared:" + switch (s.name().substring(s.name().lastIndexOf('.') + 1)) {
                    case "py" -> "emacs";
                    case "java" -> "emacs";
                    default -> "vim";
                } : "detected");
                correct++;
            } else {
                assertThat(d.verdict().rule()).isEqualTo("undecodable");
                assertThat(d.verdict().detail()).startsWith("low_confidence: best reading GB18030");
                quarantined.add(s.name());
            }
        }
        assertThat(quarantined).containsExactly("ja/EUC-JP/0.py", "ja/EUC-JP/0.java", "ja/EUC-JP/0.c",
                "ko/EUC-KR/0.py", "ko/EUC-KR/0.java", "ko/EUC-KR/0.c");
        assertThat(correct).isEqualTo(318);
        assertThat(EncodingCorpus.all()).hasSize(324);
    }

    /** Prints the mean time per file of the defaults on the set (a figure for the docs; nothing asserted). */
    @Test
    void printTimePerFile() {
        EncodingDetector det = EncodingDetector.defaults();
        java.util.List<EncodingCorpus.Sample> all = EncodingCorpus.all();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long bytes = 0;
            for (EncodingCorpus.Sample s : all) {
                det.detect(s.bytes());
                bytes += s.bytes().length;
            }
            long ns = System.nanoTime() - t0;
            System.out.printf("TIME round %d: %d files, %d bytes, %.1f us per file%n", round, all.size(), bytes, ns / 1e3 / all.size());
        }
    }

    @Test
    void printShares() {
        for (StatisticalDetector.Mode mode : StatisticalDetector.Mode.values()) {
            for (double floor : new double[] {0.0, 0.05, 0.25}) {
                StringBuilder wrong = new StringBuilder();
                EncodingDetector det = new EncodingDetector(BinaryDetector.defaults(),
                        EncodingDetector.charsets(EncodingDetector.DEFAULT_LEGACY), floor, mode);
                Map<String, int[]> t = measure(det, mode == StatisticalDetector.Mode.COMBINED && floor == 0.0 ? wrong : null);
                t.forEach((k, v) -> System.out.printf("SHARE %s %.2f %-24s ok %3d mojibake %3d quarantined %3d of %3d%n",
                        mode, floor, k, v[0], v[1], v[2], v[3]));
                if (mode == StatisticalDetector.Mode.COMBINED && floor == 0.0) {
                    System.out.print(wrong);
                }
            }
        }
    }
}
