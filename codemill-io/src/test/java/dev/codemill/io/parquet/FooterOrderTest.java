package dev.codemill.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.io.FormatsRoundTripTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FooterOrderTest {
    private static FileMetaData footer(byte[] file) throws Exception {
        int len = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - len, len));
    }

    /** Writes a footer whose encodings lists are in descending order, as another JVM might have. */
    private static byte[] withReversedEncodings(byte[] file) throws Exception {
        FileMetaData meta = footer(file);
        for (ColumnChunk c : meta.getRow_groups().get(0).getColumns()) {
            List<Encoding> reversed = new ArrayList<>(c.getMeta_data().getEncodings());
            reversed.sort(Collections.reverseOrder(java.util.Comparator.comparingInt(Encoding::getValue)));
            c.getMeta_data().setEncodings(reversed);
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, f);
        int len = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(f.size()).isEqualTo(len);
        byte[] out = file.clone();
        System.arraycopy(f.toByteArray(), 0, out, file.length - 8 - len, len);
        return out;
    }

    @Test
    void anyEncodingOrderIsRewrittenToTheSameBytes(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("part-00000.parquet");
        FormatsRoundTripTest.write(new ParquetFormat(), data, tmp.resolve("ledger.parquet"));
        byte[] canonical = Files.readAllBytes(data);
        for (ColumnChunk c : footer(canonical).getRow_groups().get(0).getColumns()) {
            List<Integer> values = c.getMeta_data().getEncodings().stream().map(Encoding::getValue).toList();
            assertThat(values).isSorted();
        }
        byte[] scrambled = withReversedEncodings(canonical);
        assertThat(scrambled).isNotEqualTo(canonical);
        Files.write(data, scrambled);
        FooterOrder.sortEncodings(data);
        assertThat(Files.readAllBytes(data)).isEqualTo(canonical);
        assertThat(ParquetFormat.readData(data)).hasSize(FormatsRoundTripTest.docs().size());
    }
}
