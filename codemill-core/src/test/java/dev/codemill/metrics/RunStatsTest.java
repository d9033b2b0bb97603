package dev.codemill.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import org.junit.jupiter.api.Test;

class RunStatsTest {
    @Test
    void anUnknownSizeCountsAsItsContentNotAsMinusOneByte() {
        // Readers record length_bytes -1 for a corrupt dump's quarantine; stats.json showed bytes.in -1.
        SourceRef src = new SourceRef("d.jsonl.gz", "", "");
        Document unknown = Document.ofBytes(DocId.of("d.jsonl.gz:3"), src, new byte[0],
                Annotations.EMPTY.with(Keys.LENGTH_BYTES, -1L));
        Document known = Document.ofBytes(DocId.of("a"), src, new byte[] {1, 2, 3},
                Annotations.EMPTY.with(Keys.LENGTH_BYTES, 3L));
        RunStats s = new RunStats();
        s.documentIn(unknown);
        s.documentIn(known);
        assertThat(RunStats.sizeOf(unknown)).isZero();
        assertThat(s.bytesIn()).isEqualTo(3);
    }

    @Test
    void metricsAreSortedSummedAndAbsentWhenUnusedWarningsAlwaysPresent() {
        RunStats none = new RunStats();
        java.util.Map<String, Object> empty = none.toMap(1.0, 1, java.util.Map.of());
        assertThat(empty).doesNotContainKey("metrics");
        assertThat(empty.get("warnings")).isEqualTo(java.util.List.of());

        RunStats s = new RunStats();
        s.metric("redact", "spans.ipv4", 1);
        s.metric("redact", "spans.email", 2);
        s.metric("redact", "spans.email", 3);
        s.metric("alpha", "x", 0);
        s.warning("decontaminate", "no benchmarks");
        s.warning("alpha", "second");
        java.util.Map<String, Object> m = s.toMap(1.0, 1, java.util.Map.of());
        assertThat(m.get("metrics").toString()).isEqualTo("{alpha={x=0}, redact={spans.email=5, spans.ipv4=1}}");
        assertThat(m.get("warnings").toString())
                .isEqualTo("[{stage=decontaminate, message=no benchmarks}, {stage=alpha, message=second}]");
        assertThat(s.metric("redact", "spans.email")).isEqualTo(5);
        assertThat(s.metric("redact", "spans.jwt")).isZero();
    }
}
