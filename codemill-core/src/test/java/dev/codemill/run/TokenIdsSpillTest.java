package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.model.TokenIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token ids computed in the chain cross the spills (and Spark, which uses the same codec) to the writers. */
class TokenIdsSpillTest {
    static Document doc(TokenIds t) {
        Document d = Document.ofText(DocId.of("a"), new SourceRef("in", "r", "a.py"), "def f(): pass\n",
                Annotations.EMPTY.with(Keys.NUM_TOKENS, 3L));
        return t == null ? d : d.withTokens(t);
    }

    static byte[] encode(Document d) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            DocumentCodec.write(d, out);
        }
        return b.toByteArray();
    }

    static Document decode(byte[] b) throws IOException {
        return DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
    }

    @Test
    void codecCarriesTheIdsTheirTokenizerAndSentinels() throws IOException {
        TokenIds t = TokenIds.of("cl100k_base", "0-12,21-33", new int[] {755, 282, 4658, 100257});
        Document back = decode(encode(doc(t)));
        assertThat(back).isEqualTo(doc(t));
        assertThat(back.tokens().ids()).containsExactly(755, 282, 4658, 100257);
        assertThat(back.tokens().sentinels()).isEqualTo("0-12,21-33");
        assertThat(decode(encode(doc(null))).tokens()).isNull();
        // without ids the form grows by one byte (the 'N' tag); with them by the packed ids and their header:
        // tag 1 + tokenizer 4+11 + sentinel flag 1 + spans 4+10 + count 4 + length 4 + 2+2+2+3 varint bytes
        assertThat(encode(doc(t)).length - encode(doc(null)).length).isEqualTo(1 + 15 + 1 + 14 + 4 + 4 + 9 - 1);
    }

    @Test
    void aCorruptCountIsAnIoErrorNotWrongIds() throws IOException {
        byte[] b = encode(doc(TokenIds.of("x", null, new int[] {1, 2})));
        // the count (4 bytes) sits before the packed length (4) and the 2 packed bytes
        b[b.length - 2 - 4 - 1] = 3;
        assertThatThrownBy(() -> decode(b)).isInstanceOf(IOException.class).hasMessageContaining("corrupt spill file");
    }

    @Test
    void anOutputFolderKeepsOnlyIdsItsFormatsWrite(@TempDir Path dir) throws IOException {
        TokenIds t = TokenIds.of("cl100k_base", null, new int[] {1, 2});
        for (String tokenizer : List.of("cl100k_base", "o200k_base")) {
            OutputFolder f = new OutputFolder("", dir.resolve(tokenizer), 1, Set.of(tokenizer));
            f.keep(doc(t));
            f.close();
            List<Document> back = f.kept.read(0);
            assertThat(back).singleElement().extracting(Document::tokens)
                    .isEqualTo(tokenizer.equals("cl100k_base") ? t : null);
        }
    }
}
