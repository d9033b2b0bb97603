package dev.codemill.io.megatron;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Megatron-LM indexed dataset format ("MMIDIDX"), as written by Megatron-LM's
 * {@code IndexedDatasetBuilder} and read by its {@code IndexedDataset}. This class is the one
 * place where the byte layout is written down; {@link MegatronWriter} and {@link MegatronReader}
 * use only the constants and offsets here.
 *
 * <p>Source: {@code megatron/core/datasets/indexed_dataset.py} in NVIDIA/Megatron-LM, read at
 * commit {@code 00caa53af30912914981c86f39db123961678bbd} ({@code _INDEX_HEADER},
 * {@code DType}, {@code _IndexWriter.write}, {@code _IndexReader.__init__},
 * {@code IndexedDatasetBuilder}).
 *
 * <p>A dataset is two files sharing a path prefix: {@code PREFIX.bin} and {@code PREFIX.idx}.
 * All integers are little-endian.
 *
 * <h2>{@code .bin}</h2>
 * The token ids of all sequences, concatenated in write order, each id stored as one element of
 * the dataset's {@link DType} (no header, no padding, no separators). Sequence {@code i} occupies
 * bytes {@code [pointer[i], pointer[i] + length[i] * itemSize)}.
 *
 * <h2>{@code .idx}</h2>
 * <pre>
 * offset            size            field
 * 0                 9               magic "MMIDIDX\0\0"
 * 9                 8  (u64)        version, always 1
 * 17                1  (u8)         dtype code of the .bin elements ({@link DType#code()})
 * 18                8  (u64)        S = sequence count
 * 26                8  (u64)        D = length of the document index array (documents + 1)
 * 34                4*S (i32)       length[i]: tokens in sequence i
 * 34+4S             8*S (i64)       pointer[i]: byte offset of sequence i in .bin
 *                                   (pointer[0] = 0, pointer[i+1] = pointer[i] + length[i]*itemSize)
 * 34+12S            8*D (i64)       document index: docIdx[0] = 0, docIdx[k+1] = number of
 *                                   sequences written when document k ended; docIdx[D-1] = S
 * 34+12S+8D         S   (i8)        optional, multimodal datasets only: mode per sequence
 *                                   (not flagged in the header; Codemill never writes it)
 * </pre>
 * Document {@code k} is sequences {@code [docIdx[k], docIdx[k+1])}; a document may hold zero
 * sequences (Megatron's {@code end_document()} appends the current count unconditionally). Note
 * the header's "document count" ({@code D}) is the length of the index array, i.e. one more than
 * the number of documents, because the array starts with a 0.
 *
 * <h2>Token dtype</h2>
 * Megatron's {@code DType.optimal_dtype(vocab_size)} picks {@code uint16} when the vocabulary size
 * is below {@value #UINT16_VOCAB_LIMIT} and {@code int32} otherwise; {@link #dtypeFor(int)}
 * reproduces that rule.
 */
public final class MegatronLayout {
    private MegatronLayout() {}

    /** The 9 magic bytes {@code "MMIDIDX\0\0"} that open every {@code .idx} file. */
    private static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);

    /** Format version written after the magic (u64); Megatron only accepts 1. */
    public static final long VERSION = 1L;

    /** Byte offset of the version field. */
    public static final int VERSION_OFFSET = 9;
    /** Byte offset of the dtype code (u8). */
    public static final int DTYPE_OFFSET = 17;
    /** Byte offset of the sequence count (u64). */
    public static final int SEQUENCE_COUNT_OFFSET = 18;
    /** Byte offset of the document index array length (u64). */
    public static final int DOCUMENT_COUNT_OFFSET = 26;
    /** Size of the fixed header in bytes; the sequence lengths start here. */
    public static final int HEADER_SIZE = 34;

    /**
     * Vocabulary sizes strictly below this use {@code uint16} tokens, others {@code int32}
     * (Megatron-LM {@code DType.optimal_dtype}: {@code cardinality < 65500}).
     */
    public static final int UINT16_VOCAB_LIMIT = 65500;

    /** Suffix of the token data file. */
    public static final String BIN_SUFFIX = ".bin";
    /** Suffix of the index file. */
    public static final String IDX_SUFFIX = ".idx";

    /** @return a fresh copy of the 9 magic bytes {@code "MMIDIDX\0\0"} */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /**
     * Megatron-LM's {@code DType} enum: numpy element types and their codes in the {@code .idx}
     * header. Codemill writes only {@link #UINT16} and {@link #INT32}; the reader also accepts
     * the other integer types.
     */
    public enum DType {
        UINT8(1, 1), INT8(2, 1), INT16(3, 2), INT32(4, 4), INT64(5, 8),
        FLOAT64(6, 8), FLOAT32(7, 4), UINT16(8, 2);

        private final int code;
        private final int size;

        DType(int code, int size) {
            this.code = code;
            this.size = size;
        }

        /** @return the u8 code stored at {@link #DTYPE_OFFSET} */
        public int code() {
            return code;
        }

        /** @return element size in bytes */
        public int size() {
            return size;
        }

        /**
         * @param code a dtype code read from an {@code .idx} header
         * @return the dtype with that code
         * @throws IllegalArgumentException when no dtype has that code
         */
        public static DType fromCode(int code) {
            for (DType d : values()) {
                if (d.code == code) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown Megatron dtype code " + code);
        }
    }

    /**
     * The token dtype for a vocabulary, as Megatron-LM's {@code DType.optimal_dtype}.
     *
     * @param vocabSize number of token ids (ids are {@code 0 .. vocabSize-1}); must be positive
     * @return {@link DType#UINT16} when {@code vocabSize < 65500}, else {@link DType#INT32}
     * @throws IllegalArgumentException when {@code vocabSize <= 0}
     */
    public static DType dtypeFor(int vocabSize) {
        if (vocabSize <= 0) {
            throw new IllegalArgumentException("vocabulary size must be positive: " + vocabSize);
        }
        return vocabSize < UINT16_VOCAB_LIMIT ? DType.UINT16 : DType.INT32;
    }

    /** @return byte offset of the sequence pointers (i64) for {@code sequences} sequences */
    public static long pointersOffset(long sequences) {
        return HEADER_SIZE + 4L * sequences;
    }

    /** @return byte offset of the document index array (i64) for {@code sequences} sequences */
    public static long documentIndexOffset(long sequences) {
        return HEADER_SIZE + 12L * sequences;
    }

    /**
     * @param sequences sequence count S
     * @param documentIndexLength length D of the document index array (documents + 1)
     * @return size in bytes of an {@code .idx} file without sequence modes
     */
    public static long indexSize(long sequences, long documentIndexLength) {
        return documentIndexOffset(sequences) + 8L * documentIndexLength;
    }

    /** @return {@code PREFIX.bin} */
    public static Path binPath(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + BIN_SUFFIX);
    }

    /** @return {@code PREFIX.idx} */
    public static Path idxPath(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + IDX_SUFFIX);
    }
}
