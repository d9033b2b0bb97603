package dev.codemill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** A text known to be ASCII: set only by ofAsciiText, kept by copies with the same text, dropped with the text. */
class DocumentAsciiTest {
    private static final SourceRef SRC = new SourceRef("in", "r", "a.py");

    @Test
    void knownAsciiIsKeptByCopiesWithTheSameTextAndDroppedByWithText() {
        Document d = Document.ofAsciiText(DocId.of("a"), SRC, "x = 1\r\n", Annotations.EMPTY);
        assertThat(d.isKnownAscii()).isTrue();
        assertThat(d).isEqualTo(Document.ofText(DocId.of("a"), SRC, "x = 1\r\n", Annotations.EMPTY));
        Document copy = d.with(Key.of("size", Long.class), 3L).withTokens(null).withAnnotations(d.annotations());
        assertThat(copy.isKnownAscii()).isTrue();
        assertThat(copy.withText("x = 1\r\n").isKnownAscii()).isFalse(); // a new text is not known to be ASCII
    }

    @Test
    void otherDocumentsAreNotKnownAscii() {
        assertThat(Document.ofText(DocId.of("t"), SRC, "plain", Annotations.EMPTY).isKnownAscii()).isFalse();
        assertThat(Document.ofBytes(DocId.of("b"), SRC, new byte[] {'a'}, Annotations.EMPTY).isKnownAscii()).isFalse();
    }

    @Test
    @SuppressWarnings("AssertWithSideEffects")
    void aNonAsciiTextIsRefusedWhereAssertionsRun() {
        boolean enabled = false;
        assert enabled = true;
        assumeTrue(enabled, "needs -ea (surefire's default)");
        assertThatThrownBy(() -> Document.ofAsciiText(DocId.of("n"), SRC, "caf\u00e9", Annotations.EMPTY))
                .isInstanceOf(AssertionError.class);
    }
}
