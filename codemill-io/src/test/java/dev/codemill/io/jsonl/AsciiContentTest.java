package dev.codemill.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.io.OutputColumns;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.run.DocumentCodec;
import dev.codemill.run.ShardWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ASCII content written from its UTF-8 bytes has writeString's bytes; parts of spilled and unspilled documents are equal. */
class AsciiContentTest {
    private static byte[] row(Object content) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "x");
        m.put("content", content);
        m.put("n", 3L);
        return OutputColumns.JSON.writeValueAsBytes(m);
    }

    private static void assertSameJson(String ascii) throws IOException {
        byte[] utf8 = ascii.getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(utf8, StandardCharsets.US_ASCII)).isEqualTo(ascii);
        assertThat(row(new JsonlZstFormat.AsciiContent(utf8))).isEqualTo(row(ascii));
    }

    @Test
    void everyAsciiCharAndRandomAsciiTextsOfEveryLengthClassGiveWriteStringsBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
            assertSameJson(String.valueOf(c));
        }
        assertSameJson(all.toString());
        assertSameJson("");
        assertSameJson("line\r\nwith \"quotes\" and \\ and </script> and \u007f\t");
        Random r = new Random(5);
        int[] lengths = {1, 7, 100, 7999, 8000, 8001, 16_384, 65_535, 65_537, 200_000};
        for (int len : lengths) {
            for (int k = 0; k < 3; k++) {
                StringBuilder sb = new StringBuilder(len);
                for (int i = 0; i < len; i++) { // mostly printable, some controls and escapes
                    int x = r.nextInt(100);
                    sb.append(x < 90 ? (char) (0x20 + r.nextInt(0x5f)) : x < 95 ? "\n\r\t\"\\".charAt(r.nextInt(5)) : (char) r.nextInt(0x80));
                }
                assertSameJson(sb.toString());
            }
        }
    }

    private static Document spilled(Document d) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DocumentCodec.write(d, new DataOutputStream(b));
        return DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    }

    @Test
    void aPartOfSpilledDocumentsHasTheBytesOfThePartOfTheSameDocumentsUnspilled(@TempDir Path dir) throws IOException {
        List<String> texts = List.of("print('hi')\r\n", "", "x = \"\\u00e9\"\n\u0001", "caf\u00e9\n", "emoji \ud83d\ude00\n",
                "a".repeat(70_000) + "\"\n");
        List<Document> fresh = new ArrayList<>();
        for (String t : texts) {
            Map<String, Object> ann = new LinkedHashMap<>();
            ann.put("language", "Python");
            ann.put("size", (long) t.length());
            fresh.add(Document.ofText(DocId.of(t), new SourceRef("in", "org/r", "f.py"), t, Annotations.ofRaw(ann)));
        }
        JsonlZstFormat f = new JsonlZstFormat();
        Path a = dir.resolve("a.jsonl.zst");
        Path b = dir.resolve("b.jsonl.zst");
        int known = 0;
        try (ShardWriter wa = f.openData(a); ShardWriter wb = f.openData(b)) {
            for (Document d : fresh) {
                Document s = spilled(d);
                known += s.isKnownAscii() ? 1 : 0;
                assertThat(d.isKnownAscii()).isFalse();
                wa.writeDocument(d);
                wb.writeDocument(s);
            }
        }
        assertThat(known).isEqualTo(4); // the four ASCII texts take the bytes path
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(JsonlZstFormat.readData(b).get(5).get("content")).isEqualTo(texts.get(5));
    }
}
