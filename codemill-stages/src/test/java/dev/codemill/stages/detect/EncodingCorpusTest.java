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

    /** Prints the share decoded correctly per encoding and declaration (the README figure). */
    static Map<String, int[]> measure(EncodingDetector detector, StringBuilder wrong) {
        Map<String, int[]> tally = new TreeMap<>();
        for (EncodingCorpus.Sample s : EncodingCorpus.all()) {
            DecodedText d = detector.detect(s.bytes());
            boolean ok = d.isText() && d.text().equals(s.text());
            for (String key : new String[] {s.encoding() + (s.declared() ? " declared" : " undeclared"), "ALL"}) {
                int[] t = tally.computeIfAbsent(key, k -> new int[2]);
                t[0] += ok ? 1 : 0;
                t[1]++;
            }
            if (!ok && wrong != null) {
                wrong.append(s.name()).append(" -> ").append(d.isText() ? d.encoding() : d.encodingCheck().value()).append('\n');
            }
        }
        return tally;
    }

    @Test
    void printShares() {
        StringBuilder wrong = new StringBuilder();
        Map<String, int[]> t = measure(EncodingDetector.defaults(), wrong);
        t.forEach((k, v) -> System.out.printf("SHARE %-24s %3d/%3d%n", k, v[0], v[1]));
        System.out.print(wrong);
    }
}
