package dev.codemill.io.packed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencePackerTest {
    private static final int EOS = 99;

    private static List<SequencePacker.Row> pack(int seqLength, Object... idAndTokens) {
        List<SequencePacker.Row> rows = new ArrayList<>();
        SequencePacker p = new SequencePacker(seqLength, EOS, rows::add);
        for (int i = 0; i < idAndTokens.length; i += 2) {
            p.add((String) idAndTokens[i], (int[]) idAndTokens[i + 1]);
        }
        p.finish();
        p.finish();
        return rows;
    }

    @Test
    void documentsContinueIntoTheNextRowAndTheLastRowIsShorter() {
        List<SequencePacker.Row> rows = pack(8, "A", new int[] {1, 2, 3}, "B", new int[] {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14},
                "C", new int[] {15});
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).inputIds()).containsExactly(1, 2, 3, EOS, 4, 5, 6, 7);
        assertThat(rows.get(0).docStarts()).containsExactly(0, 4);
        assertThat(rows.get(0).docOffsets()).containsExactly(0, 0);
        assertThat(rows.get(0).docIds()).containsExactly("A", "B");
        assertThat(rows.get(1).inputIds()).containsExactly(8, 9, 10, 11, 12, 13, 14, EOS);
        assertThat(rows.get(1).docStarts()).containsExactly(0);
        assertThat(rows.get(1).docOffsets()).containsExactly(4);
        assertThat(rows.get(1).docIds()).containsExactly("B");
        assertThat(rows.get(2).inputIds()).containsExactly(15, EOS);
        assertThat(rows.get(2).docStarts()).containsExactly(0);
        assertThat(rows.get(2).docOffsets()).containsExactly(0);
        assertThat(rows.get(2).docIds()).containsExactly("C");
    }

    @Test
    void aDocumentLongerThanTwoRowsSpansThemAndEmptyDocumentsKeepTheirEos() {
        List<SequencePacker.Row> rows = pack(3, "E", new int[0], "L", new int[] {1, 2, 3, 4, 5, 6, 7}, "F", new int[0]);
        // stream: EOS | 1 2 3 4 5 6 7 EOS | EOS  (10 tokens)
        assertThat(rows).extracting(r -> r.inputIds().length).containsExactly(3, 3, 3, 1);
        assertThat(rows.get(0).inputIds()).containsExactly(EOS, 1, 2);
        assertThat(rows.get(0).docIds()).containsExactly("E", "L");
        assertThat(rows.get(0).docStarts()).containsExactly(0, 1);
        assertThat(rows.get(1).inputIds()).containsExactly(3, 4, 5);
        assertThat(rows.get(1).docOffsets()).containsExactly(2);
        assertThat(rows.get(2).inputIds()).containsExactly(6, 7, EOS);
        assertThat(rows.get(2).docOffsets()).containsExactly(5);
        assertThat(rows.get(3).inputIds()).containsExactly(EOS);
        assertThat(rows.get(3).docIds()).containsExactly("F");
    }

    @Test
    void aRowEndingExactlyAtAnEosStartsTheNextDocumentInAFreshRow() {
        SequencePacker p = new SequencePacker(4, EOS, r -> { });
        List<SequencePacker.Row> rows = pack(4, "A", new int[] {1, 2, 3}, "B", new int[] {4});
        assertThat(rows.get(0).inputIds()).containsExactly(1, 2, 3, EOS);
        assertThat(rows.get(0).docIds()).containsExactly("A");
        assertThat(rows.get(1).inputIds()).containsExactly(4, EOS);
        assertThat(rows.get(1).docStarts()).containsExactly(0);
        assertThat(p.tokens()).isZero();
        assertThat(pack(4)).isEmpty();
        assertThatThrownBy(() -> new SequencePacker(0, EOS, r -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
