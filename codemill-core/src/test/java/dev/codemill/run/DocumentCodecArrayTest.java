package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.model.TokenIds;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DocumentCodec#encode}/{@link DocumentCodec#decode}: the bytes of {@code write} to a DataOutputStream, read back whole. */
class DocumentCodecArrayTest {
    private static byte[] streamed(Document d) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DocumentCodec.write(d, new DataOutputStream(b));
        return b.toByteArray();
    }

    private static Annotations annotations() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("lang", "Python");
        raw.put("lines", 3L);
        raw.put("ratio", 0.25);
        raw.put("test", true);
        raw.put("licenses", List.of("MIT", "Apache-2.0"));
        return Annotations.ofRaw(raw);
    }

    @Test
    void asciiTextNonAsciiTextAndRawBytesAreTheStreamedBytes() throws IOException {
        SourceRef src = new SourceRef("in", "r", "a.py");
        Document ascii = Document.ofAsciiText(DocId.of("a"), src, "x = 1\n", annotations());
        Document text = Document.ofText(DocId.of("b"), src, "x = 'é€😀'\n", Annotations.EMPTY)
                .withTokens(TokenIds.of("cl100k", null, new int[] {1, 2, 70000}));
        Document raw = Document.ofBytes(DocId.of("c"), src, new byte[] {0, (byte) 0xff, 10}, Annotations.EMPTY);
        for (Document d : List.of(ascii, text, raw)) {
            byte[] bytes = DocumentCodec.encode(d);
            assertThat(bytes).isEqualTo(streamed(d));
            Document back = DocumentCodec.decode(bytes);
            assertThat(DocumentCodec.encode(back)).isEqualTo(bytes);
            assertThat(back.id()).isEqualTo(d.id());
        }
        assertThat(DocumentCodec.decode(DocumentCodec.encode(text)).text()).isEqualTo("x = 'é€😀'\n");
        assertThat(DocumentCodec.decode(DocumentCodec.encode(ascii)).annotations().asMap()).isEqualTo(annotations().asMap());
        assertThat(DocumentCodec.decode(DocumentCodec.encode(raw)).bytes()).containsExactly(0, 0xff, 10);
    }

    @Test
    void aHugeDocumentThenASmallOneEachGetOnlyTheirBytes() throws IOException {
        SourceRef src = new SourceRef("in", "r", "big.txt");
        Document big = Document.ofAsciiText(DocId.of("big"), src, "y".repeat(3 << 20), Annotations.EMPTY);
        Document small = Document.ofAsciiText(DocId.of("s"), src, "z", Annotations.EMPTY);
        assertThat(DocumentCodec.encode(big)).hasSize(streamed(big).length);
        assertThat(DocumentCodec.encode(small)).isEqualTo(streamed(small));
    }

    @Test
    void ledgerRowsRoundTripAndACorruptArrayFailsLoudly() throws IOException {
        LedgerRow row = new LedgerRow("a", "r", "a.py", 2, "near_dedup", "near_duplicate", LedgerRow.DROP, "jaccard 0.91",
                "0.91", "0.85", "b", List.of("x", "y"));
        byte[] bytes = DocumentCodec.encode(row);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DocumentCodec.writeLedger(row, new DataOutputStream(b));
        assertThat(bytes).isEqualTo(b.toByteArray());
        assertThat(DocumentCodec.decodeLedger(bytes)).isEqualTo(row);
        assertThatThrownBy(() -> DocumentCodec.decode(new byte[] {0, 0, 0, 9, 'a'})).isInstanceOf(UncheckedIOException.class);
    }
}
