package dev.codemill.io.packed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Packs documents into fixed-length token sequences: documents are concatenated in output order,
 * each followed by the EOS id, and the stream is cut every {@code seqLength} tokens. Every row is
 * exactly {@code seqLength} tokens long except the last, which holds what is left (shorter, never
 * padded, so no pad id is invented: cl100k and o200k have none). No boundary is lost: each row
 * lists, for every document piece in it, where the piece starts in the row, at which token of
 * its document it starts, and the document's id.
 *
 * <p><b>Policy for documents longer than the sequence: continue.</b> A document that does not
 * fit in the rest of a row continues at the start of the next row (and the next, for as long as
 * it lasts); its pieces keep its id, and {@code doc_offsets > 0} marks a continuation. This is
 * the "concatenate and chunk" packing of Hugging Face's {@code run_clm.py} ({@code group_texts})
 * and of Megatron-LM's {@code GPTDataset} (which samples {@code seq_length} windows across
 * document boundaries of its shuffled document stream): every token is trained on, none is
 * padding. Not chosen:
 * <ul>
 *   <li><i>truncate</i> (cut a document at {@code seqLength} and drop the rest): loses the tail
 *       of every long file, i.e. systematically the ends of large source files;</li>
 *   <li><i>pad per document</i> (one or more rows per document, each padded to
 *       {@code seqLength}): on code, whose median file is far shorter than 4,096 tokens, most
 *       of every row would be padding, wasting compute, and it needs a pad id.</li>
 * </ul>
 * Trainers that must not attend across documents use the per-row starts as
 * {@code cu_seqlens} (append the row length) for variable-length attention.
 *
 * <p>Deterministic: the rows depend only on the documents and their order. Not thread-safe.
 */
public final class SequencePacker {
    /**
     * One packed row.
     *
     * @param inputIds   the tokens, {@code seqLength} of them except in the last row
     * @param docStarts  for each document piece in the row, its first position in
     *                   {@code inputIds} (ascending, the first is 0)
     * @param docOffsets for each piece, the index of its first token within its document
     *                   (EOS counted as the document's last token); 0 where a document begins
     * @param docIds     for each piece, its document's id
     */
    public record Row(int[] inputIds, int[] docStarts, int[] docOffsets, List<String> docIds) {
    }

    private final int seqLength;
    private final int eosId;
    private final Consumer<Row> sink;
    private final int[] buf;
    private int pos;
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private long tokens;
    private long rows;

    /**
     * @param seqLength tokens per row, at least 1
     * @param eosId     id appended after every document
     * @param sink      receives each row as soon as it is full (and the last one at {@link #finish})
     */
    public SequencePacker(int seqLength, int eosId, Consumer<Row> sink) {
        if (seqLength < 1) {
            throw new IllegalArgumentException("seq_length must be at least 1: " + seqLength);
        }
        this.seqLength = seqLength;
        this.eosId = eosId;
        this.sink = sink;
        this.buf = new int[seqLength];
    }

    /** Appends a document's tokens (without EOS; the packer appends it). */
    public void add(String docId, int[] tokenIds) {
        int total = tokenIds.length + 1;
        int offset = 0;
        while (offset < total) {
            starts.add(pos);
            offsets.add(offset);
            ids.add(docId);
            int n = Math.min(seqLength - pos, total - offset);
            int fromIds = Math.max(0, Math.min(n, tokenIds.length - offset));
            System.arraycopy(tokenIds, offset, buf, pos, fromIds);
            if (fromIds < n) {
                buf[pos + fromIds] = eosId; // n - fromIds is 1: the EOS
            }
            pos += n;
            offset += n;
            if (pos == seqLength) {
                emit();
            }
        }
        tokens += total;
    }

    /** Emits the last, shorter row if tokens are left. Idempotent. */
    public void finish() {
        if (pos > 0) {
            emit();
        }
    }

    /** Tokens added so far, EOS included. */
    public long tokens() {
        return tokens;
    }

    /** Rows emitted so far. */
    public long rows() {
        return rows;
    }

    private void emit() {
        int[] row = java.util.Arrays.copyOf(buf, pos);
        sink.accept(new Row(row, toArray(starts), toArray(offsets), List.copyOf(ids)));
        rows++;
        pos = 0;
        starts.clear();
        offsets.clear();
        ids.clear();
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
