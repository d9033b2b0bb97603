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
}
