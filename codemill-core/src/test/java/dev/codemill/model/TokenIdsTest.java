package dev.codemill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenIdsTest {
    @Test
    void idsPackAsLeb128VarintsAndUnpackExactly() {
        // 0 and 127: 1 byte; 128 and 16383: 2 bytes; 16384, 100257 (cl100k EOS), 199999 (o200k EOS): 3 bytes
        TokenIds t = TokenIds.of("cl100k_base", null, new int[] {0, 127, 128, 16383, 16384, 100257, 199999});
        assertThat(t.count()).isEqualTo(7);
        assertThat(t.packed()).hasSize(1 + 1 + 2 + 2 + 3 + 3 + 3);
        assertThat(t.packed()).startsWith((byte) 0, (byte) 127, (byte) 0x80, (byte) 0x01);
        assertThat(t.ids()).containsExactly(0, 127, 128, 16383, 16384, 100257, 199999);
        assertThat(TokenIds.of("x", null, new int[0]).ids()).isEmpty();
        assertThat(TokenIds.of("x", null, new int[] {Integer.MAX_VALUE}).ids()).containsExactly(Integer.MAX_VALUE);
    }

    @Test
    void packedBytesAreCheckedAgainstTheCount() {
        byte[] packed = TokenIds.of("x", null, new int[] {300, 5}).packed();
        assertThat(TokenIds.ofPacked("x", null, packed, 2).ids()).containsExactly(300, 5);
        assertThatThrownBy(() -> TokenIds.ofPacked("x", null, packed, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold 2 ids, expected 3");
        // a cut-off varint (continuation bit on the last byte)
        assertThatThrownBy(() -> TokenIds.ofPacked("x", null, new byte[] {5, (byte) 0x81}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenIds.of("x", null, new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsFollowTheDocumentUntilItsTextChanges() {
        TokenIds t = TokenIds.of("cl100k_base", null, new int[] {1, 2});
        Document d = Document.ofText(DocId.of("a"), new SourceRef("in", "r", "a.py"), "ab", Annotations.EMPTY).withTokens(t);
        assertThat(d.tokens()).isSameAs(t);
        assertThat(d.with(Keys.LANGUAGE, "Python").tokens()).isSameAs(t);
        assertThat(d.withAnnotations(Annotations.EMPTY).tokens()).isSameAs(t);
        assertThat(d.withText("ab").tokens()).isNull();
        assertThat(d.withTokens(null).tokens()).isNull();
        assertThat(d).isNotEqualTo(d.withTokens(null));
    }

    @Test
    void matchesNeedTheSameTokenizerAndSentinels() {
        TokenIds t = TokenIds.of("cl100k_base", "0-12", new int[] {1});
        assertThat(t.matches("cl100k_base", "0-12")).isTrue();
        assertThat(t.matches("o200k_base", "0-12")).isFalse();
        assertThat(t.matches("cl100k_base", null)).isFalse();
        assertThat(TokenIds.of("cl100k_base", null, new int[] {1}).matches("cl100k_base", null)).isTrue();
    }
}
