package dev.codemill.io.megatron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.megatron.MegatronLayout.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronRoundTripTest {
    @TempDir Path dir;

    /**
     * Golden bytes for a tiny uint16 dataset, laid out as Megatron-LM's _IndexWriter.write
     * (indexed_dataset.py @ 00caa53a): two documents, [[5,7],[9]] and [[]].
     */
    @Test
    void goldenBytesForTinyUint16Dataset() throws IOException {
        Path prefix = dir.resolve("tiny");
        try (MegatronWriter w = MegatronWriter.open(prefix, 100)) {
            w.add(new int[] {5, 7});
            w.add(new int[] {9});
            w.endDocument();
            w.add(new int[0]);
            w.endDocument();
        }
        byte[] expectedIdx = {
            'M', 'M', 'I', 'D', 'I', 'D', 'X', 0, 0, // magic
            1, 0, 0, 0, 0, 0, 0, 0, // version u64 = 1
            8, // dtype code: uint16
            3, 0, 0, 0, 0, 0, 0, 0, // sequence count u64 = 3
            3, 0, 0, 0, 0, 0, 0, 0, // document index length u64 = 2 documents + 1
            2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, // lengths i32: 2, 1, 0
            0, 0, 0, 0, 0, 0, 0, 0, // pointer i64: 0
            4, 0, 0, 0, 0, 0, 0, 0, // pointer i64: 4 (2 tokens x 2 bytes)
            6, 0, 0, 0, 0, 0, 0, 0, // pointer i64: 6
            0, 0, 0, 0, 0, 0, 0, 0, // document index: 0
            2, 0, 0, 0, 0, 0, 0, 0, // 2
            3, 0, 0, 0, 0, 0, 0, 0, // 3
        };
        assertThat(Files.readAllBytes(dir.resolve("tiny.idx"))).containsExactly(expectedIdx);
        assertThat(Files.readAllBytes(dir.resolve("tiny.bin"))).containsExactly(5, 0, 7, 0, 9, 0);
        assertThat(expectedIdx).hasSize((int) MegatronLayout.indexSize(3, 3));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("tiny.bin", "tiny.idx");
        }

        try (MegatronReader r = MegatronReader.open(prefix)) {
            assertThat(r.dtype()).isEqualTo(DType.UINT16);
            assertThat(r.sequenceCount()).isEqualTo(3);
            assertThat(r.documentCount()).isEqualTo(2);
            assertThat(r.documentIndices()).containsExactly(0L, 2L, 3L);
            assertThat(r.sequence(0)).containsExactly(5, 7);
            assertThat(r.sequence(1)).containsExactly(9);
            assertThat(r.sequence(2)).isEmpty();
            assertThat(r.document(0)).containsExactly(5, 7, 9);
            assertThat(r.document(1)).isEmpty();
        }
    }

    @Test
    void int32PathKeepsIdsAbove65535() throws IOException {
        Path prefix = dir.resolve("big");
        int vocab = 100_277; // cl100k_base
        int[] ids = {0, 65_535, 65_536, 100_000, 100_276};
        try (MegatronWriter w = MegatronWriter.open(prefix, vocab)) {
            assertThat(w.dtype()).isEqualTo(DType.INT32);
            w.add(ids);
            w.endDocument();
        }
        byte[] idx = Files.readAllBytes(dir.resolve("big.idx"));
        assertThat(idx[MegatronLayout.DTYPE_OFFSET]).isEqualTo((byte) 4);
        assertThat(Files.size(dir.resolve("big.bin"))).isEqualTo(20);
        try (MegatronReader r = MegatronReader.open(prefix)) {
            assertThat(r.dtype()).isEqualTo(DType.INT32);
            assertThat(r.sequence(0)).containsExactly(ids);
            assertThat(r.documentIndices()).containsExactly(0L, 1L);
        }
    }

    @Test
    void uint16IdsAbove32767ReadUnsigned() throws IOException {
        Path prefix = dir.resolve("u16");
        try (MegatronWriter w = MegatronWriter.open(prefix, 65_499)) {
            w.add(new int[] {32_767, 32_768, 65_498});
        }
        assertThat(Files.readAllBytes(dir.resolve("u16.bin")))
                .containsExactly(0xff, 0x7f, 0x00, 0x80, 0xda, 0xff);
        try (MegatronReader r = MegatronReader.open(prefix)) {
            assertThat(r.sequence(0)).containsExactly(32_767, 32_768, 65_498);
            // close() ended the open document
            assertThat(r.documentIndices()).containsExactly(0L, 1L);
        }
    }

    @Test
    void dtypeCutOffIsMegatrons65500() {
        assertThat(MegatronLayout.dtypeFor(1)).isEqualTo(DType.UINT16);
        assertThat(MegatronLayout.dtypeFor(50_257)).isEqualTo(DType.UINT16); // GPT-2
        assertThat(MegatronLayout.dtypeFor(65_499)).isEqualTo(DType.UINT16);
        assertThat(MegatronLayout.dtypeFor(65_500)).isEqualTo(DType.INT32);
        assertThat(MegatronLayout.dtypeFor(65_536)).isEqualTo(DType.INT32);
        assertThat(MegatronLayout.dtypeFor(200_019)).isEqualTo(DType.INT32); // o200k_base
        assertThatThrownBy(() -> MegatronLayout.dtypeFor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dtypeCodesAreMegatrons() {
        assertThat(DType.UINT8.code()).isEqualTo(1);
        assertThat(DType.INT8.code()).isEqualTo(2);
        assertThat(DType.INT16.code()).isEqualTo(3);
        assertThat(DType.INT32.code()).isEqualTo(4);
        assertThat(DType.INT64.code()).isEqualTo(5);
        assertThat(DType.FLOAT64.code()).isEqualTo(6);
        assertThat(DType.FLOAT32.code()).isEqualTo(7);
        assertThat(DType.UINT16.code()).isEqualTo(8);
        assertThat(DType.fromCode(8)).isEqualTo(DType.UINT16);
        assertThatThrownBy(() -> DType.fromCode(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyDocumentsRoundTripExactly() throws IOException {
        Path prefix = dir.resolve("many");
        Random rnd = new Random(7);
        int vocab = 70_000;
        List<List<int[]>> docs = new ArrayList<>();
        try (MegatronWriter w = MegatronWriter.open(prefix, vocab)) {
            for (int d = 0; d < 3000; d++) {
                List<int[]> seqs = new ArrayList<>();
                int n = rnd.nextInt(4); // 0..3 sequences, empty documents included
                for (int s = 0; s < n; s++) {
                    int[] ids = new int[rnd.nextInt(40)];
                    for (int k = 0; k < ids.length; k++) {
                        ids[k] = rnd.nextInt(vocab);
                    }
                    seqs.add(ids);
                    w.add(ids);
                }
                w.endDocument();
                docs.add(seqs);
            }
        }
        try (MegatronReader r = MegatronReader.open(prefix)) {
            assertThat(r.documentCount()).isEqualTo(3000);
            long[] di = r.documentIndices();
            assertThat(di).hasSize(3001);
            int seq = 0;
            for (int d = 0; d < docs.size(); d++) {
                assertThat(di[d]).isEqualTo(seq);
                for (int[] ids : docs.get(d)) {
                    assertThat(r.sequence(seq++)).containsExactly(ids);
                }
            }
            assertThat(di[3000]).isEqualTo(seq);
            assertThat(r.sequenceCount()).isEqualTo(seq);
        }
    }

    @Test
    void outOfVocabularyIdIsRejectedAndNothingPublishedOnAbort() throws IOException {
        Path prefix = dir.resolve("bad");
        MegatronWriter w = MegatronWriter.open(prefix, 100);
        w.add(new int[] {1, 2});
        assertThatThrownBy(() -> w.add(new int[] {3, 100}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token id 100 at position 1");
        assertThatThrownBy(() -> w.add(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThat(w.sequenceCount()).isEqualTo(1);
        w.abort();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> w.add(new int[] {1})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void beforeCloseOnlyTemporaryFilesExist() throws IOException {
        Path prefix = dir.resolve("part");
        try (MegatronWriter w = MegatronWriter.open(prefix, 100)) {
            w.add(new int[] {1});
            assertThat(dir.resolve("part.bin")).doesNotExist();
            assertThat(dir.resolve("part.idx")).doesNotExist();
            assertThat(dir.resolve("part.bin.tmp")).exists();
        }
        assertThat(dir.resolve("part.bin.tmp")).doesNotExist();
        assertThat(dir.resolve("part.idx.tmp")).doesNotExist();
    }

    @Test
    void emptyDatasetRoundTrips() throws IOException {
        Path prefix = dir.resolve("empty");
        MegatronWriter.open(prefix, 100).close();
        assertThat(Files.size(dir.resolve("empty.bin"))).isZero();
        assertThat(Files.size(dir.resolve("empty.idx"))).isEqualTo(34 + 8);
        try (MegatronReader r = MegatronReader.open(prefix)) {
            assertThat(r.sequenceCount()).isZero();
            assertThat(r.documentCount()).isZero();
            assertThat(r.documentIndices()).containsExactly(0L);
        }
    }

    @Test
    void readerRejectsCorruptIndexes() throws IOException {
        Path prefix = dir.resolve("c");
        try (MegatronWriter w = MegatronWriter.open(prefix, 100)) {
            w.add(new int[] {1, 2, 3});
            w.endDocument();
        }
        Path idx = dir.resolve("c.idx");
        byte[] good = Files.readAllBytes(idx);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(idx, badMagic);
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("bad magic");

        byte[] badVersion = good.clone();
        badVersion[MegatronLayout.VERSION_OFFSET] = 2;
        Files.write(idx, badVersion);
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("version 2");

        byte[] floatType = good.clone();
        floatType[MegatronLayout.DTYPE_OFFSET] = 7;
        Files.write(idx, floatType);
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("FLOAT32");

        Files.write(idx, java.util.Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("header implies");

        byte[] lastDoc = good.clone();
        ByteBuffer.wrap(lastDoc).order(ByteOrder.LITTLE_ENDIAN).putLong(good.length - 8, 5);
        Files.write(idx, lastDoc);
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("document index");

        Files.write(idx, good);
        Files.write(dir.resolve("c.bin"), new byte[] {1, 0, 2, 0});
        assertThatThrownBy(() -> MegatronReader.open(prefix)).hasMessageContaining("index needs 6");
    }

    /** Tiny map windows make idx values and sequences straddle window edges (the >2 GiB path). */
    @Test
    void readsAcrossMapWindows() throws IOException {
        Path prefix = dir.resolve("win");
        Random rnd = new Random(11);
        List<int[]> seqs = new ArrayList<>();
        try (MegatronWriter w = MegatronWriter.open(prefix, 100_277)) {
            for (int s = 0; s < 200; s++) {
                int[] ids = new int[rnd.nextInt(9)];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = rnd.nextInt(100_277);
                }
                seqs.add(ids);
                w.add(ids);
                if (s % 3 == 2) {
                    w.endDocument();
                }
            }
        }
        for (long window : new long[] {1, 3, 16, 37}) {
            try (MegatronReader r = MegatronReader.open(prefix, window)) {
                assertThat(r.sequenceCount()).isEqualTo(200);
                assertThat(r.documentCount()).isEqualTo(67);
                for (int s = 0; s < 200; s++) {
                    assertThat(r.sequence(s)).as("window %d sequence %d", window, s)
                            .containsExactly(seqs.get(s));
                }
            }
        }
    }
}
