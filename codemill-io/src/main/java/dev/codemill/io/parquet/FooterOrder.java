package dev.codemill.io.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's footer independent of the JVM that wrote it. parquet-java collects a
 * column chunk's encodings in a {@code HashSet} of enum constants, whose iteration order follows
 * identity hash codes, so the same rows give footers that differ between processes
 * (apache/parquet-java#3215, open). This rewrites each chunk's {@code encodings} list in
 * ascending Thrift value order, in place: the compact-protocol footer keeps its length, so no
 * offset moves. Called after the writer has closed the file.
 */
public final class FooterOrder {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private FooterOrder() {
    }

    public static void sortEncodings(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - 8);
            int footerLength = tail.getInt(0);
            for (int i = 0; i < 4; i++) {
                if (tail.get(4 + i) != MAGIC[i]) {
                    throw new IOException(file + " is not a Parquet file (no PAR1 magic at its end)");
                }
            }
            long footerStart = size - 8 - footerLength;
            ByteBuffer footer = ByteBuffer.allocate(footerLength);
            readFully(ch, footer, footerStart);
            FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            boolean changed = false;
            for (RowGroup rg : meta.getRow_groups()) {
                for (ColumnChunk chunk : rg.getColumns()) {
                    ColumnMetaData cm = chunk.getMeta_data();
                    List<Encoding> encodings = cm.getEncodings();
                    List<Encoding> sorted = encodings.stream().sorted(Comparator.comparingInt(Encoding::getValue)).toList();
                    if (!sorted.equals(encodings)) {
                        cm.setEncodings(new java.util.ArrayList<>(sorted));
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return;
            }
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(footerLength);
            Util.writeFileMetaData(meta, rewritten);
            if (rewritten.size() != footerLength) {
                throw new IOException(file + ": the re-serialized footer has " + rewritten.size()
                        + " bytes instead of " + footerLength);
            }
            ch.write(ByteBuffer.wrap(rewritten.toByteArray()), footerStart);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        buf.flip();
    }
}
