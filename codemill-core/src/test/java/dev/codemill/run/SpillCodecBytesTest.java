package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The spill codec's bytes stay the format's (length-prefixed UTF-8; keys as UTF-16 chars) and read back whole. */
class SpillCodecBytesTest {
    private static byte[] keyed(String key, Document d) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LocalRunner.Keyed.CODEC.write(new LocalRunner.Keyed(key, d), new DataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void keyIsWrittenAsWriteCharsWouldAndReadBack() throws IOException {
        Document d = Document.ofText(DocId.of("a"), new SourceRef("in", "r", "a.py"), "x = 'é€😀'\n", Annotations.EMPTY);
        String key = "r/\u00e9\u20ac\ud83d\ude00\u0000z";
        byte[] got = keyed(key, d);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(expected);
        e.writeInt(key.length());
        e.writeChars(key);
        DocumentCodec.write(d, e);
        assertThat(got).isEqualTo(expected.toByteArray());
        LocalRunner.Keyed back = LocalRunner.Keyed.CODEC.read(new DataInputStream(new ByteArrayInputStream(got)));
        assertThat(back.key()).isEqualTo(key);
        assertThat(back.doc().text()).isEqualTo("x = 'é€😀'\n");
    }

    @Test
    void stringsOfEverySizeReadBackThroughTheReusedBuffer() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        String[] texts = {"", "a", "é".repeat(5000), "x".repeat(9000), "😀".repeat(300_000), "short again"};
        for (String t : texts) {
            DocumentCodec.writeString(out, t);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
        for (String t : texts) {
            assertThat(DocumentCodec.readString(in)).isEqualTo(t);
        }
        byte[] bytes = b.toByteArray();
        assertThat(bytes.length).isEqualTo(6 * 4 + 1 + 10_000 + 9000 + 1_200_000 + 11);
        assertThat(new String(bytes, 4, 0, StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aNegativeLengthIsACorruptSpillFile() {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}));
        assertThatThrownBy(() -> DocumentCodec.readString(in)).isInstanceOf(IOException.class).hasMessageContaining("corrupt spill file");
    }
}
