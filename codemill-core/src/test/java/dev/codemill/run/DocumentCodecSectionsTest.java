package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.model.TokenIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every section of a spilled document (head, each annotation tag, token ids) has the format's bytes and reads back. */
class DocumentCodecSectionsTest {
    private static void str(DataOutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static Map<String, Object> annotations() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", "Python");
        m.put("size", 1234L);
        m.put("alpha", 0.75);
        m.put("is_generated", false);
        m.put("licenses", List.of("MIT", "Apache-2.0"));
        m.put("note", "é€\ud83d\ude00 and a lone \ud800 surrogate");
        return m;
    }

    @Test
    void aDocumentWithEveryAnnotationTagAndTokenIdsHasTheFormatsBytes() throws IOException {
        TokenIds ids = TokenIds.of("cl100k_base", "<fim>", new int[] {1, 300, 100_000});
        Document d = Document.ofText(DocId.of("d1"), new SourceRef("in", "org/repo", "a/b.py"), "x = 'é€😀'\n",
                Annotations.ofRaw(annotations())).withTokens(ids);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        DocumentCodec.write(d, new DataOutputStream(got));

        ByteArrayOutputStream want = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(want);
        str(o, d.id().value());
        str(o, "in");
        str(o, "org/repo");
        str(o, "a/b.py");
        o.writeByte('T');
        str(o, "x = 'é€😀'\n");
        o.writeInt(6);
        // annotations in name order (Annotations keeps a sorted map)
        str(o, "alpha");
        o.writeByte('D');
        o.writeDouble(0.75);
        str(o, "is_generated");
        o.writeByte('B');
        o.writeBoolean(false);
        str(o, "language");
        o.writeByte('S');
        str(o, "Python");
        str(o, "licenses");
        o.writeByte('A');
        o.writeInt(2);
        str(o, "MIT");
        str(o, "Apache-2.0");
        str(o, "note");
        o.writeByte('S');
        str(o, "é€\ud83d\ude00 and a lone \ud800 surrogate");
        str(o, "size");
        o.writeByte('L');
        o.writeLong(1234L);
        o.writeByte('K');
        str(o, "cl100k_base");
        o.writeBoolean(true);
        str(o, "<fim>");
        o.writeInt(3);
        o.writeInt(ids.packed().length);
        o.write(ids.packed());
        assertThat(got.toByteArray()).isEqualTo(want.toByteArray());

        Document back = DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(got.toByteArray())));
        assertThat(back.id()).isEqualTo(d.id());
        assertThat(back.source()).isEqualTo(d.source());
        assertThat(back.text()).isEqualTo(d.text());
        Map<String, Object> a = new LinkedHashMap<>(annotations());
        a.put("note", "é€\ud83d\ude00 and a lone ? surrogate"); // UTF-8 has no lone surrogate: '?' as String.getBytes writes
        assertThat(back.annotations().asMap()).containsExactlyInAnyOrderEntriesOf(a);
        assertThat(back.tokens().packed()).isEqualTo(ids.packed());
        assertThat(back.tokens().count()).isEqualTo(3);
        assertThat(back.tokens().sentinels()).isEqualTo("<fim>");
    }

    @Test
    void rawBytesWithoutTokensReadBackAndABadTagIsACorruptSpillFile() throws IOException {
        Document d = Document.ofBytes(DocId.of("r"), new SourceRef("in", "r", "img.bin"), new byte[] {0, (byte) 0xff, 7},
                Annotations.EMPTY);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        DocumentCodec.write(d, new DataOutputStream(got));
        byte[] b = got.toByteArray();
        Document back = DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
        assertThat(back.bytes()).containsExactly(0, 0xff, 7);
        assertThat(back.tokens()).isNull();
        assertThat(b[b.length - 1]).isEqualTo((byte) 'N');

        b[b.length - 1] = 'Q';
        assertThatThrownBy(() -> DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(b))))
                .isInstanceOf(IOException.class).hasMessageContaining("token tag 81");
    }
}
