package dev.codemill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A document's kept UTF-8 form: String.getBytes(UTF_8)'s bytes, shared by copies with the same text, dropped with the text. */
class DocumentUtf8Test {
    private static final SourceRef SRC = new SourceRef("in", "r", "a.py");

    @Test
    void textUtf8IsGetBytesKeptByCopiesAndDroppedByWithText() {
        Document d = Document.ofText(DocId.of("a"), SRC, "x = 'é'\r\n", Annotations.EMPTY);
        byte[] b = d.textUtf8();
        assertThat(b).containsExactly('x', ' ', '=', ' ', '\'', 0xc3, 0xa9, '\'', '\r', '\n');
        assertThat(d.textUtf8()).isSameAs(b);
        assertThat(d.isAsciiUtf8()).isFalse();
        Document copy = d.with(Key.of("size", Long.class), 3L).withTokens(null).withAnnotations(d.annotations());
        assertThat(copy.textUtf8()).isSameAs(b);
        Document changed = copy.withText("y = 1\n");
        assertThat(changed.textUtf8()).containsExactly('y', ' ', '=', ' ', '1', '\n');
        assertThat(changed.isAsciiUtf8()).isTrue();
    }

    @Test
    void aLoneSurrogateIsAQuestionMarkAsGetBytesWritesAndRawDocumentsHaveNone() {
        Document d = Document.ofText(DocId.of("s"), SRC, "a\ud800b\ud83d\ude00", Annotations.EMPTY);
        assertThat(d.textUtf8()).containsExactly('a', '?', 'b', 0xf0, 0x9f, 0x98, 0x80);
        assertThat(d.isAsciiUtf8()).isFalse();
        assertThat(Document.ofText(DocId.of("s"), SRC, "a\ud800", Annotations.EMPTY).isAsciiUtf8()).isTrue(); // "a?"
        Document raw = Document.ofBytes(DocId.of("r"), SRC, new byte[] {1}, Annotations.EMPTY);
        assertThat(raw.textUtf8()).isNull();
        assertThat(raw.isAsciiUtf8()).isFalse();
        assertThat(Document.ofText(DocId.of("e"), SRC, "", Annotations.EMPTY).isAsciiUtf8()).isTrue();
    }

    @Test
    void ofTextUtf8KeepsTheGivenArrayAndRejectsLengthsNoEncodingHas() {
        byte[] b = "añb".getBytes(StandardCharsets.UTF_8);
        Document d = Document.ofTextUtf8(DocId.of("u"), SRC, "añb", b, Annotations.EMPTY);
        assertThat(d.textUtf8()).isSameAs(b);
        assertThat(d).isEqualTo(Document.ofText(DocId.of("u"), SRC, "añb", Annotations.EMPTY));
        assertThat(d.isKnownAscii()).isFalse();
        Document ascii = Document.ofTextUtf8(DocId.of("u"), SRC, "ab\n", "ab\n".getBytes(StandardCharsets.UTF_8), Annotations.EMPTY);
        assertThat(ascii.isKnownAscii()).isTrue();
        assertThat(ascii.with(Key.of("size", Long.class), 3L).withTokens(null).isKnownAscii()).isTrue();
        assertThat(ascii.withText("ab\n").isKnownAscii()).isFalse(); // not decoded from bytes: may hold a lone surrogate
        assertThat(Document.ofText(DocId.of("u"), SRC, "ab", Annotations.EMPTY).isKnownAscii()).isFalse();
        assertThatThrownBy(() -> Document.ofTextUtf8(DocId.of("u"), SRC, "abc", new byte[2], Annotations.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 UTF-8 bytes cannot encode 3 chars");
        assertThatThrownBy(() -> Document.ofTextUtf8(DocId.of("u"), SRC, "a", new byte[4], Annotations.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
