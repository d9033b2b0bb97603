package dev.codemill.run;

import dev.codemill.model.Document;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash-partitioned spill files on disk: documents (or ledger rows) are appended to the
 * partition of their key, and a partition is read back whole. This keeps the runner's memory
 * bounded by one partition instead of the corpus. Appends are synchronized per partition;
 * the order inside a file depends on thread timing, so readers sort what they read.
 */
final class SpillStore implements AutoCloseable {
    private final Path dir;
    private final DataOutputStream[] outs;
    private final Object[] locks;

    SpillStore(Path dir, int partitions) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.outs = new DataOutputStream[partitions];
        this.locks = new Object[partitions];
        for (int i = 0; i < partitions; i++) {
            locks[i] = new Object();
        }
    }

    int partitions() {
        return outs.length;
    }

    /** The partition of a key: {@code floorMod(key.hashCode(), partitions)} (String hashCode is specified). */
    int partitionOf(String key) {
        return Math.floorMod(key.hashCode(), outs.length);
    }

    void append(String key, Document doc) {
        write(partitionOf(key), out -> DocumentCodec.write(doc, out));
    }

    void append(LedgerRow row) {
        write(partitionOf(row.id()), out -> DocumentCodec.writeLedger(row, out));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private void write(int p, Writer w) {
        synchronized (locks[p]) {
            try {
                if (outs[p] == null) {
                    outs[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(p)), 1 << 16));
                }
                w.write(outs[p]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spill file " + file(p), e);
            }
        }
    }

    private Path file(int p) {
        return dir.resolve(String.format("spill-%05d.bin", p));
    }

    /** Closes all writers; call before reading. */
    @Override
    public void close() throws IOException {
        for (int p = 0; p < outs.length; p++) {
            synchronized (locks[p]) {
                if (outs[p] != null) {
                    outs[p].close();
                    outs[p] = null;
                }
            }
        }
    }

    List<Document> readDocuments(int p) throws IOException {
        List<Document> docs = new ArrayList<>();
        readAll(p, in -> docs.add(DocumentCodec.read(in)));
        return docs;
    }

    List<LedgerRow> readLedger(int p) throws IOException {
        List<LedgerRow> rows = new ArrayList<>();
        readAll(p, in -> rows.add(DocumentCodec.readLedger(in)));
        return rows;
    }

    private interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    private void readAll(int p, Reader r) throws IOException {
        Path f = file(p);
        if (!Files.exists(f)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
            while (true) {
                in.mark(1);
                if (in.read() < 0) {
                    break;
                }
                in.reset();
                try {
                    r.read(in);
                } catch (EOFException e) {
                    throw new IOException("truncated spill file " + f, e);
                }
            }
        }
        Files.delete(f);
    }
}
